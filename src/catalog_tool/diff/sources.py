"""The two sides of a diff: a catalog folder on disk, or a catalog inside a git revision.

A side is listed, not read: each item file is known by its git blob id (computed the same
way for files on disk), so files with the same id on both sides are identical and never
parsed. Only the files that differ are read, through one ``git cat-file --batch``.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from catalog_tool.catalog.layout import ITEM_SUFFIXES, REGIONS_FILE, display_path, find_root, scan
from catalog_tool.catalog.regions import RegionInfo, RegionTree, level_from_code
from catalog_tool.diff.git import BlobReader, list_tree, resolve_revision, toplevel
from catalog_tool.errors import CatalogError
from catalog_tool.io.load import load_yaml
from catalog_tool.model.codes import REGION_PATTERN
from catalog_tool.model.regions import Region
from catalog_tool.text import Text

_REGION_DIR = re.compile(REGION_PATTERN)
_SYMLINK = "120000"


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A catalog as one side of a diff sees it."""

    label: str
    """How the user named it (a folder, or a revision with its commit id)."""
    kind: Literal["folder", "git"]
    root: str
    """The catalog root: a folder as the user sees it, or a path inside the repository."""
    files: Mapping[str, str]
    """Item files (``<region>/<name>.yaml``, relative to the root) and their blob ids."""
    regions: RegionTree
    revision: str | None = None
    """The commit id, for a git side."""
    folder: Path | None = None
    """The root on disk, for a folder side."""
    top: Path | None = None
    """The top of the repository, for a git side."""
    unreadable: tuple[str, ...] = field(default=())
    """Item files on disk that could not be read."""

    def read(self, paths: Iterable[str], readers: Readers) -> dict[str, bytes]:
        """The bytes of item files ``paths``."""
        wanted = [p for p in paths if p in self.files]
        if self.kind == "git":
            assert self.top is not None
            blobs = readers.get(self.top).read_many(self.files[p] for p in wanted)
            return {p: blobs[self.files[p]] for p in wanted}
        assert self.folder is not None
        out: dict[str, bytes] = {}
        for path in wanted:
            try:
                out[path] = (self.folder / path).read_bytes()
            except OSError:
                continue
        return out


class Readers:
    """One blob reader per repository, shared by both sides of a diff."""

    def __init__(self) -> None:
        self._readers: dict[Path, BlobReader] = {}

    def get(self, top: Path) -> BlobReader:
        """The reader of the repository at ``top``."""
        if top not in self._readers:
            self._readers[top] = BlobReader(top)
        return self._readers[top]

    def close(self) -> None:
        """End every reader's process."""
        for reader in self._readers.values():
            reader.close()
        self._readers.clear()

    def __enter__(self) -> Readers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def blob_id(data: bytes) -> str:
    """The id git gives a file with these bytes (so disk and git sides compare directly)."""
    header = b"blob %d\0" % len(data)
    return hashlib.sha1(header + data, usedforsecurity=False).hexdigest()


def regions_from_bytes(data: bytes | None) -> RegionTree:
    """The region tree in a ``regions.yaml``; lenient: a diff only needs names and levels."""
    if data is None:
        return RegionTree([])
    loaded = load_yaml(data, fast=False)
    if not loaded.usable or not isinstance(loaded.data, list):
        return RegionTree([])
    regions: list[RegionInfo] = []
    for entry in loaded.data:
        try:
            region = Region.model_validate(entry)
        except ValueError:
            continue
        level = region.level if region.level is not None else level_from_code(region.code)
        regions.append(RegionInfo(region.code, region.name, region.parent, level))
    return RegionTree(regions)


