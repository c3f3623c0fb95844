"""Which items a publication covers, and reading them on a pool of worker processes.

Only validated items are published. A file that is not a valid item (``parse_item`` gives
none), or that sits at the wrong path, is skipped and reported; so is a valid item that
``catalog validate`` finds an error in (:func:`withheld_files`; a finding the baseline
accepts, or a rule configured down to a warning, does not hold an item back). The rest of
the catalog is still published: one department's mistake does not take every other guide
offline, and the skipped files are listed with the rules they break, at the line and
column of their first error (as ``catalog validate`` shows it; a file with no such place,
e.g. one that cannot be read, is listed by its path alone).
``--region R`` covers R and every region below it in ``regions.yaml``: a city's guide
includes its counties, as a city service hall serves them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Generic, TypeVar

from catalog_tool.catalog.layout import find_root, scan
from catalog_tool.catalog.read import ParsedItem, parse_item
from catalog_tool.catalog.regions import RegionTree
from catalog_tool.catalog.regions_file import load_regions
from catalog_tool.diagnostics import Severity
from catalog_tool.engine.filecheck import read_limited
from catalog_tool.engine.pool import no_gc
from catalog_tool.errors import CatalogError
from catalog_tool.io.compose import compose
from catalog_tool.io.fast import quiet_stderr
from catalog_tool.io.nodes import locate
from catalog_tool.model.item import Item
from catalog_tool.publish.output import drain_writes
from catalog_tool.report import Report
from catalog_tool.text import Text
from catalog_tool.workers import process_pool, worker_count

R = TypeVar("R")

PARALLEL_THRESHOLD = 2000
"""Below this many files a process pool costs more than it saves."""
CHUNK = 200
_ITEM_FILE = re.compile(r"^(\d{6}(?:\d{3}(?:\d{3})?)?)/(\d{12})\.ya?ml$")

NOT_AN_ITEM = Text(
    "不是有效的事项(运行 catalog validate 查看原因),未发布",
    "not a valid item (run catalog validate to see why); not published",
)
WRONG_PATH = Text(
    "文件路径与事项的区划或编码不符(C002),未发布",
    "the file path does not match the item's region or code (C002); not published",
)
UNREADABLE = Text("无法读取,未发布", "cannot be read; not published")
DUPLICATE = Text(
    "与同名的另一文件重复(C003),未发布", "duplicates another file (C003); not published"
)
UNKNOWN_REGION = Text(
    "区划不在 regions.yaml 中(C004),未发布",
    "the region is not in regions.yaml (C004); not published",
)


def withheld_reason(rules: Sequence[str]) -> Text:
    """Why a valid item with errors is not published: the rules it breaks."""
    codes = ", ".join(rules)
    return Text(
        f"有错误({codes}),未发布(运行 catalog validate 查看)",
        f"has errors ({codes}); not published (run catalog validate to see them)",
    )


@dataclass(frozen=True, slots=True)
class Skipped:
    """An item file that is not published, and why."""

    file: str
    """Catalog-relative path."""
    reason: Text
    position: tuple[int, int] | None = None
    """1-based (line, column) of the file's first error; None when there is no such place."""

    @property
    def where(self) -> str:
        """``file:line:column``, or the file alone when there is no position."""
        if self.position is None:
            return self.file
        line, column = self.position
        return f"{self.file}:{line}:{column}"


@dataclass(frozen=True, slots=True)
class Scope:
    """The regions and item files a publication covers."""

    root: Path
    regions: RegionTree
    region: str | None
    """The region asked for (``--region``), or None for the whole catalog."""
    order: tuple[str, ...]
    """Regions covered, in the order of ``regions.yaml`` (depth first from the top)."""
    files: tuple[tuple[str, str], ...]
    """(file, region) of each item file to read, in path order."""
    skipped: tuple[Skipped, ...]
    """Files left out by their path alone."""
    published: frozenset[str]
    """The region codes covered (those of ``order``)."""

    def children(self, code: str) -> tuple[str, ...]:
        """Covered regions directly below ``code``."""
        return tuple(c for c in self.regions.children(code) if c in self.published)

    @property
    def tops(self) -> tuple[str, ...]:
        """Covered regions whose parent is not covered (the roots of the tree shown)."""
        covered = self.published
        return tuple(
            c
            for c in self.order
            if (info := self.regions.get(c)) is None or info.parent not in covered
        )


