"""``export_guide``: the one entry point of ``catalog export guide`` for every format."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from catalog_tool.catalog.regions import RegionTree
from catalog_tool.config import LoadedConfig, find_config, load_config
from catalog_tool.engine.run import validate
from catalog_tool.model.codes import NATIONAL_REGION
from catalog_tool.model.item import Item
from catalog_tool.publish import labels as lb
from catalog_tool.publish.formats import GuideFormat
from catalog_tool.publish.load import (
    Held,
    Scope,
    Skipped,
    catalog_file,
    catalog_scope,
    map_items,
    placed,
    withheld,
    withheld_files,
)
from catalog_tool.publish.markdown import MarkdownTask, markdown_index
from catalog_tool.publish.model import GuideItem, guide_item, publishable
from catalog_tool.publish.output import Output, OutputSummary
from catalog_tool.publish.site import build_site, site_name
from catalog_tool.stats.model import Stats
from catalog_tool.text import Lang


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote."""

    format: GuideFormat
    output: OutputSummary
    items: int
    """Items published."""
    skipped: tuple[Skipped, ...]
    """Item files not published, and why."""
    documents: tuple[str, ...] = ()
    """The Word or PDF files (one per region), relative to the output folder."""
    search_index_bytes: int | None = None
    """Size of the site's search index (html)."""
    stats: Stats | None = None
    """The statistics on the site's dashboard (html)."""


@dataclass(frozen=True, slots=True)
class GuideTask:
    """The guide view of one item (runs in the worker processes)."""

    root: Path
    regions: RegionTree
    published: frozenset[str]
    withheld: frozenset[str] = frozenset()
    """Files with errors: not published."""

    def __call__(self, file: str, item: Item) -> GuideItem | str | None:
        """The guide view; the file itself when it is withheld; None when not published."""
        if not publishable(item):
            return None
        if file in self.withheld:
            return file
        root = self.root
        return guide_item(item, self.regions, self.published, lambda rel: catalog_file(root, rel))


def export_guide(
    target: Path,
    out: Path,
    fmt: GuideFormat,
    *,
    region: str | None = None,
    lang: Lang = Lang.ZH,
    config: LoadedConfig | None = None,
    jobs: int | None = None,
    dashboard: bool = True,
) -> ExportResult:
    """Export the 办事指南 of the catalog at ``target`` into the folder ``out``.

    ``region`` limits the export to that region and the regions below it. Only validated
    items are published: ``validate`` runs first, and an item with an error is listed in
    ``skipped`` with the rules it breaks (see :mod:`catalog_tool.publish.load`). Raises
    :class:`~catalog_tool.errors.CatalogError` on unusable input (and, for PDF, when
    Chromium is not installed).
    """
    if fmt is GuideFormat.HTML:
        site = build_site(
            target, out, region=region, lang=lang, config=config, jobs=jobs, dashboard=dashboard
        )
        return ExportResult(
            fmt, site.output, site.items, site.skipped, (), site.search_index_bytes, site.stats
        )
    chromium = ""
    if fmt is GuideFormat.PDF:
        from catalog_tool.publish.pdf import check_cjk_fonts, find_chromium

        chromium = find_chromium()  # before any work: say at once what is missing
        check_cjk_fonts()
    scope = catalog_scope(target, region)
    loaded = config if config is not None else load_config(find_config(scope.root))
    rules = withheld_files(scope.root, validate(scope.root, loaded, jobs=jobs))
    output = Output(out, fmt.value)
    if fmt is GuideFormat.MD:
        return _markdown(scope, output, lang, jobs, rules)
    task = GuideTask(scope.root, scope.regions, scope.published, frozenset(rules))
    mapped = map_items(scope, task, jobs)
    guides = [g for g in mapped.results if isinstance(g, GuideItem)]
    skipped = _with_withheld(
        mapped.skipped, [f for f in mapped.results if isinstance(f, str)], rules
    )
    by_region: dict[str, list[GuideItem]] = {}
    for g in guides:
        by_region.setdefault(g.region, []).append(g)
    documents: list[str] = []
    for code in scope.order:
        group = sorted(by_region.get(code, []), key=lambda g: (int(g.type_code), g.code))
        if not group:
            continue
        title = lb.SITE_TITLE.format(lang, name=scope.regions.name(code))
        subtitle = " · ".join(name for c, name in group[0].trail if c != NATIONAL_REGION)
        name = f"{code}-{_safe(scope.regions.name(code))}.{fmt.value}"
        if fmt is GuideFormat.DOCX:
            from catalog_tool.publish.docx import region_document

            output.write(name, region_document(title, subtitle, group, lang))
        else:
            from catalog_tool.publish.pdf import region_pdf

            output.write(name, region_pdf(chromium, title, subtitle, group, lang))
        documents.append(name)
    return ExportResult(fmt, output.finish(), len(guides), skipped, tuple(documents))


def _with_withheld(
    skipped: Sequence[Skipped], files: Iterable[str], held: Mapping[str, Held]
) -> tuple[Skipped, ...]:
    """``skipped`` and the withheld ``files`` (with the rules they break), by file, each
    at its first error."""
    return placed([*skipped, *(withheld(f, held[f]) for f in files)], held)


def _markdown(
    scope: Scope,
    output: Output,
    lang: Lang,
    jobs: int | None,
    rules: Mapping[str, Held],
) -> ExportResult:
    task = MarkdownTask(
        output.folder, scope.root, lang, scope.regions, scope.published, frozenset(rules)
    )
    mapped = map_items(scope, task, jobs)
    results = list(mapped.results)
    skipped = _with_withheld(mapped.skipped, [r.withheld for r in results if r.withheld], rules)
    output.record(
        [p for r in results for p in (r.page, r.qr) if p is not None],
        # Distinct codes: two workers may both draw a code new to the site at once.
        len({r.qr for r in results if r.written}) + mapped.written,
    )
    for rel in sorted({f for r in results for f in r.files}):
        output.copy(rel, scope.root / rel)
    output.write_text(
        "README.md",
        markdown_index(site_name(scope, lang), scope.order, scope.regions, results) + "\n",
    )
    published = sum(1 for r in results if r.page is not None)
    return ExportResult(GuideFormat.MD, output.finish(), published, skipped)


def _safe(name: str) -> str:
    """A region name fit for a file name."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("._") or "region"