def open_side(
    spec: str, readers: Readers, *, root: str | Path | None = None, cwd: Path | None = None
) -> Snapshot:
    """The catalog ``spec`` names: an existing folder, else a git revision.

    For a revision, ``root`` is the catalog's folder (relative to ``cwd``); without it the
    working directory or its ``items/`` is used, whichever holds ``regions.yaml`` then.
    """
    here = (cwd or Path.cwd()).resolve()
    path = Path(spec) if Path(spec).is_absolute() else here / spec
    if path.exists():
        return folder_side(path, label=spec)
    top = toplevel(here)
    if top is None:
        raise CatalogError(
            Text(
                f"{spec} 不是文件夹,当前目录也不在 git 仓库中",
                f"{spec} is not a folder, and the working directory is not in a git repository",
            ),
            Text(
                "给出两个目录文件夹,或在 git 仓库中比较两个修订。",
                "Give two catalog folders, or run inside a git repository.",
            ),
        )
    revision = resolve_revision(top, spec)
    if revision is None:
        raise CatalogError(
            Text(
                f"{spec} 既不是文件夹,也不是 git 修订",
                f"{spec} is neither a folder nor a git revision",
            ),
            Text(
                "用分支、标签或提交号(如 main、v2024、HEAD~1),或目录文件夹的路径。",
                "Use a branch, tag or commit (main, v2024, HEAD~1), or a catalog folder.",
            ),
        )
    return git_side(readers.get(top), revision, spec, _inside(top, here, root), here)


def _inside(top: Path, here: Path, root: str | Path | None) -> str | None:
    if root is None:
        return None
    target = (here / root).resolve()
    if not target.is_relative_to(top):
        raise CatalogError(
            Text(f"--root {root} 不在 git 仓库 {top} 中", f"--root {root} is outside {top}"),
            Text("--root 是仓库中的目录文件夹,如 items。", "--root is a folder in the repo."),
        )
    relative = target.relative_to(top).as_posix()
    return "" if relative == "." else relative


def folder_side(path: Path, *, label: str | None = None) -> Snapshot:
    """A catalog folder on disk (any folder inside a catalog finds its root)."""
    root = find_root(path)
    files: dict[str, str] = {}
    unreadable: list[str] = []
    for rel in scan(root).items:
        try:
            with open(os.path.join(root, rel), "rb") as handle:  # noqa: PTH118, PTH123 - 55k files
                files[rel] = blob_id(handle.read())
        except OSError:
            unreadable.append(rel)
    regions_file = root / REGIONS_FILE
    regions = regions_from_bytes(regions_file.read_bytes() if regions_file.is_file() else None)
    return Snapshot(
        label=label or display_path(root),
        kind="folder",
        root=display_path(root),
        files=files,
        regions=regions,
        folder=root,
        unreadable=tuple(unreadable),
    )


def git_side(
    reader: BlobReader, revision: str, label: str, root: str | None, here: Path
) -> Snapshot:
    """The catalog at ``root`` (a folder relative to the repository's top) in ``revision``;
    without ``root``, the folder ``here`` or its ``items/``."""
    top = reader.top
    prefix = here.relative_to(top).as_posix() if here.is_relative_to(top) else ""
    prefix = "" if prefix == "." else prefix
    scope = root if root is not None else prefix
    entries = list_tree(top, revision, scope)
    blobs = {e.path: e for e in entries}
    candidates = [root] if root is not None else [prefix, _join(prefix, "items")]
    chosen = next((c for c in candidates if _join(c, REGIONS_FILE) in blobs), None)
    if chosen is None:
        where = candidates[0] or "."
        raise CatalogError(
            Text(
                f"修订 {label} 中 {where} 下没有 {REGIONS_FILE},不是目录根",
                f"revision {label} has no {REGIONS_FILE} in {where}: not a catalog root",
            ),
            Text(
                "用 --root 指定目录在仓库中的文件夹,如 --root items。",
                "Name the catalog's folder in the repository with --root, e.g. --root items.",
            ),
        )
    files: dict[str, str] = {}
    lead = f"{chosen}/" if chosen else ""
    for entry in entries:
        if not entry.path.startswith(lead) or entry.mode == _SYMLINK:
            continue
        rel = entry.path[len(lead) :]
        parts = rel.split("/")
        if (
            len(parts) == 2
            and _REGION_DIR.match(parts[0])
            and parts[1].endswith(ITEM_SUFFIXES)
            and not parts[1].startswith(".")
        ):
            files[rel] = entry.blob
    regions = regions_from_bytes(reader.read(blobs[_join(chosen, REGIONS_FILE)].blob))
    return Snapshot(
        label=f"{label} ({revision[:10]})" if label != revision else revision[:10],
        kind="git",
        root=chosen or ".",
        files=files,
        regions=regions,
        revision=revision,
        top=top,
    )


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name
