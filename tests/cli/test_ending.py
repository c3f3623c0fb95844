"""The ``catalog`` process ends without the interpreter's teardown: nothing it wrote may be
lost, and its exit code is the command's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from catalog_tool.cli import ending

SAMPLE = Path(__file__).resolve().parents[2] / "items"
_RUN = "import sys; sys.argv[0] = 'catalog'; from catalog_tool.cli.app import run; run()"


def _catalog(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _RUN, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )


def test_everything_written_to_a_pipe_arrives() -> None:
    done = _catalog("validate", str(SAMPLE), "-f", "json")
    report = json.loads(done.stdout)  # the whole report, though stdout is a buffered pipe
    assert report["summary"]["items"] == 37
    assert done.returncode == (1 if report["summary"]["errors"] else 0)


def test_the_exit_code_is_the_commands() -> None:
    done = _catalog("validate", str(SAMPLE / "no-such-folder"))
    assert done.returncode == 2
    assert "no-such-folder" in done.stderr
    assert "Traceback" not in done.stderr


def test_nothing_is_held_when_the_cli_runs_in_process() -> None:
    ending.hold(object())
    assert ending._held == []
