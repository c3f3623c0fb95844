"""Files that cannot be imported: exit code 2 and a message that says what to do."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from catalog_tool.errors import CatalogError
from catalog_tool.sheets import safety
from catalog_tool.sheets.reading import read_book
from catalog_tool.sheets.template import write_template
from tests.conftest import Result
from tests.sheets.books import BASE, build, copy_catalog

Run = Callable[..., Result]
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _ole(*streams: str) -> bytes:
    """A compound-file header followed by directory entries naming ``streams``."""
    header = OLE + b"\x00" * 16 + struct.pack("<HHH", 0x3E, 3, 0xFFFE) + struct.pack("<H", 9)
    header += b"\x00" * (0x30 - len(header)) + struct.pack("<I", 0) + b"\x00" * (512 - 0x34)
    directory = b"".join(name.encode("utf-16-le").ljust(128, b"\x00") for name in streams)
    return header + directory.ljust(512, b"\x00")


def _template(tmp_path: Path) -> Path:
    path = tmp_path / "template.xlsx"
    write_template(path)
    return path


def _inflated_size_lie(data: bytes, size: int) -> bytes:
    """The archive with every central-directory entry declaring ``size`` uncompressed bytes."""
    out = bytearray(data)
    start = 0
    while (found := out.find(b"PK\x01\x02", start)) >= 0:
        out[found + 24 : found + 28] = struct.pack("<I", size)
        start = found + 4
    return bytes(out)


CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "corrupt": (
        lambda d: _write(d / "dept.xlsx", b"PK\x03\x04" + b"\x17" * 300),
        "文件已损坏或不完整",
    ),
    "truncated": (
        lambda d: _write(d / "dept.xlsx", _template(d).read_bytes()[:2000]),
        "文件已损坏或不完整",
    ),
    "old xls": (
        lambda d: _write(d / "dept.xls", _ole("Root Entry", "Workbook", "SummaryInformation")),
        "这是旧版 Excel 97-2003 格式(.xls)",
    ),
    "password": (
        lambda d: _write(d / "dept.xlsx", _ole("Root Entry", "EncryptionInfo", "EncryptedPackage")),
        "工作簿设置了打开密码",
    ),
    "empty file": (lambda d: _write(d / "dept.xlsx", b""), "文件是空的"),
    "empty workbook": (lambda d: build(d / "dept.xlsx", {"Sheet1": []}), "工作簿是空的"),
    "wrong sheet": (
        lambda d: build(d / "dept.xlsx", {"人员名单": [["姓名", "电话"], ["张三", "123"]]}),
        "dept.xlsx:找不到可导入的工作表:“人员名单” 都没有“事项名称”“基本编码”或“材料名称”等表头",
    ),
    "binary workbook": (
        lambda d: _zip(
            d / "dept.xlsx", {"[Content_Types].xml": "x", "xl/workbook.bin": "x", "xl/x.bin": "x"}
        ),
        "dept.xlsx:这是 Excel 二进制工作簿(.xlsb),不能直接导入",
    ),
    "web page named xlsx": (
        lambda d: _write(d / "dept.xlsx", b"<!DOCTYPE html><html><table></table></html>"),
        "dept.xlsx:扩展名是 .xlsx,但不是真正的 Excel 文件",
    ),
    "web page with a BOM named xlsx": (
        lambda d: _write(
            d / "dept.xlsx", "\ufeff<table><tr><td>事项名称</td></tr></table>".encode()
        ),
        "dept.xlsx:扩展名是 .xlsx,但不是真正的 Excel 文件",
    ),
    "MHTML named xlsx": (
        lambda d: _write(d / "dept.xlsx", b"MIME-Version: 1.0\r\nContent-Type: multipart/related"),
        "dept.xlsx:扩展名是 .xlsx,但不是真正的 Excel 文件",
    ),
    "csv in no encoding": (
        lambda d: _write(d / "dept.csv", b"\x80\x80\x80\xff,\xff\n"),
        "dept.csv:CSV 文件既不是 UTF-8 也不是 GB18030 编码(第 0 字节)",
    ),
    "zip bomb": (
        lambda d: _write(
            d / "dept.xlsx", _inflated_size_lie(_template(d).read_bytes(), 0xFFFFFFF0)
        ),
        "可能是压缩炸弹",
    ),
    "word document": (
        lambda d: _zip(d / "dept.xlsx", {"[Content_Types].xml": "x", "word/document.xml": "x"}),
        "不是 Excel 工作簿(这是 Word 文档)",
    ),
    "html saved as xls": (
        lambda d: _write(d / "dept.xls", b"<html><table><tr><td>x</td></tr></table></html>"),
        "不是真正的 Excel 文件",
    ),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _zip(path: Path, parts: dict[str, str]) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return _write(path, buffer.getvalue())


@pytest.mark.parametrize("case", list(CASES))
def test_unusable_input_exits_2_with_a_message(run_cli: Run, tmp_path: Path, case: str) -> None:
    make, expected = CASES[case]
    catalog = copy_catalog(BASE, tmp_path / "catalog")
    source = make(tmp_path)
    result = run_cli("import", str(source), "--region", "370811", "--catalog", str(catalog))
    assert result.code == 2
    assert expected in result.err
    assert "Traceback" not in result.err
    assert result.err.startswith("错误: ")


def test_messages_are_in_english_on_request(run_cli: Run, tmp_path: Path) -> None:
    catalog = copy_catalog(BASE, tmp_path / "catalog")
    source = _write(tmp_path / "dept.xls", _ole("Root Entry", "Workbook"))
    result = run_cli(
        "import", str(source), "--region", "370811", "--catalog", str(catalog), "--lang", "en"
    )
    assert result.code == 2
    assert "old Excel 97-2003 (.xls)" in result.err
    assert "save it as an Excel workbook (*.xlsx)" in result.err


def test_a_real_bomb_is_refused_before_it_is_inflated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 64 MiB of zeros compress to about 64 KiB; the bound is lowered so the test stays small.
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (64 << 20))
    assert path.stat().st_size < 1 << 20
    monkeypatch.setattr(safety, "MAX_MEMBER_BYTES", 32 << 20)
    with pytest.raises(CatalogError) as caught:
        read_book(path)
    assert "xl/worksheets/sheet1.xml 解压后 64 MiB" in caught.value.text.zh


def test_an_unknown_region_is_a_usage_error(run_cli: Run, tmp_path: Path) -> None:
    catalog = copy_catalog(BASE, tmp_path / "catalog")
    source = _template(tmp_path)
    result = run_cli("import", str(source), "--region", "379999", "--catalog", str(catalog))
    assert result.code == 2
    assert "区划 379999 不在" in result.err


def test_csv_text_under_an_excel_name_is_read_as_csv(run_cli: Run, tmp_path: Path) -> None:
    """The content decides, not the name: systems export CSV text as "xlsx" too."""
    catalog = copy_catalog(BASE, tmp_path / "catalog")
    source = _write(
        tmp_path / "dept.xlsx",
        "基本编码,事项名称,承诺办结时限\n000101001000,食品经营许可,3\n".encode(),
    )
    result = run_cli(
        "import", str(source), "--region", "370811", "--catalog", str(catalog), "--dry-run"
    )
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    table = next(i for i, line in enumerate(lines) if line.startswith("试运行"))  # after findings
    assert [line.split() for line in lines[table + 1 : table + 3]] == [["新增", "0"], ["修改", "1"]]
