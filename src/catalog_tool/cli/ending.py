"""How the ``catalog`` process ends: without the interpreter's teardown, as mypy's
``hard_exit`` does.

Freeing a large run's objects one at a time changes nothing and takes time: the records of
a 55k import took 0.8-1.1 s to free when the command returned. The console script
(:func:`catalog_tool.cli.app.run`) ends the process with ``os._exit`` once the command is
done, and a command may :func:`hold` what it made so that it is not freed before. Every
file is written and closed, and every worker process stopped, before a command returns.
When the CLI is called in-process (the tests call ``main``), nothing is held.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import NoReturn

_held: list[object] = []
_ending = False


def hold(value: object) -> None:
    """Keep ``value`` until the process ends (when it ends that way; else do nothing)."""
    if _ending:
        _held.append(value)


def prepare() -> None:
    """Say that this process will end by :func:`end`."""
    global _ending  # noqa: PLW0603 - one switch for the process
    _ending = True


def end(code: int) -> NoReturn:
    """Flush the standard streams and end the process with ``code``."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe, or closed already
            stream.flush()
    os._exit(code)
