"""Help text wraps at the terminal's width, not at the docstring's line breaks."""

from __future__ import annotations

import os
import subprocess
import sys


def _help(*command: str, columns: int) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "catalog_tool", *command, "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": str(columns), "TERM": "dumb"},
    )
    return done.stdout


def test_a_wide_terminal_shows_a_help_paragraph_on_one_line() -> None:
    lines = [line.strip() for line in _help("import", columns=400).splitlines()]
    assert (
        "Reads messy sheets too: title rows above the headers, header aliases, merged cells, "
        "codes that lost their leading zeros, materials listed in one cell. Every problem "
        "names its sheet and cell. Existing files keep their comments and every field the "
        "sheet leaves empty; importing the same sheet twice changes nothing."
    ) in lines


def test_a_narrow_terminal_wraps_without_orphaned_words() -> None:
    text = _help("diff", columns=80)
    lines = [line.strip() for line in text.splitlines()]
    # The docstring breaks after "detected;" and "change"; those breaks must not survive.
    assert "detected;" not in lines
    assert "change" not in lines
    assert any(line.startswith("detected; materials, conditions") for line in lines), text


def test_subcommands_of_groups_are_reflowed_too() -> None:
    lines = [line.strip() for line in _help("export", "xlsx", columns=400).splitlines()]
    assert (
        "The columns are the import template's, so the file imports back unchanged. Text is "
        "never written as a formula, and the same catalog gives a byte-identical file."
    ) in lines
