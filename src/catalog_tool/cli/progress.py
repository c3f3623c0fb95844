"""A progress bar on stderr for long runs, only where someone is watching."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from catalog_tool.text import Lang, Text
from catalog_tool.workers import ProgressStart

MIN_FILES = 2000
"""Fewer files than this are checked before a bar would be worth drawing."""
CHECKING = Text("检查文件", "checking files")


def wanted(machine_readable: bool) -> bool:
    """Draw a bar only for human-readable output on a terminal (never when piped)."""
    return not machine_readable and sys.stderr.isatty() and sys.stdout.isatty()


@contextmanager
def progress_bar(
    lang: Lang, enabled: bool, label: Text = CHECKING, min_files: int = MIN_FILES
) -> Iterator[ProgressStart | None]:
    """A ``ProgressStart`` for :func:`catalog_tool.validate` (or another long run over
    files, named by ``label``), or None when disabled; no bar below ``min_files``."""
    if not enabled:
        yield None
        return
    # rich's progress machinery loads only when a bar is drawn.
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = Progress(
        f"[cyan]{label.get(lang)}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(file=sys.stderr),
        transient=True,
    )

    def start(total: int) -> Callable[[int], None]:
        if total < min_files:
            return lambda n: None
        task = bar.add_task(label.get(lang), total=total)
        bar.start()
        return lambda n: bar.advance(task, n)

    try:
        yield start
    finally:
        bar.stop()
