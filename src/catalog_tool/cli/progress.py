"""A progress bar on stderr for long runs, only where someone is watching."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from catalog_tool.engine.run import ProgressStart
from catalog_tool.text import Lang, Text

MIN_FILES = 2000
"""Fewer files than this finish before a bar would be worth drawing."""


def wanted(machine_readable: bool) -> bool:
    """Draw a bar only for human-readable output on a terminal (never when piped)."""
    return not machine_readable and sys.stderr.isatty() and sys.stdout.isatty()


@contextmanager
def progress_bar(lang: Lang, enabled: bool) -> Iterator[ProgressStart | None]:
    """A ``ProgressStart`` for :func:`catalog_tool.validate`, or None when disabled."""
    if not enabled:
        yield None
        return
    # rich's progress machinery loads only when a bar is drawn.
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    label = Text("检查文件", "checking files").get(lang)
    bar = Progress(
        f"[cyan]{label}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(file=sys.stderr),
        transient=True,
    )

    def start(total: int) -> Callable[[int], None]:
        if total < MIN_FILES:
            return lambda n: None
        task = bar.add_task(label, total=total)
        bar.start()
        return lambda n: bar.advance(task, n)

    try:
        yield start
    finally:
        bar.stop()
