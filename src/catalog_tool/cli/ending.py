"""How the ``catalog`` process ends: without the interpreter's teardown, as mypy's
``hard_exit`` does.

Freeing a large run's objects one at a time changes nothing and takes time: the records of
a 55k import took 0.8-1.1 s to free when the command returned. The console script
(:func:`catalog_tool.cli.app.run`) ends the process with ``os._exit`` once the command is
done and the exit handlers have run, and a command may hold what it made so that it is not
freed before (:func:`catalog_tool.keepalive.hold`). Every file is written and closed, and
every worker process stopped, before a command returns. When the CLI is called in-process
(the tests call ``main``), or under a profiler or a coverage tracer, nothing is held and the
process ends the usual way.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
from typing import NoReturn

from catalog_tool import keepalive

_ending = False


def prepare() -> None:
    """Say that this process will end by :func:`end` (unless a profiler or a coverage
    tracer runs: they write their data in the teardown)."""
    global _ending  # noqa: PLW0603 - one switch for the process
    _ending = sys.getprofile() is None and sys.gettrace() is None
    keepalive.arm(_ending)


def end(code: int) -> NoReturn:
    """End the process with ``code``: the exit handlers run (thread pools finish their
    work, multiprocessing stops its helpers) and the standard streams are flushed, then
    the process ends without freeing its objects. Without :func:`prepare`'s go-ahead it
    exits the usual way."""
    if not _ending:
        sys.exit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe, or closed already
            stream.flush()
    os._exit(code)
