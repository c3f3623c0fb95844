"""Objects kept until the process ends, when it ends without freeing them.

The ``catalog`` console script ends with ``os._exit`` once a command is done (see
:mod:`catalog_tool.cli.ending`). Freeing a large run's objects one at a time before that is
wasted work: the 55k results of a ``validate`` take about 0.05 s, the records of a 55k
import about a second. :func:`hold` keeps such objects instead. It does nothing unless the
process will end that way: a library caller, the tests (which call the CLI in-process) and
a profiler get the usual lifetime, and nothing leaks there.
"""

from __future__ import annotations

import gc

_held: list[object] = []
_armed = False


def arm(on: bool) -> None:
    """Say whether this process ends without freeing its objects (the console script's
    ending decides)."""
    global _armed  # noqa: PLW0603 - one switch for the process
    _armed = on


def hold(value: object) -> None:
    """Keep ``value`` until the process ends (when it ends that way; else do nothing).

    Every object alive now also leaves the garbage collector's view (``gc.freeze``): the
    process is about to end, and a collection would walk them all again for nothing (the
    first one after a paused collector walks everything made during the pause).
    """
    if _armed:
        _held.append(value)
        gc.freeze()
