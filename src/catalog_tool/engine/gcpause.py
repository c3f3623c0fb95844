"""Pausing the cyclic garbage collector while many long-lived objects are made."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


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


@contextmanager
def frozen() -> Iterator[None]:
    """Keep the cyclic garbage collector off every object that exists now, until the block
    ends (``gc.freeze``).

    For a phase that works over millions of long-lived objects made before it (an imported
    workbook's records): a collection would walk them all again, more than a second at a
    time, for nothing, and forked workers would copy every page the walk touches. Enter it
    with the collector paused, right after making them: the first collection after a pause
    would walk everything made during it. Blocks do not nest (leaving the inner one would
    release what the outer one holds).
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
