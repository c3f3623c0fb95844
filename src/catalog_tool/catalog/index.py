"""The catalog index: items by region and code, and the upstream item of each."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import cached_property
from operator import attrgetter
from typing import Any, NamedTuple

from catalog_tool.catalog.regions import RegionTree
from catalog_tool.model.codes import NATIONAL_REGION
from catalog_tool.model.item import Item


class ItemSummary(NamedTuple):
    """The few fields of an item that cross-item rules need (workers send only these).

    A named tuple rather than a dataclass: tens of thousands cross from the workers to
    the parent, and tuples pickle about three times faster.
    """

    file: str
    """Path relative to the catalog root."""
    region: str
    """The region folder the file is in."""
    code: str
    name: str
    type: str
    basis: tuple[str, ...]
    status: str
    valid: bool
    """True when the item passed schema validation."""
    online: bool | None = None
    steps: tuple[str, ...] = ()
    materials: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    agency: str | None = None

    @classmethod
    def from_item(cls, file: str, folder: str, item: Item) -> ItemSummary:
        """The summary of a validated item.

        Its texts are shared with earlier summaries of this process where equal: items of
        one code repeat them in every region, and a shared string is pickled once per batch
        and unpickled once in the parent.
        """
        if len(_SHARED) >= _SHARED_LIMIT:
            _SHARED.clear()
        shared = _SHARED.setdefault  # one call per text: runs for every item of a run
        online = item.online
        agency = item.agency
        return cls(
            file,
            shared(folder, folder),
            item.code,
            shared(item.name, item.name),
            shared(str(item.type), str(item.type)),
            tuple([shared(b, b) for b in item.basis]),
            shared(str(item.status), str(item.status)),
            True,
            online.available if online is not None else None,
            tuple([shared(s.name, s.name) for s in item.steps or ()]),
            tuple([shared(m.name, m.name) for m in item.materials or ()]),
            tuple([shared(c, c) for c in item.conditions or ()]),
            shared(agency.name, agency.name) if agency is not None else None,
        )

    @classmethod
    def from_raw(cls, file: str, folder: str, data: Mapping[str, Any]) -> ItemSummary | None:
        """A best-effort summary of an item that failed validation, if it has a code."""
        code = data.get("code")
        if not isinstance(code, str):
            return None

        def text(key: str) -> str:
            value = data.get(key)
            return value if isinstance(value, str) else ""

        basis = data.get("basis")
        return cls(
            file=file,
            region=folder,
            code=code,
            name=text("name"),
            type=text("type"),
            basis=tuple(b for b in basis if isinstance(b, str)) if isinstance(basis, list) else (),
            status=text("status") or "在用",
            valid=False,
        )


_SHARED: dict[str, str] = {}
"""One string object for equal texts (a bounded table; it starts over when full)."""
_SHARED_LIMIT = 1 << 18


_FILE = attrgetter("file")


class CatalogIndex:
    """All item summaries of a catalog, by region and code, with upstream lookups."""

    def __init__(self, regions: RegionTree, summaries: Iterable[ItemSummary]) -> None:
        self.regions = regions
        self._by_key: dict[tuple[str, str], ItemSummary] = {}
        self._duplicates: dict[tuple[str, str], list[ItemSummary]] = {}
        self._by_region: dict[str, list[ItemSummary]] = {}
        self._by_code: dict[str, list[ItemSummary]] = {}
        # Runs over every item after the workers are done, alone on one core: names bound
        # once, no empty list made for each item.
        by_key, by_region, by_code = self._by_key, self._by_region, self._by_code
        for summary in sorted(summaries, key=_FILE):
            key = (summary.region, summary.code)
            if key in by_key:
                self._duplicates.setdefault(key, [by_key[key]]).append(summary)
                continue
            by_key[key] = summary
            in_region = by_region.get(key[0])
            if in_region is None:
                in_region = by_region[key[0]] = []
            in_region.append(summary)
            with_code = by_code.get(key[1])
            if with_code is None:
                with_code = by_code[key[1]] = []
            with_code.append(summary)

    def __len__(self) -> int:
        return len(self._by_key)

    def __iter__(self) -> Iterator[ItemSummary]:
        return iter(self._by_key.values())

    def get(self, region: str, code: str) -> ItemSummary | None:
        """The item of ``code`` in ``region``."""
        return self._by_key.get((region, code))

    def in_region(self, region: str) -> list[ItemSummary]:
        """Items of one region, in file order."""
        return self._by_region.get(region, [])

    def with_code(self, code: str) -> list[ItemSummary]:
        """Items of one code across regions."""
        return self._by_code.get(code, [])

    def region_codes(self) -> list[str]:
        """Regions that hold items."""
        return sorted(self._by_region)

    def upstream(self, item: ItemSummary) -> ItemSummary | None:
        """The nearest item of the same code up the region chain.

        Several cross-item rules ask for every item: the first question finds the upstream
        item of every item at once (:meth:`_upstream_table`).
        """
        key = (item.region, item.code)
        table = self._upstream_table
        if key in table:
            return table[key]
        return self._find_upstream(item.region, item.code)  # an item not in the index

    @cached_property
    def _upstream_table(self) -> dict[tuple[str, str], ItemSummary | None]:
        """The upstream item of every item, code by code: within one code the chain is
        walked over a small table by region, twice as fast as looking up (region, code)
        pairs across the whole index."""
        table: dict[tuple[str, str], ItemSummary | None] = {}
        chain = self.regions.upstream
        for code, group in self._by_code.items():
            here = {summary.region: summary for summary in group}
            for summary in group:
                found = None
                for region in chain(summary.region):
                    found = here.get(region)
                    if found is not None:
                        break
                table[summary.region, code] = found
        return table

    def _find_upstream(self, region: str, code: str) -> ItemSummary | None:
        for above in self.regions.upstream(region):
            found = self._by_key.get((above, code))
            if found is not None:
                return found
        return None

    def downstream(self, item: ItemSummary) -> list[ItemSummary]:
        """Items of the same code in regions below ``item``'s region."""
        below = set(self.regions.descendants(item.region))
        return [s for s in self.with_code(item.code) if s.region in below]

    @property
    def upstream_pairs(self) -> list[tuple[ItemSummary, ItemSummary]]:
        """Each valid implementation item with its nearest upstream item (computed once)."""
        return self._implementations[0]

    @property
    def without_upstream(self) -> list[ItemSummary]:
        """The valid implementation items whose code no upstream region has (computed with
        :attr:`upstream_pairs`)."""
        return self._implementations[1]

    @cached_property
    def _implementations(
        self,
    ) -> tuple[list[tuple[ItemSummary, ItemSummary]], list[ItemSummary]]:
        pairs = []
        orphans = []
        for item in self._by_key.values():
            if item.region == NATIONAL_REGION or not item.valid:
                continue
            upstream = self.upstream(item)
            if upstream is None:
                orphans.append(item)
            else:
                pairs.append((item, upstream))
        return pairs, orphans

    def duplicates(self) -> list[list[ItemSummary]]:
        """Groups of files that share one region and code."""
        return [group for _, group in sorted(self._duplicates.items())]
