"""Format files: read carefully, rewrite in canonical form, write atomically."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from catalog_tool.catalog.layout import REGIONS_FILE, display_path, find_root, scan
from catalog_tool.catalog.selection import Selection
from catalog_tool.diagnostics import Diagnostic, Finding
from catalog_tool.engine.filecheck import problem_finding, read_limited
from catalog_tool.engine.positions import Positioner, to_diagnostic
from catalog_tool.formatting.canonical import canonicalize_item, canonicalize_regions
from catalog_tool.formatting.known import KnownCanonical, digest
from catalog_tool.io import atomic, roundtrip
from catalog_tool.io.compose import compose
from catalog_tool.io.decode import decode
from catalog_tool.io.lock import catalog_lock
from catalog_tool.rules import all_rules
from catalog_tool.workers import Progress, ProgressStart, process_pool, worker_count

_BLOCKING = frozenset(
    {
        "syntax",
        "tab",
        "control_char",
        "duplicate_key",
        "anchor",
        "alias",
        "tag",
        "multi_doc",
        "too_deep",
        "too_many_values",
    }
)


@dataclass(frozen=True, slots=True)
class Change:
    """One file whose canonical form differs from what is on disk."""

    path: Path
    before: str
    after: str
    reencoded: bool = False
    """True when the file was not UTF-8 (e.g. GB18030) and is rewritten as UTF-8."""


@dataclass(slots=True)
class FormatResult:
    """What ``fmt`` found: files to change, and files it could not format."""

    root: Path
    checked: int = 0
    changes: list[Change] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)


def format_text(text: str, kind: str) -> str:
    """The canonical form of one file's text (``kind`` is ``item`` or ``regions``); its
    line breaks are kept, CRLF or LF."""

    def canonical(text: str) -> str:
        document, yaml = roundtrip.load(text)
        if kind == "regions":
            canonicalize_regions(document)
        else:
            canonicalize_item(document)
        return roundtrip.dump(document, yaml)

    return roundtrip.keeping_line_ends(text, canonical)


PARALLEL_THRESHOLD = 64
"""Formatting takes about 30 ms a file (ruamel's round trip): from this many files on,
worker processes save more than they cost to start."""
CHUNK = 16
"""Files a worker formats per task: half a second of work, so the bar moves smoothly."""

_Formatted = tuple[Change | None, list[Diagnostic], bytes | None]
"""A file's change (None: already canonical), what kept it from being formatted, and the
hash of the content that was judged (None: the file could not be read)."""


def format_catalog(
    target: str | Path,
    paths: Sequence[str | Path] = (),
    *,
    write: bool = True,
    jobs: int | None = None,
    progress: ProgressStart | None = None,
    cache: bool = True,
) -> FormatResult:
    """Format the catalog at ``target`` (only ``paths`` when given); write unless told not.

    Items whose content fmt found canonical before are not parsed again (see
    :mod:`catalog_tool.formatting.known`; ``cache=False`` neither reads nor writes that
    record). The others are formatted on ``jobs`` worker processes (default: the cores)
    when there are many; this process writes each changed file as its result comes
    back, in catalog order.
    """
    root = find_root(Path(target))
    result = FormatResult(root=root)
    known = KnownCanonical(root, cache)
    with catalog_lock(root, "catalog fmt") if write else contextlib.nullcontext():
        files = list(_files(root, paths))
        advance = progress(len(files)) if progress is not None else None
        todo = [(path, kind) for path, kind in files if not _known(root, path, kind, known)]
        result.checked = len(files) - len(todo)
        if advance is not None and result.checked:
            advance(result.checked)
        for (_, kind), (change, problems, content) in zip(
            todo, _formatted(root, todo, jobs, advance), strict=True
        ):
            result.checked += 1
            result.problems.extend(problems)
            if change is not None:
                result.changes.append(change)
                if write:
                    atomic.write_text(change.path, change.after)
                    if kind == "item":
                        known.add(digest(change.after.encode("utf-8")))
            elif content is not None and kind == "item" and not problems:
                known.add(content)
    known.save(whole=not paths)
    return result


def _known(root: Path, path: Path, kind: str, known: KnownCanonical) -> bool:
    """Whether ``path`` is an item whose content is known to be canonical."""
    if kind != "item" or not known:
        return False
    data = read_limited(str(path), root)
    return not isinstance(data, Finding) and digest(data) in known


def _formatted(
    root: Path, files: list[tuple[Path, str]], jobs: int | None, advance: Progress | None
) -> Iterator[_Formatted]:
    """:func:`_format_file` of each file, in order: here, or on worker processes."""
    workers = worker_count(jobs)
    if workers <= 1 or len(files) < PARALLEL_THRESHOLD:
        for path, kind in files:
            yield _format_file(root, path, kind)
            if advance is not None:
                advance(1)
        return
    chunks = [files[i : i + CHUNK] for i in range(0, len(files), CHUNK)]
    with process_pool(workers) as pool:
        formatted = pool.map(_format_chunk, [root] * len(chunks), chunks)
        for chunk, done in zip(chunks, formatted, strict=True):
            yield from done
            if advance is not None:
                advance(len(chunk))


def _format_chunk(root: Path, files: list[tuple[Path, str]]) -> list[_Formatted]:
    return [_format_file(root, path, kind) for path, kind in files]


def _files(root: Path, paths: Sequence[str | Path]) -> Iterable[tuple[Path, str]]:
    chosen = Selection(root, paths)
    if REGIONS_FILE in chosen:
        yield root / REGIONS_FILE, "regions"
    for rel in scan(root).items:
        if rel in chosen:
            path = root / rel
            if not path.is_symlink():
                yield path, "item"


def _format_file(root: Path, path: Path, kind: str) -> _Formatted:
    data = read_limited(str(path), root)
    if isinstance(data, Finding):  # a pipe, a device, a huge file: never read
        return None, [_from_finding(path, data)], None
    content = digest(data)
    decoded = decode(data)
    if decoded.text is None:
        params: dict[str, object] = {"gb18030": False, "offset": decoded.bad_offset}
        return (
            None,
            [_diagnostic(path, "not_utf8", decoded.line, decoded.column, params)],
            content,
        )
    blocking = [p for p in compose(decoded.text).problems if p.kind in _BLOCKING]
    if blocking:
        problems = [_diagnostic(path, p.kind, p.line, p.column, p.params) for p in blocking]
        return None, problems, content
    after = format_text(decoded.text, kind)
    reencoded = decoded.bad_offset is not None or decoded.bom
    if after == decoded.text and not reencoded:
        return None, [], content
    return Change(path, decoded.text, after, reencoded), [], content


def _diagnostic(
    path: Path, kind: str, line: int, column: int, params: dict[str, object]
) -> Diagnostic:
    from catalog_tool.io.compose import Problem

    return _from_finding(path, problem_finding(Problem(kind, line, column, params)))


def _from_finding(path: Path, finding: Finding) -> Diagnostic:
    severity = all_rules()[finding.code].severity
    diagnostic = to_diagnostic(finding, path.name, severity, Positioner(path.parent))
    return replace(diagnostic, file=display_path(path), region=None, code=None)
