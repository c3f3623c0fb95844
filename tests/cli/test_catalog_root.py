"""Every command that reads a whole catalog takes it the same way: a positional root
(``export xlsx`` and ``export template`` also keep ``--catalog``), else the config's
``root``, else ``items/``."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import Result

SAMPLE = Path(__file__).resolve().parents[2] / "items"
Run = Callable[..., Result]


def _codes(workbook: Path) -> list[str]:
    book = load_workbook(workbook, read_only=True)
    try:
        rows = book["事项"].iter_rows(values_only=True)
        column = list(next(rows)).index("基本编码")
        return sorted(str(row[column]) for row in rows)
    finally:
        book.close()


def test_export_xlsx_takes_the_catalog_as_an_argument_like_guide_and_stats(
    run_cli: Run, tmp_path: Path
) -> None:
    by_argument, by_option = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    first = run_cli("export", "xlsx", str(SAMPLE), "--region", "370811", "-o", str(by_argument))
    second = run_cli(
        "export", "xlsx", "--catalog", str(SAMPLE), "--region", "370811", "-o", str(by_option)
    )
    assert (first.code, second.code) == (0, 0), first.err + second.err
    assert _codes(by_argument) == _codes(by_option)
    assert "000101001000" in _codes(by_argument)


def test_export_xlsx_without_a_root_uses_items_in_the_working_directory(
    run_cli: Run, tmp_path: Path
) -> None:
    shutil.copytree(SAMPLE, tmp_path / "items", ignore=shutil.ignore_patterns(".catalog_cache"))
    (tmp_path / "items" / "catalog.toml").unlink()  # no config: the items/ fallback
    result = run_cli("export", "xlsx", "--region", "370811", "-o", "list.xlsx", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "000101001000" in _codes(tmp_path / "list.xlsx")


@pytest.mark.parametrize("command", ["xlsx", "template"])
def test_a_catalog_given_twice_and_differently_is_a_usage_error(
    run_cli: Run, tmp_path: Path, command: str
) -> None:
    """The template reads no catalog without --region, but two different ones given is
    still a mistake to point out, not to ignore."""
    result = run_cli(
        "export", command, str(SAMPLE), "--catalog", str(tmp_path), "-o", str(tmp_path / "x.xlsx")
    )
    assert result.code == 2
    assert f"目录给了两次:{SAMPLE} 和 --catalog {tmp_path}" in result.err
    assert "只给一个" in result.err
    assert not (tmp_path / "x.xlsx").exists()
    assert not (tmp_path / "x.xlsx").exists()


def test_export_template_takes_the_catalog_as_an_argument(run_cli: Run, tmp_path: Path) -> None:
    workbook = tmp_path / "t.xlsx"
    result = run_cli("export", "template", str(SAMPLE), "--region", "370811", "-o", str(workbook))
    assert result.code == 0, result.err
    assert "列出了" in result.out
    assert "000101001000" in _codes(workbook)


@pytest.mark.parametrize("command", [["validate", "--no-cache"], ["fmt", "--check"]])
def test_two_catalogs_in_one_command_are_refused_not_one_skipped(
    run_cli: Run, tmp_path: Path, command: list[str]
) -> None:
    """``catalog validate items faulty`` checked items/ alone and passed: CI would pass on
    a catalog it never looked at. Paths in two catalogs are a usage error; paths inside
    one catalog still narrow the run."""
    faulty = Path(__file__).resolve().parents[1] / "catalogs" / "faulty"
    name, *options = command
    result = run_cli(name, str(SAMPLE), str(faulty), *options)
    assert result.code == 2
    assert f"{SAMPLE} 和 {faulty} 属于不同的事项目录,一次只能处理一个目录" in result.err
    assert f"分别运行 catalog {name} {SAMPLE} 和 catalog {name} {faulty}。" in result.err
    assert "Traceback" not in result.err
    inside = run_cli(name, str(SAMPLE), str(SAMPLE / "370811"), *options)
    assert inside.code == 0, inside.err


def test_dash_as_the_output_is_standard_output_or_refused_never_a_file_named_dash(
    run_cli: Run, tmp_path: Path
) -> None:
    """``-o -`` means standard output, as it does for validate. A command that writes a
    workbook, a registry or a site cannot write there: it refuses instead of leaving a
    file named "-" in the working directory."""
    stats = run_cli("stats", str(SAMPLE), "-o", "-", cwd=tmp_path)
    assert stats.code == 0, stats.err
    assert stats.out.startswith("事项目录统计")
    for args in (
        ["export", "xlsx", str(SAMPLE), "-o", "-"],
        ["export", "template", str(SAMPLE), "--region", "370811", "-o", "-"],
        ["export", "guide", str(SAMPLE), "-o", "-"],
        ["laws", "import", str(SAMPLE), "-o", "-"],
    ):
        refused = run_cli(*args, cwd=tmp_path)
        assert refused.code == 2, args
        assert refused.err.splitlines() == [
            "错误: “-”表示标准输出,而这里要写的是文件(或文件夹)",
            "给出要写入的路径,如 -o 清单.xlsx。",
        ], args
    assert list(tmp_path.iterdir()) == []
