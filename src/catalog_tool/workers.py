"""Worker processes: how many a command uses, a pool of them, and progress callbacks.

Every command that spreads files over processes (validate, fmt, export, import, the
guides) takes its count and its pool from here, so ``--jobs`` means the same everywhere.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

Progress = Callable[[int], None]
"""Called with the number of files just finished."""
ProgressStart = Callable[[int], Progress]
"""Given the number of files to handle, returns the callback that advances a progress bar."""


def worker_count(jobs: int | None) -> int:
    """``--jobs`` when given, else the machine's cores."""
    return jobs if jobs is not None else (os.cpu_count() or 1)


@contextmanager
def process_pool(
    workers: int,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` processes, forked where the system can fork.

    Forked workers start at once with everything the parent has loaded; elsewhere they
    are spawned, and what they need must be picklable. When the work with the pool fails
    (or is interrupted), the work not yet started is dropped instead of waited for.
    """
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=initializer, initargs=initargs
    )
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
