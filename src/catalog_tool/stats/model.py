"""What ``catalog stats`` reports: plain frozen values that every renderer formats."""

from __future__ import annotations

from dataclasses import dataclass

from catalog_tool.text import Text

FAMILIES: dict[str, Text] = {
    "Y": Text("文件规范", "file hygiene"),
    "S": Text("格式", "schema"),
    "C": Text("标识", "identity"),
    "F": Text("四级四同", "same upstream"),
    "M": Text("申请材料", "materials"),
    "L": Text("法律依据", "legal citations"),
    "T": Text("办结时限", "time limits"),
    "G": Text("指南要素", "guide completeness"),
    "O": Text("政策目标", "policy targets"),
    "N": Text("事项名称", "names"),
}
"""Rule families (the first letter of a rule code), in the order ``catalog rules`` lists them."""


@dataclass(frozen=True, slots=True)
class Share:
    """``part`` of ``total``."""

    part: int
    total: int

    @property
    def rate(self) -> float | None:
        """part / total, or None when there is nothing to count."""
        return self.part / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class LevelOnline:
    """网上可办率 of one level against its target."""

    level: str
    online: Share
    target: float | None
    """The configured target (rules.O002.targets), None when the level has none."""

    @property
    def met(self) -> bool | None:
        """Whether the rate reaches the target (None: no target or no items)."""
        rate = self.online.rate
        if self.target is None or rate is None:
            return None
        return rate + 1e-9 >= self.target


@dataclass(frozen=True, slots=True)
class RegionRow:
    """One region: its items, online rate, findings and compliance."""

    code: str
    name: str
    level: str
    items: int
    """Valid items in use."""
    files: int
    """Item files (valid or not)."""
    online: Share
    """Application items available online."""
    target: float | None
    files_with_errors: int
    """Item files with at least one error."""
    findings: tuple[tuple[str, int], ...]
    """Findings by rule family (letter, count), every severity, families in order."""

    @property
    def compliance(self) -> Share:
        """Item files without errors, of all item files."""
        return Share(self.files - self.files_with_errors, self.files)


@dataclass(frozen=True, slots=True)
class Stats:
    """Statistics of a catalog (or of one region and the regions below it)."""

    root: str
    region: str | None
    """The region asked for, None for the whole catalog."""
    region_name: str | None
    files: int
    """Item files covered."""
    items: int
    """Valid items (any status)."""
    skipped: int
    """Item files that are not valid items."""
    by_status: tuple[tuple[str, int], ...]
    by_type: tuple[tuple[str, int], ...]
    """Items in use, by type (every type, in GB/T 39046 order)."""
    by_level: tuple[tuple[str, int], ...]
    """Items in use, by level of their region."""
    by_type_level: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]
    """Items in use by type, then by level (the levels of ``by_level``)."""
    applications: int
    """依申请事项 in use below the national catalog: the population of the figures below."""
    online: Share
    online_by_level: tuple[LevelOnline, ...]
    immediate: Share
    """即办件 among applications that state their handling."""
    promised_ratio: float | None
    """Average of promised / legal days over items with both (legal > 0)."""
    ratio_items: int
    """Items the average is taken over."""
    visits: tuple[tuple[int, int], ...]
    """(visits, items) for each visit count that occurs, ascending."""
    at_most_once: Share
    """最多跑一次: visits ≤ 1, of applications that state their visits."""
    zero_visits: Share
    """零跑腿: visits = 0, of the same."""
    families: tuple[str, ...]
    """Rule families with findings, in order."""
    findings: tuple[tuple[str, int], ...]
    """Findings per family over the covered regions."""
    regions: tuple[RegionRow, ...]
    """Every covered region, in ``regions.yaml`` order."""
    validated: bool = True
    """False when findings were not computed."""
