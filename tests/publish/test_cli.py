"""``catalog export guide`` through the real CLI: output, messages, exit codes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result
from tests.publish.catalog import items, write_item

Run = Callable[..., Result]


def test_html_export_says_what_it_wrote_and_where_to_open(
    run_cli: Run, tiny: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    result = run_cli("export", "guide", str(tiny), "-o", str(site))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    files = len([p for p in site.rglob("*") if p.is_file()]) - 1  # not the manifest
    assert lines[0] == (
        f"已发布 4 项事项的办事指南到 {site.as_posix()}:{files} 个文件,"
        f"其中新写入或更新 {files} 个,删除不再需要的 0 个。"
    )
    size = (site / "search-index.js").stat().st_size / 1024
    assert lines[1] == f"搜索索引 {size:.1f} KB。打开:{site.as_posix()}/index.html"
    again = run_cli("export", "guide", str(tiny), "-o", str(site), "--lang", "en")
    assert again.code == 0
    assert again.out.startswith("Published the guides of 4 items to ")


def test_unpublished_files_are_listed_on_stderr(run_cli: Run, tiny: Path, tmp_path: Path) -> None:
    data = items()["370826/000101002000.yaml"]
    del data["venue"]
    write_item(tiny, "370826/000101002000.yaml", data)
    result = run_cli("export", "guide", str(tiny), "-o", str(tmp_path / "site"), "--no-dashboard")
    assert result.code == 0
    assert result.err.splitlines() == [
        "警告:1 个事项文件未发布:",
        "  370826/000101002000.yaml:1:1: 不是有效的事项(运行 catalog validate 查看原因),未发布",
    ]
    assert not (tmp_path / "site/stats.html").exists()


def test_unknown_region_and_foreign_folder_exit_2(run_cli: Run, tiny: Path, tmp_path: Path) -> None:
    result = run_cli("export", "guide", str(tiny), "-o", str(tmp_path / "s"), "--region", "999999")
    assert result.code == 2
    assert result.err.startswith("错误: 区划 999999 不在 regions.yaml 中")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "a.txt").write_text("x", encoding="utf-8")
    result = run_cli("export", "guide", str(tiny), "-o", str(mine))
    assert result.code == 2
    assert "不是空文件夹" in result.err and "Traceback" not in result.err


def test_pdf_without_chromium_exits_2_and_says_how_to_install(
    run_cli: Run, tiny: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("CATALOG_CHROMIUM", raising=False)
    result = run_cli("export", "guide", str(tiny), "-f", "pdf", "-o", str(tmp_path / "pdf"))
    assert result.code == 2
    assert result.err == (
        "错误: 生成 PDF 需要 Chromium,但没有找到\n"
        "安装 Chromium 和中文字体:apt-get install chromium fonts-noto-cjk(Debian/Ubuntu);"
        "或设置环境变量 CATALOG_CHROMIUM 指向 Chromium/Chrome 可执行文件。\n"
    )
    assert not (tmp_path / "pdf").exists()  # nothing is written before the check


def test_help_has_examples(run_cli: Run) -> None:
    result = run_cli("export", "guide", "--help")
    assert result.code == 0
    assert "catalog export guide -f docx -o guides" in result.out
    assert "apt-get install chromium fonts-noto-cjk" in result.out


def test_items_with_errors_are_listed_with_their_rules(
    run_cli: Run, tiny: Path, tmp_path: Path
) -> None:
    data = items()["370811/000101001000.yaml"]
    wrong = "11370811MB2822838X"  # the check character should be H (C005)
    data["agency"]["credit_code"] = wrong
    data["impl_code"] = wrong + data["impl_code"][18:]
    write_item(tiny, "370811/000101001000.yaml", data)
    for fmt in ("html", "md", "docx"):
        out = tmp_path / fmt
        result = run_cli("export", "guide", str(tiny), "-f", fmt, "-o", str(out), "--lang", "en")
        assert result.code == 0, result.err
        assert result.out.startswith("Published the guides of 3 items to "), fmt
        assert result.err.splitlines() == [
            "warning: 1 item files were not published:",
            "  370811/000101001000.yaml:12:5: has errors (C005); not published "
            "(run catalog validate to see them)",
        ]
    assert not (tmp_path / "md/370811/000101001000.md").exists()


@pytest.mark.parametrize("output_format", ["html", "docx", "md"])
def test_a_form_path_with_a_nul_character_is_not_a_file(
    run_cli: Run, tiny: Path, tmp_path: Path, output_format: str
) -> None:
    data = items()["370811/000101001000.yaml"]
    data["materials"][0]["blank_form"] = "forms/a\0b.pdf"  # "forms/a\u0000b.pdf" in the file
    write_item(tiny, "370811/000101001000.yaml", data)
    out = tmp_path / "guide"
    result = run_cli("export", "guide", str(tiny), "-f", output_format, "-o", str(out))
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith(f"已发布 4 项事项的办事指南到 {out.as_posix()}:")
    if output_format == "md":
        row = next(
            line
            for line in (out / "370811/000101001000.md").read_text(encoding="utf-8").splitlines()
            if line.startswith("| 1 | ")
        )
        assert "[空白表格]" not in row and "[示例样表](../forms/" in row  # linked only if found
