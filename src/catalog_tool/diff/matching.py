"""Which old item is which new item: by region and code, not by path.

Items left over on both sides are paired once more: identical content (apart from code
and region) means the item moved to another region or got a new code; the same region
and the same name means only the code changed. What is still left was added or removed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from catalog_tool.catalog.read import parse_item
from catalog_tool.diff.fields import canonical, clean
from catalog_tool.diff.model import ItemKind
from catalog_tool.domain.normalize import form_key

IDENTITY = frozenset({"code", "region", "impl_code", "synced_from"})
"""Keys that change when an item moves or is recoded, while its content stays."""


@dataclass(frozen=True, slots=True)
class Version:
    """One version of an item file, read."""

    file: str
    """Path relative to the catalog root."""
    region: str
    """The region folder the file is in."""
    data: Mapping[str, Any] | None
    """Plain data (validated fields, or the raw mapping of an invalid item); None when
    the file could not be read as a mapping."""
    problem: str | None = None
    hygiene: tuple[str, ...] = ()
    """Codes of the file-hygiene findings (Y…) the careful reader reported, if any."""

    @property
    def code(self) -> str | None:
        """The item's 基本编码, if it has one."""
        code = self.data.get("code") if self.data is not None else None
        return code if isinstance(code, str) else None

    @property
    def name(self) -> str:
        """The item's name (empty when it has none)."""
        name = self.data.get("name") if self.data is not None else None
        return name if isinstance(name, str) else ""

    @property
    def key(self) -> tuple[str, str]:
        """Region and code; files without a code are known by their path."""
        code = self.code
        return (self.region, code) if code is not None else (self.region, f"file:{self.file}")


def read_version(file: str, source: bytes) -> Version:
    """Parse one item file's bytes (the fast reader, the careful one when needed)."""
    region = file.split("/", 1)[0]
    parsed = parse_item(source, region)
    hygiene = tuple(f.code for f in parsed.findings if f.code.startswith("Y"))
    if parsed.item is not None:
        # pydantic drops the empty values itself, much faster than clean() would
        data = parsed.item.model_dump(mode="json", exclude_unset=True, exclude_none=True)
        return Version(file, region, data, hygiene=hygiene)
    if isinstance(parsed.raw, Mapping):
        return Version(file, region, clean(parsed.raw), hygiene=hygiene)
    reason = parsed.findings[0].code if parsed.findings else "Y001"
    return Version(file, region, None, reason)


@dataclass(frozen=True, slots=True)
class Pair:
    """An old and a new version that are the same item (one is None if added/removed)."""

    old: Version | None
    new: Version | None
    kind: ItemKind


def match(old: Iterable[Version], new: Iterable[Version]) -> list[Pair]:
    """Pair the versions of the two sides (all of them must have data)."""
    before = _by_key(old)
    after = _by_key(new)
    pairs = [
        Pair(before.pop(key), version, ItemKind.MODIFIED)
        for key, version in list(after.items())
        if key in before
    ]
    for key in [p.new.key for p in pairs if p.new is not None]:
        del after[key]
    left_old, left_new = list(before.values()), list(after.values())
    pairs.extend(_pair_by(left_old, left_new, _content_key, moved_if_region_differs=True))
    pairs.extend(_pair_by(left_old, left_new, _name_key, moved_if_region_differs=False))
    pairs.extend(Pair(None, v, ItemKind.ADDED) for v in left_new)
    pairs.extend(Pair(v, None, ItemKind.REMOVED) for v in left_old)
    return pairs


def _by_key(versions: Iterable[Version]) -> dict[tuple[str, str], Version]:
    out: dict[tuple[str, str], Version] = {}
    for version in sorted(versions, key=lambda v: v.file):
        key = version.key
        if key in out:  # a duplicate item (C003): known by its path instead
            key = (version.region, f"file:{version.file}")
        out[key] = version
    return out


def _content_key(version: Version) -> str | None:
    assert version.data is not None
    return canonical({k: v for k, v in version.data.items() if k not in IDENTITY})


def _name_key(version: Version) -> str | None:
    return f"{version.region}\0{form_key(version.name)}" if version.name else None


def _pair_by(
    old: list[Version],
    new: list[Version],
    key_of: Callable[[Version], str | None],
    *,
    moved_if_region_differs: bool,
) -> list[Pair]:
    """Pair leftovers whose key is unique on both sides; remove them from the lists."""
    olds = _unique(old, key_of)
    news = _unique(new, key_of)
    pairs: list[Pair] = []
    for key, version in news.items():
        partner = olds.get(key)
        if partner is None:
            continue
        moved = moved_if_region_differs and partner.region != version.region
        pairs.append(Pair(partner, version, ItemKind.MOVED if moved else ItemKind.RECODED))
        old.remove(partner)
        new.remove(version)
    return pairs


def _unique(
    versions: Sequence[Version], key_of: Callable[[Version], str | None]
) -> dict[str, Version]:
    seen: dict[str, Version | None] = {}
    for version in versions:
        key = key_of(version)
        if key is None:
            continue
        seen[key] = None if key in seen else version
    return {k: v for k, v in seen.items() if v is not None}
