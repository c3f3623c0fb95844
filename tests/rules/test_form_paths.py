"""M004 tells a form path that leaves the catalog from one that names a missing file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import Result

Run = Callable[..., Result]
ITEM = "370811/000101001000.yaml"
BLANK = "blank_form: forms/食品经营许可申请书.docx"
SAMPLE = "sample: forms/食品经营许可申请书-示例.pdf"


def _point(catalog: Path, blank: str, sample: str) -> None:
    path = catalog / ITEM
    text = path.read_text(encoding="utf-8")
    assert BLANK in text and SAMPLE in text
    text = text.replace(BLANK, f"blank_form: {blank}").replace(SAMPLE, f"sample: {sample}")
    path.write_text(text, encoding="utf-8")


def _lines(result: Result) -> list[str]:
    """The report's lines from the item's path on (the catalog's folder cut off)."""
    out = result.out.splitlines()[:-1]  # not the summary
    return [line[line.index(ITEM) :] if ITEM in line else line for line in out]


def test_absolute_and_escaping_paths_are_outside_the_catalog(run_cli: Run, catalog: Path) -> None:
    _point(catalog, "/etc/passwd", "../../../../etc/passwd")
    result = run_cli("validate", str(catalog), "--select", "M004")
    assert result.code == 0  # a warning
    hint = (
        "    修改建议: 路径相对于目录根目录,不能是绝对路径,也不能用 .. 跳出目录:"
        "把文件复制到目录的 forms/ 下,写成 forms/passwd。"
    )
    assert _lines(result) == [
        f'{ITEM}:20:5: 警告 M004 申请表"食品经营许可申请书"的空白表格文件 /etc/passwd 在目录之外',
        hint,
        f'{ITEM}:21:5: 警告 M004 申请表"食品经营许可申请书"的示例样表文件 '
        "../../../../etc/passwd 在目录之外",
        hint,
    ]
    english = run_cli("validate", str(catalog), "--select", "M004", "--lang", "en")
    assert _lines(english)[:2] == [
        f"{ITEM}:20:5: warning M004 the blank form file /etc/passwd of form "
        '"食品经营许可申请书" is outside the catalog',
        "    hint: Use a path relative to the catalog root, neither absolute nor leading out "
        "with ..: copy the file into the catalog's forms/ folder and write forms/passwd.",
    ]


def test_a_missing_file_inside_the_catalog_still_does_not_exist(
    run_cli: Run, catalog: Path
) -> None:
    _point(catalog, "forms/没有这个文件.docx", "forms/../forms/食品经营许可申请书-示例.pdf")
    result = run_cli("validate", str(catalog), "--select", "M004")
    assert _lines(result) == [
        f'{ITEM}:20:5: 警告 M004 申请表"食品经营许可申请书"的空白表格文件 '
        "forms/没有这个文件.docx 不存在",
        "    修改建议: 把文件放到目录根目录下的该路径,或改正路径。",
    ]
