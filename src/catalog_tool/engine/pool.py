"""Checking many files: in this process, or on a pool of worker processes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from contextlib import closing

from catalog_tool.engine.attribute_hook import drop_getattr_hook
from catalog_tool.engine.filecheck import FileResult, Setup, check_batch
from catalog_tool.engine.folders import Folders
from catalog_tool.engine.gcpause import no_gc
from catalog_tool.io.fast import quiet_stderr
from catalog_tool.workers import Progress, process_pool, worker_count

__all__ = [
    "CHUNK",
    "PARALLEL_THRESHOLD",
    "Progress",
    "Work",
    "check_files",
    "code_first",
    "code_order",
    "no_gc",
]

PARALLEL_THRESHOLD = 400
"""Below this many files a process pool costs more than it saves."""
CHUNK = 256

Work = tuple[str, str | None]
"""A file to check, and the content hash of its cached result (if any)."""

_SETUP: Setup | None = None
_FOLDERS: Folders | None = None
"""The worker's folder handles, open until it exits."""


def _init_worker(setup: Setup) -> None:
    global _SETUP, _FOLDERS  # noqa: PLW0603 - one setup per worker process, sent once
    _SETUP = setup
    _FOLDERS = Folders(setup.root)
    drop_getattr_hook()  # the rules read item attributes hundreds of times per file


def _check_chunk(work: list[Work]) -> list[FileResult | None]:
    assert _SETUP is not None
    with quiet_stderr(), no_gc():
        return check_batch(_SETUP, work, _FOLDERS)


def check_files(
    setup: Setup,
    work: Sequence[Work],
    jobs: int | None,
    progress: Progress | None = None,
) -> list[FileResult | None]:
    """Results in the order of ``work`` (None: unchanged, the cached result holds)."""
    workers = worker_count(jobs)
    if workers <= 1 or len(work) < PARALLEL_THRESHOLD:
        results: list[FileResult | None] = []
        # stderr stays open between batches: a progress bar is drawn there (check_batch
        # silences it only while rapidyaml runs).
        with no_gc(), closing(Folders(setup.root)) as folders:
            for i in range(0, len(work), CHUNK):
                results.extend(check_batch(setup, work[i : i + CHUNK], folders))
                if progress is not None:
                    progress(len(work[i : i + CHUNK]))
        return results
    # Batches hold the items of one code across regions: they share most of their texts,
    # which then cross back to this process once per batch (see ItemSummary.from_item).
    order = code_order([file for file, _ in work])
    chunks = [[work[i] for i in order[s : s + CHUNK]] for s in range(0, len(order), CHUNK)]
    results = [None] * len(work)
    done = iter(order)
    with process_pool(workers, _init_worker, (setup,)) as pool:
        for chunk, batch in zip(chunks, pool.map(_check_chunk, chunks), strict=True):
            for result in batch:
                results[next(done)] = result
            if progress is not None:
                progress(len(chunk))
    return results


def code_first(file: str) -> tuple[str, str]:
    """Sort key of a file: its name (the item code), then its path."""
    return file.rsplit("/", 1)[-1], file


def code_order(files: Sequence[str]) -> list[int]:
    """The positions of ``files`` sorted by :func:`code_first`.

    Files are grouped by name and only the names are sorted: a province has a few
    thousand codes in ten times as many files, and this runs before any worker can start.
    """
    groups: dict[str, list[int]] = defaultdict(list)
    for position, file in enumerate(files):
        groups[file.rpartition("/")[2]].append(position)
    order: list[int] = []
    for name in sorted(groups):
        group = groups[name]
        order.extend(sorted(group, key=files.__getitem__) if len(group) > 1 else group)
    return order
