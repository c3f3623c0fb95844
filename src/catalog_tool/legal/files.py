"""Where a catalog's law registries are: the bundled file and the catalog's own.

Nothing here parses a registry, so computing the cache key of a ``validate`` run (which
needs only the files' bytes) does not load the registry model.
"""

from __future__ import annotations

import hashlib
import importlib.resources
from pathlib import Path
from typing import Final

from catalog_tool.errors import CatalogError
from catalog_tool.text import Text

BUNDLED_RESOURCE: Final = "data/laws.json"
"""Where the bundled registry lives inside the ``catalog_tool`` package."""
CATALOG_LAWS = ("laws.yaml", "laws.yml", "laws.json")
"""File names a catalog root may use for its own registry."""


def registry_path(root: Path, configured: str | None, base: Path | None) -> Path | None:
    """The catalog's own registry file: as configured, else ``laws.yaml`` in the root."""
    if configured is not None:
        path = (base or root) / configured
        if not path.is_file():
            raise CatalogError(
                Text(
                    f"配置的法律库文件不存在:{path}",
                    f"the configured law registry does not exist: {path}",
                ),
                Text(
                    "检查配置中的 laws 路径(相对于配置文件)。",
                    "Check the laws path (relative to the config file).",
                ),
            )
        return path
    return next((root / n for n in CATALOG_LAWS if (root / n).is_file()), None)


def registry_fingerprint(
    root: Path, configured: str | None = None, base: Path | None = None
) -> str:
    """A hash of the registry a catalog uses, from the files alone (nothing is parsed)."""
    digest = hashlib.blake2b(digest_size=12)
    digest.update(importlib.resources.files("catalog_tool").joinpath(BUNDLED_RESOURCE).read_bytes())
    path = registry_path(root, configured, base)
    if path is not None:
        digest.update(path.read_bytes())
    return digest.hexdigest()
