"""Checking many files: in this process, or on a pool of worker processes."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from catalog_tool.engine.filecheck import FileResult, Setup, check_file
from catalog_tool.io.fast import quiet_stderr

PARALLEL_THRESHOLD = 400
"""Below this many files a process pool costs more than it saves."""
CHUNK = 256

Work = tuple[str, str | None]
"""A file to check, and the content hash of its cached result (if any)."""
Progress = Callable[[int], None]
"""Called with the number of files just finished."""

_SETUP: Setup | None = None


def _init_worker(setup: Setup) -> None:
    global _SETUP  # noqa: PLW0603 - one setup per worker process, sent once
    _SETUP = setup


def _check_chunk(work: list[Work]) -> list[FileResult | None]:
    assert _SETUP is not None
    with quiet_stderr(), no_gc():
        return [check_file(_SETUP, file, digest) for file, digest in work]


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector during a batch.

    A batch allocates many objects and frees them by reference counting; full collections
    over the growing results would cost up to half the time of a run.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check_files(
    setup: Setup,
    work: Sequence[Work],
    jobs: int | None,
    progress: Progress | None = None,
) -> list[FileResult | None]:
    """Results in the order of ``work`` (None: unchanged, the cached result holds)."""
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(work) < PARALLEL_THRESHOLD:
        results: list[FileResult | None] = []
        with quiet_stderr(), no_gc():
            for i in range(0, len(work), CHUNK):
                results.extend(check_file(setup, f, d) for f, d in work[i : i + CHUNK])
                if progress is not None:
                    progress(len(work[i : i + CHUNK]))
        return results
    chunks = [list(work[i : i + CHUNK]) for i in range(0, len(work), CHUNK)]
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    results = []
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(setup,)
    ) as pool:
        for chunk, batch in zip(chunks, pool.map(_check_chunk, chunks), strict=True):
            results.extend(batch)
            if progress is not None:
                progress(len(chunk))
    return results
