"""The region tree: levels, parents and upstream chains."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from catalog_tool.model.codes import NATIONAL_REGION
from catalog_tool.model.enums import Level

_SUFFIX = re.compile(r"(省|市|自治区|自治州|特别行政区|地区|盟|县|自治县|区|旗|镇|乡|街道)$")


def level_from_code(code: str) -> Level:
    """The level a GB/T 2260 code suggests; ``regions.yaml`` may say otherwise."""
    if code == NATIONAL_REGION:
        return Level.NATIONAL
    if len(code) == 12:
        return Level.VILLAGE
    if len(code) == 9:
        return Level.TOWNSHIP
    if code.endswith("0000"):
        return Level.PROVINCE
    if code.endswith("00"):
        return Level.CITY
    return Level.COUNTY


@dataclass(frozen=True, slots=True)
class RegionInfo:
    """A region as the tree knows it."""

    code: str
    name: str
    parent: str | None
    level: Level
    line: int = 1
    """Line of its entry in ``regions.yaml``."""
    column: int = 1
    """Column of its entry in ``regions.yaml``."""


@dataclass(frozen=True, slots=True)
class RegionIssue:
    """A structural problem of ``regions.yaml`` (unknown parent, cycle, duplicate)."""

    kind: str
    code: str
    line: int
    column: int
    params: dict[str, object] = field(default_factory=dict)


class RegionTree:
    """Regions by code, with their upstream chains (county → city → province → national)."""

    def __init__(self, regions: Iterable[RegionInfo]) -> None:
        self.regions: dict[str, RegionInfo] = {}
        self.issues: list[RegionIssue] = []
        for region in regions:
            first = self.regions.get(region.code)
            if first is not None:
                self.issues.append(
                    RegionIssue(
                        "duplicate", region.code, region.line, region.column, {"first": first.line}
                    )
                )
                continue
            self.regions[region.code] = region
        self._chains: dict[str, tuple[str, ...]] = {}
        self._children: dict[str, list[str]] = {}
        for region in self.regions.values():
            if region.parent is None:
                if region.code != NATIONAL_REGION:
                    self.issues.append(
                        RegionIssue("no_parent", region.code, region.line, region.column)
                    )
                continue
            if region.parent not in self.regions:
                self.issues.append(
                    RegionIssue(
                        "unknown_parent",
                        region.code,
                        region.line,
                        region.column,
                        {"parent": region.parent},
                    )
                )
                continue
            self._children.setdefault(region.parent, []).append(region.code)
        for code in self.regions:
            self._chains[code] = self._walk(code)

    def _walk(self, code: str) -> tuple[str, ...]:
        chain: list[str] = []
        seen = {code}
        parent = self.regions[code].parent
        while parent is not None and parent in self.regions:
            if parent in seen:
                self.issues.append(
                    RegionIssue(
                        "cycle",
                        code,
                        self.regions[code].line,
                        self.regions[code].column,
                        {"parent": parent},
                    )
                )
                break
            seen.add(parent)
            chain.append(parent)
            parent = self.regions[parent].parent
        return tuple(chain)

    def __contains__(self, code: object) -> bool:
        return code in self.regions

    def __iter__(self) -> Iterator[RegionInfo]:
        return iter(self.regions.values())

    def __len__(self) -> int:
        return len(self.regions)

    def get(self, code: str) -> RegionInfo | None:
        """The region with ``code``, if listed."""
        return self.regions.get(code)

    def level(self, code: str) -> Level:
        """The level of ``code``: as listed, or as its pattern suggests."""
        region = self.regions.get(code)
        return region.level if region is not None else level_from_code(code)

    def name(self, code: str) -> str:
        """The name of ``code``, or the code itself when unlisted."""
        region = self.regions.get(code)
        return region.name if region is not None else code

    def upstream(self, code: str) -> tuple[str, ...]:
        """Ancestors of ``code``, nearest first, ending at the national catalog."""
        return self._chains.get(code, ())

    def children(self, code: str) -> tuple[str, ...]:
        """Direct children of ``code``."""
        return tuple(self._children.get(code, ()))

    @cached_property
    def place_names(self) -> tuple[str, ...]:
        """Region names and their short forms (济宁市 → 济宁), longest first."""
        names: set[str] = set()
        for region in self.regions.values():
            if region.code == NATIONAL_REGION:
                continue
            names.add(region.name)
            short = _SUFFIX.sub("", region.name)
            if len(short) >= 2:
                names.add(short)
        return tuple(sorted(names, key=lambda n: (-len(n), n)))

    @cached_property
    def place_pattern(self) -> re.Pattern[str] | None:
        """One pattern matching any place name (longest first), or None without places."""
        names = self.place_names
        return re.compile("|".join(re.escape(n) for n in names)) if names else None

    def descendants(self, code: str) -> Iterator[str]:
        """All regions below ``code``, breadth first."""
        queue = list(self._children.get(code, ()))
        seen: set[str] = set()
        while queue:
            child = queue.pop(0)
            if child in seen:
                continue
            seen.add(child)
            yield child
            queue.extend(self._children.get(child, ()))