def catalog_scope(target: Path, region: str | None = None) -> Scope:
    """The scope of a publication of the catalog at ``target`` (limited to ``region``)."""
    root = find_root(target)
    tree, _, _ = load_regions(root)
    if region is not None and region not in tree:
        known = ", ".join(f"{r.code} {r.name}" for r in list(tree)[:8])
        raise CatalogError(
            Text(f"区划 {region} 不在 regions.yaml 中", f"region {region} is not in regions.yaml"),
            Text(f"可用的区划:{known} …", f"Known regions: {known} …"),
        )
    order = tuple(_tree_order(tree, region))
    covered = frozenset(order)
    files: list[tuple[str, str]] = []
    skipped: list[Skipped] = []
    seen: set[tuple[str, str]] = set()
    for rel in scan(root).items:
        match = _ITEM_FILE.match(rel)
        folder = rel.split("/", 1)[0]
        if match is None:
            if region is None or folder in covered:
                skipped.append(Skipped(rel, WRONG_PATH))
            continue
        if folder not in tree:
            if region is None:
                skipped.append(Skipped(rel, UNKNOWN_REGION))
            continue
        if folder not in covered:
            continue
        key = (folder, match.group(2))
        if key in seen:
            skipped.append(Skipped(rel, DUPLICATE))
            continue
        seen.add(key)
        files.append((rel, folder))
    return Scope(root, tree, region, order, tuple(files), tuple(skipped), covered)


def _tree_order(tree: RegionTree, top: str | None) -> list[str]:
    """Regions depth first, children in ``regions.yaml`` order."""
    if top is not None:
        starts = [top]
    else:
        starts = [r.code for r in tree if r.parent is None or r.parent not in tree]
    out: list[str] = []
    seen: set[str] = set()
    stack = list(reversed(starts))
    while stack:
        code = stack.pop()
        if code in seen:  # a cycle in regions.yaml: validate reports it
            continue
        seen.add(code)
        out.append(code)
        stack.extend(reversed(tree.children(code)))
    return out


@dataclass(frozen=True, slots=True)
class Held:
    """The errors ``validate`` found in one file."""

    rules: tuple[str, ...]
    """The rules broken, sorted."""
    position: tuple[int, int] | None
    """Line and column of the first error; None when no error has a place in the file."""


UNPLACED = frozenset({"Y007"})
"""Rules whose findings have no place in the file (it cannot be read: they say 1:1)."""


def withheld_files(root: Path, report: Report) -> dict[str, Held]:
    """Catalog-relative files with at least one error in ``report``: their rules and first
    error's position.

    The report shows paths as the user sees them (relative to the working directory when
    inside it); both sides are made absolute the same way (``abspath``, as ``display_path``
    does, so a symbolic link in the path is kept as written).
    """
    base = Path(os.path.abspath(root))  # noqa: PTH100
    rules: dict[str, set[str]] = {}
    first: dict[str, tuple[int, int]] = {}
    for d in report.diagnostics:
        if d.severity is not Severity.ERROR or not d.file:
            continue
        try:
            rel = Path(os.path.abspath(d.file)).relative_to(base).as_posix()  # noqa: PTH100
        except ValueError:
            continue
        rules.setdefault(rel, set()).add(d.rule)
        if d.rule in UNPLACED:
            continue
        position = (d.line, d.column)
        if rel not in first or position < first[rel]:
            first[rel] = position
    return {rel: Held(tuple(sorted(codes)), first.get(rel)) for rel, codes in rules.items()}


def withheld(file: str, held: Held) -> Skipped:
    """A valid item that is not published for its errors."""
    return Skipped(file, withheld_reason(held.rules), held.position)


def placed(skipped: Iterable[Skipped], held: Mapping[str, Held]) -> tuple[Skipped, ...]:
    """``skipped`` by file, each at its first error in the report when it has one there
    (the report and ``validate`` agree; the position found while reading is kept
    otherwise, e.g. for an error the baseline accepts)."""
    out = [
        replace(s, position=h.position)
        if (h := held.get(s.file)) is not None and h.position is not None
        else s
        for s in skipped
    ]
    return tuple(sorted(out, key=lambda s: s.file))


