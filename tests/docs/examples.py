"""The ``$ catalog ...`` examples of docs/commands/*.md, read as data for the tests."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"
COMMANDS = DOCS / "commands"
_EXIT = re.compile(r"#.*\bexit\s+(\d+)\b")
_CHROMIUM = re.compile(r"#.*\bneeds chromium\b")


@dataclass(frozen=True, slots=True)
class Example:
    """One ``$ catalog ...`` line of a console block."""

    page: str
    """The page's file name, e.g. ``validate.md``."""
    line: int
    """1-based line number in the page."""
    text: str
    """The command as written, without the ``$ ``."""
    argv: tuple[str, ...]
    """The arguments after ``catalog``."""
    exit_code: int
    """What the page says it exits with (``# exit N``; default 0)."""
    needs_chromium: bool
    """Marked ``# needs chromium``: skipped where no Chromium is installed."""


def examples(page: Path) -> list[Example]:
    """Every ``$ catalog`` line inside the fenced ``console`` blocks of ``page``, in order."""
    found: list[Example] = []
    fence: str | None = None
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("```"):
            fence = stripped[3:].strip() if fence is None else None
            continue
        if fence != "console" or not stripped.startswith("$ catalog"):
            continue
        text = stripped[2:]
        argv = tuple(shlex.split(text, comments=True))
        exit_code = _EXIT.search(text)
        found.append(
            Example(
                page=page.name,
                line=number,
                text=text,
                argv=argv[1:],
                exit_code=int(exit_code.group(1)) if exit_code else 0,
                needs_chromium=bool(_CHROMIUM.search(text)),
            )
        )
    return found


def pages() -> list[Path]:
    """The command pages, sorted by name."""
    return sorted(COMMANDS.glob("*.md"))
