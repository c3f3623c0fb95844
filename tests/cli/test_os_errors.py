"""A file the command cannot read or write is the user's to fix: exit 2, the path, the
reason in the user's language and what to check. Never "internal error"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from catalog_tool.io.atomic import AtomicBatch, write_text
from tests.conftest import Result

SAMPLE = Path(__file__).resolve().parents[2] / "items"
Run = Callable[..., Result]
HINT = "检查路径是否正确、是否有读写权限、磁盘是否有空间;输出文件请给文件名而不是文件夹。"


def test_a_folder_given_as_the_output_names_it(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("validate", str(SAMPLE), "-f", "json", "-o", str(tmp_path))
    assert result.code == 2
    assert result.err.splitlines() == [f"错误: 无法读写 {tmp_path}:这是一个文件夹", HINT]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_disk_names_the_output_in_english_too(run_cli: Run) -> None:
    result = run_cli("validate", str(SAMPLE), "-f", "junit", "-o", "/dev/full", "--lang", "en")
    assert result.code == 2
    assert result.err.startswith(
        "error: cannot read or write /dev/full: no space left on the device\n"
    )


def test_an_atomic_write_names_its_target_not_its_temp_file(tmp_path: Path) -> None:
    """The temp file is an implementation detail; the user gave the target."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    target = blocker / "370811" / "000101001000.yaml"
    with pytest.raises(OSError, match="Not a directory") as single:
        write_text(target, "code: x\n")
    assert single.value.filename == str(target)
    with pytest.raises(OSError, match="Not a directory") as batched, AtomicBatch() as batch:
        batch.write_text(target, "code: x\n")
    assert batched.value.filename == str(target)


def test_a_file_where_the_output_needs_a_folder_says_so(run_cli: Run, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    out = blocker / "report.json"
    result = run_cli("validate", str(SAMPLE), "-f", "json", "-o", str(out))
    assert result.code == 2
    assert result.err.splitlines() == [
        f"错误: 无法读写 {out}:路径中有一部分不是文件夹",
        HINT,
    ]
