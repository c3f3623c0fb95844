"""The ``catalog`` process ends without the interpreter's teardown: nothing it wrote may be
lost, and its exit code is the command's."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest

from catalog_tool import keepalive
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


@pytest.mark.parametrize("output", [["-f", "json"], ["-f", "text"], ["--lang", "en"]])
def test_a_reader_that_closes_the_pipe_early_leaves_the_exit_code_the_commands(
    output: list[str],
) -> None:
    """``catalog validate -f json | head``: the reader stops reading, and every write
    after that fails. The exit code must still say what validate found (the sample
    catalog passes: 0), not 1, which means findings."""
    reader = subprocess.Popen(
        [sys.executable, "-c", _RUN, "validate", str(SAMPLE), *output],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None
    reader.stdout.close()  # before the first write: every write meets a closed pipe
    _, errors = reader.communicate(timeout=120)
    assert reader.returncode == _catalog("validate", str(SAMPLE), *output).returncode == 0
    assert b"Traceback" not in errors and b"Broken pipe" not in errors, errors


def test_a_closed_pipe_named_as_the_output_file_leaves_the_exit_code_the_commands() -> None:
    """``catalog validate -o /dev/stdout | head``: the report goes to the pipe through a
    path, not through ``sys.stdout``; a reader closing it changes the exit code neither."""
    reader = subprocess.Popen(
        [sys.executable, "-c", _RUN, "validate", str(SAMPLE), "-f", "json", "-o", "/dev/stdout"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None
    reader.stdout.close()
    _, errors = reader.communicate(timeout=120)
    assert reader.returncode == 0, errors
    assert b"Traceback" not in errors and b"Broken pipe" not in errors, errors


def test_a_reader_that_closes_stderr_early_leaves_the_exit_code_the_commands() -> None:
    """``catalog fmt --diff 2>&1 | head``: fmt says its summary on stderr; the sample
    catalog is canonical, so the command ends with 0 though that write fails."""
    reader = subprocess.Popen(
        [sys.executable, "-c", _RUN, "fmt", str(SAMPLE), "--diff"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stderr is not None
    reader.stderr.close()
    out, _ = reader.communicate(timeout=120)
    assert reader.returncode == 0
    assert out == b""


def test_the_exit_code_is_the_commands() -> None:
    done = _catalog("validate", str(SAMPLE / "no-such-folder"))
    assert done.returncode == 2
    assert "no-such-folder" in done.stderr
    assert "Traceback" not in done.stderr


def test_nothing_is_held_when_the_cli_runs_in_process() -> None:
    keepalive.hold(object())
    assert keepalive._held == []
    assert gc.get_freeze_count() == 0


def test_a_process_that_ends_without_teardown_holds_and_freezes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What a command holds is neither freed nor walked again by the collector."""
    monkeypatch.setattr(keepalive, "_held", [])
    monkeypatch.setattr(keepalive, "_armed", False)
    value = [object()]
    try:
        keepalive.arm(True)
        keepalive.hold(value)
        assert keepalive._held == [value]
        assert gc.get_freeze_count() > 0
        assert not any(obj is value for obj in gc.get_objects())  # frozen: out of view
    finally:
        gc.unfreeze()


def test_the_console_script_arms_holding_unless_traced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keepalive, "_armed", False)
    monkeypatch.setattr(ending, "_ending", False)
    monkeypatch.setattr(sys, "gettrace", lambda: None)
    monkeypatch.setattr(sys, "getprofile", lambda: None)
    ending.prepare()
    assert keepalive._armed
    monkeypatch.setattr(sys, "gettrace", lambda: print)
    ending.prepare()
    assert not keepalive._armed


def test_a_profiler_gets_to_write_its_data(tmp_path: Path) -> None:
    profile = tmp_path / "catalog.prof"
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "catalog_tool", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0
    assert profile.stat().st_size > 0  # written in the teardown, which is not skipped


def test_under_a_tracer_the_process_ends_the_usual_way(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ending, "_ending", False)
    monkeypatch.setattr(sys, "gettrace", lambda: print)  # as coverage's tracer would be
    ending.prepare()
    assert not ending._ending
    with pytest.raises(SystemExit) as stopped:
        ending.end(3)
    assert stopped.value.code == 3
