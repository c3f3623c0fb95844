"""What rules may look at besides the item itself. Rules do no I/O: the engine provides this."""

from __future__ import annotations

from dataclasses import dataclass, field

from catalog_tool.catalog.regions import RegionTree
from catalog_tool.legal.registry import LawRegistry, bundled
from catalog_tool.model.enums import Level


@dataclass(frozen=True, slots=True)
class ItemContext:
    """Context of one item file."""

    file: str
    """Path of the item, relative to the catalog root, with ``/`` separators."""
    folder: str
    """The region folder the file is in."""
    regions: RegionTree
    """The catalog's regions."""
    assets: frozenset[str] = field(default_factory=frozenset)
    """Non-item files under the root (blank forms, samples), relative, with ``/``."""
    laws: LawRegistry = field(default_factory=bundled)
    """The law registry: the bundled one, with the catalog's own entries over it."""

    @property
    def level(self) -> Level:
        """The level of the item's region folder."""
        return self.regions.level(self.folder)


@dataclass(frozen=True, slots=True)
class CatalogContext:
    """Context of a whole catalog."""

    regions: RegionTree
    laws: LawRegistry = field(default_factory=bundled)
    """The law registry: the bundled one, with the catalog's own entries over it."""
