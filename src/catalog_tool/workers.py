"""Worker processes: how many a command uses, and a pool of them.

Every command that spreads files over processes (validate, fmt, export, import, the
guides) takes its count and its pool from here, so ``--jobs`` means the same everywhere.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any


def worker_count(jobs: int | None) -> int:
    """``--jobs`` when given, else the machine's cores."""
    return jobs if jobs is not None else (os.cpu_count() or 1)


def process_pool(
    workers: int,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[Any, ...] = (),
) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes, forked where the system can fork.

    Forked workers start at once with everything the parent has loaded; elsewhere they
    are spawned, and what they need must be picklable.
    """
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=initializer, initargs=initargs
    )
