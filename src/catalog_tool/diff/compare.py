"""``catalog_tool.diff(old, new)``: the semantic diff of two catalogs.

Files with the same blob id on both sides are identical and never read; only the files
that differ are read (one ``git cat-file --batch`` for a revision) and parsed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from catalog_tool.diff.counts import count
from catalog_tool.diff.fields import FieldChange, compare
from catalog_tool.diff.matching import Pair, Version, match, read_version
from catalog_tool.diff.model import (
    DiffResult,
    Facts,
    ItemChange,
    ItemKind,
    ItemRef,
    Side,
    Unreadable,
)
from catalog_tool.diff.regions import compare_regions
from catalog_tool.diff.sources import Readers, Snapshot, folder_side, open_side


def diff(
    old: str | Path,
    new: str | Path | None = None,
    *,
    root: str | Path | None = None,
    ignore_fields: Sequence[str] = (),
    order: bool = False,
    cwd: Path | None = None,
) -> DiffResult:
    """Compare catalog ``old`` with ``new``: each a folder or a git revision.

    ``new`` defaults to the catalog on disk (``root``, or the working directory's). For a
    revision, ``root`` names the catalog's folder in the repository (default: the working
    directory, or its ``items/``). ``ignore_fields`` are dotted fields (``venue.phone``,
    ``materials.notes``) whose changes do not count; ``order`` makes a reorder of
    materials, conditions or steps a change. Regions added, removed or changed in
    ``regions.yaml`` are listed too.
    """
    with Readers() as readers:
        before = open_side(str(old), readers, root=root, cwd=cwd)
        if new is None:
            here = (cwd or Path.cwd()) / (root if root is not None else "")
            after = folder_side(here)
        else:
            after = open_side(str(new), readers, root=root, cwd=cwd)
        olds, news, unreadable = _read_differing(before, after, readers)
    changes: list[ItemChange] = []
    reformatted = 0
    for pair in match(olds, news):
        change = _change(pair, ignore_fields, order)
        if change is None:
            reformatted += 1
        else:
            changes.append(change)
    changes.sort(key=lambda c: (c.ref.region, c.ref.code, c.kind.value, c.ref.file))
    names = {**_names(before), **_names(after)}
    levels = {**_levels(before), **_levels(after)}

    def level_of(region: str) -> str:
        return levels.get(region) or after.regions.level(region).value

    return DiffResult(
        old=Side(before.label, before.kind, before.root, before.revision),
        new=Side(after.label, after.kind, after.root, after.revision),
        changes=tuple(changes),
        counts=count(changes, level_of, len(before.files), len(after.files)),
        region_names=names,
        region_levels=levels,
        ignore=tuple(ignore_fields),
        order=order,
        reformatted=reformatted,
        unreadable=tuple(unreadable),
        regions=compare_regions(before.regions, after.regions),
    )


def _read_differing(
    before: Snapshot, after: Snapshot, readers: Readers
) -> tuple[list[Version], list[Version], list[Unreadable]]:
    old_paths = [p for p, blob in before.files.items() if after.files.get(p) != blob]
    new_paths = [p for p, blob in after.files.items() if before.files.get(p) != blob]
    unreadable = [Unreadable("old", p, "Y007") for p in before.unreadable]
    unreadable += [Unreadable("new", p, "Y007") for p in after.unreadable]
    olds = _read_side("old", before, old_paths, readers, unreadable)
    news = _read_side("new", after, new_paths, readers, unreadable)
    return olds, news, unreadable


def _read_side(
    side: Literal["old", "new"],
    snapshot: Snapshot,
    paths: list[str],
    readers: Readers,
    unreadable: list[Unreadable],
) -> list[Version]:
    versions = []
    for path, source in sorted(snapshot.read(paths, readers).items()):
        version = read_version(path, source)
        if version.data is None:
            unreadable.append(Unreadable(side, path, version.problem or "Y001"))
        else:
            versions.append(version)
    return versions


def _ref(version: Version) -> ItemRef:
    data = version.data or {}
    kind = data.get("type")
    return ItemRef(
        region=version.region,
        code=version.code or "",
        name=version.name,
        type=kind if isinstance(kind, str) else "",
        file=version.file,
    )


def _change(pair: Pair, ignore: Sequence[str], order: bool) -> ItemChange | None:
    old, new = pair.old, pair.new
    old_data: Mapping[str, Any] = (old.data or {}) if old is not None else {}
    new_data: Mapping[str, Any] = (new.data or {}) if new is not None else {}
    kind = pair.kind
    fields: tuple[FieldChange, ...] = ()
    if old is not None and new is not None:
        fields = compare(old_data, new_data, order=order, ignore=ignore)
        if kind is ItemKind.MODIFIED and old.file != new.file:
            kind = ItemKind.RENAMED
        elif kind is ItemKind.MODIFIED and not fields:
            return None  # only comments or layout changed
    return ItemChange(
        kind=kind,
        old=_ref(old) if old is not None else None,
        new=_ref(new) if new is not None else None,
        fields=fields,
        old_facts=Facts.of(old_data) if old is not None else Facts(),
        new_facts=Facts.of(new_data) if new is not None else Facts(),
    )


def _names(snapshot: Snapshot) -> dict[str, str]:
    return {r.code: r.name for r in snapshot.regions}


def _levels(snapshot: Snapshot) -> dict[str, str]:
    return {r.code: r.level.value for r in snapshot.regions}
