"""What ``catalog init`` writes: every file of a new catalog repository, as text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from catalog_tool._version import __version__
from catalog_tool.catalog.layout import REGIONS_FILE
from catalog_tool.config import CONFIG_FILE
from catalog_tool.model import schema_export
from catalog_tool.model.codes import NATIONAL_REGION
from catalog_tool.scaffold.config_template import render_config
from catalog_tool.scaffold.sample import EXAMPLE_SITE, SAMPLE_CODE, SampleSite
from catalog_tool.scaffold.templates import fill, yaml_scalar

CATALOG_DIR = "items"
"""The catalog root inside the repository (what ``catalog validate`` uses by default)."""
WORKFLOW = ".github/workflows/catalog.yml"
PRE_COMMIT_CONFIG = ".pre-commit-config.yaml"
TOOL_REPO = "https://github.com/catalog-tool/catalog-tool"
"""Where pre-commit and CI get catalog-tool unless told otherwise (``--tool-repo``)."""
TOOL_REV = f"v{__version__}"
"""The release tag of this version: the scaffold pins the tool it was made with."""
SCHEMAS = ("item.schema.json", "regions.schema.json", "laws.schema.json")
"""Schemas the scaffold's files point their editors at (``yaml-language-server``)."""


@dataclass(frozen=True, slots=True)
class PlannedFile:
    """One file of the scaffold."""

    path: str
    """Relative to the repository, with ``/`` separators."""
    content: str


@dataclass(frozen=True, slots=True)
class ToolSource:
    """Where the new repository installs catalog-tool from (pre-commit hooks and CI)."""

    repo: str = TOOL_REPO
    """A git URL, or a local path (a mirror on an intranet, or a checkout for testing)."""
    rev: str = TOOL_REV
    """A tag or commit of that repository."""

    @property
    def pip_spec(self) -> str:
        """The pip requirement that installs exactly this revision."""
        url = self.repo
        if "://" not in url and not url.startswith("git@"):
            url = Path(url).resolve().as_uri()
        return f"catalog-tool @ git+{url}@{self.rev}"


def plan(site: SampleSite | None = None, source: ToolSource | None = None) -> list[PlannedFile]:
    """Every file of a new catalog repository: the sample catalog in ``items/`` for
    ``site`` (None: the example 省—市—县 chain), its config, hooks, CI and schemas."""
    source = source or ToolSource()
    files = [
        PlannedFile(".gitignore", fill("gitignore.txt", {})),
        PlannedFile(
            PRE_COMMIT_CONFIG,
            fill(
                "pre-commit-config.yaml",
                {"TOOL_REPO": yaml_scalar(source.repo), "TOOL_REV": yaml_scalar(source.rev)},
            ),
        ),
        PlannedFile(WORKFLOW, fill("workflow-catalog.yml", {"INSTALL_SPEC": source.pip_spec})),
        *(PlannedFile(f"schemas/{name}", schema_export.render(name)) for name in SCHEMAS),
        PlannedFile(f"{CATALOG_DIR}/{REGIONS_FILE}", _regions(site)),
        PlannedFile(f"{CATALOG_DIR}/{CONFIG_FILE}", render_config()),
        PlannedFile(
            f"{CATALOG_DIR}/{NATIONAL_REGION}/{SAMPLE_CODE}.yaml", fill("national-item.yaml", {})
        ),
    ]
    chosen = site or EXAMPLE_SITE
    if not chosen.national:
        files.append(
            PlannedFile(
                f"{CATALOG_DIR}/{chosen.code}/{SAMPLE_CODE}.yaml",
                fill(
                    "implementation-item.yaml",
                    {
                        "REGION_CODE": chosen.code,
                        "IMPL_CODE": chosen.impl_code,
                        "AGENCY_NAME": yaml_scalar(chosen.agency),
                        "CREDIT_CODE": chosen.credit_code,
                        "VENUE_ADDRESS": yaml_scalar(chosen.address),
                    },
                ),
            )
        )
    return files


def _regions(site: SampleSite | None) -> str:
    if site is None:
        return fill("regions-example.yaml", {})
    if site.national:
        return fill("regions-national.yaml", {"REGION_NAME": yaml_scalar(site.name)})
    return fill(
        "regions-single.yaml", {"REGION_CODE": site.code, "REGION_NAME": yaml_scalar(site.name)}
    )