@lru_cache(maxsize=4096)
def catalog_file(root: Path, rel: str) -> bool:
    """Whether ``rel`` is a file inside the catalog ``root`` (a symbolic link may not lead
    out of it): only such files are linked from guides and copied into the output. A path
    the system cannot look up (a NUL character in it) is no file, as ``validate`` says."""
    try:
        path = (root / rel).resolve()
        return path.is_file() and path.is_relative_to(root.resolve())
    except (OSError, ValueError):
        return False


ItemTask = Callable[[str, Item], R]
"""Work done on each valid item, in a worker: (file, item) → result. Must be picklable."""


@dataclass(frozen=True, slots=True)
class Mapped(Generic[R]):
    """What reading the items gave."""

    results: tuple[R, ...]
    """One per valid item, in path order."""
    skipped: tuple[Skipped, ...]
    """Files not published: the scope's, and those that are not valid items."""
    written: int = 0
    """Files the task wrote with :func:`~catalog_tool.publish.output.write_later` that
    were created or changed."""


_TASK: Callable[[str, Item], object] | None = None
_ROOT: Path | None = None


def _init(root: Path, task: Callable[[str, Item], object]) -> None:
    global _TASK, _ROOT
    _TASK, _ROOT = task, root


Rows = list[tuple[str, object, Skipped | None]]


def _run_chunk(chunk: Sequence[tuple[str, str]]) -> tuple[Rows, int]:
    assert _TASK is not None and _ROOT is not None
    rows = _read_chunk(_ROOT, chunk, _TASK)
    return rows, drain_writes()


def _read_chunk(
    root: Path, chunk: Sequence[tuple[str, str]], task: Callable[[str, Item], object]
) -> Rows:
    out: Rows = []
    base = os.fspath(root)
    with quiet_stderr(), no_gc():
        for rel, folder in chunk:
            # validate's reader: no links out of the catalog, no blocking on a FIFO, bounded
            source = read_limited(os.path.join(base, rel), root)  # noqa: PTH118
            if not isinstance(source, bytes):
                out.append((rel, None, Skipped(rel, UNREADABLE)))
                continue
            parsed = parse_item(source, folder)
            item = parsed.item
            if item is None:
                out.append((rel, None, Skipped(rel, NOT_AN_ITEM, _first_problem(parsed))))
            elif item.region != folder or not rel.endswith(
                (f"/{item.code}.yaml", f"/{item.code}.yml")
            ):
                out.append((rel, None, Skipped(rel, WRONG_PATH)))
            else:
                out.append((rel, task(rel, item), None))
    return out


def _first_problem(parsed: ParsedItem) -> tuple[int, int] | None:
    """Where the first reason a file is not a valid item is, or None when it has no place.

    The reader's findings carry JSON pointers, not positions; they are located in the
    composed node tree, as ``validate`` locates the findings of a file that needed the
    careful reader (a text scan would put every finding of a flow-style file at 1:1).
    """
    found = [f.position for f in parsed.findings if f.position is not None]
    pointed = [f.pointer for f in parsed.findings if f.position is None]
    if pointed and parsed.text is not None:
        tree = compose(parsed.text).root
        if tree is not None:
            found += [locate(tree, pointer) for pointer in pointed]
    return min(found, default=None)


def map_items(scope: Scope, task: ItemTask[R], jobs: int | None = None) -> Mapped[R]:
    """Read every item file of ``scope`` and run ``task`` on each valid item.

    Uses ``jobs`` worker processes (default: the cores) for large catalogs; ``task`` runs
    in the workers, so it should return small values (it may write files itself, at once
    or with ``write_later``: those writes are finished when this returns).
    """
    work = list(scope.files)
    workers = worker_count(jobs)
    rows: Rows = []
    written = 0
    if workers <= 1 or len(work) < PARALLEL_THRESHOLD:
        rows = _read_chunk(scope.root, work, task)
        written = drain_writes()
    else:
        chunks = [work[i : i + CHUNK] for i in range(0, len(work), CHUNK)]
        with process_pool(workers, _init, (scope.root, task)) as pool:
            for batch, made in pool.map(_run_chunk, chunks):
                rows.extend(batch)
                written += made
    results: list[R] = []
    skipped = list(scope.skipped)
    for _, result, reason in rows:
        if reason is not None:
            skipped.append(reason)
        else:
            results.append(result)  # type: ignore[arg-type]
    return Mapped(tuple(results), tuple(sorted(skipped, key=lambda s: s.file)), written)
