"""Hostile and broken spreadsheets, through the real command line in a separate process.

Each case ends in bounded time and memory (the process runs under an address-space limit
that an inflated bomb or a million built rows would not fit in), with exit code 2 and a
Chinese message that says what is wrong and how to fix it, or with findings at exact
cells; never a traceback, and the catalog is left byte for byte as it was.

Cases already in ``tests/sheets/test_unusable.py`` (truncated and corrupt files, the
declared-size bomb, password-protected and old .xls compound files, empty files and
workbooks, the wrong sheet) are not repeated here.
"""

from __future__ import annotations

import json
import os
import resource
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from zlib_ng.zlib_ng import crc32_combine

from catalog_tool.sheets.template import write_template
from tests.sheets.books import (
    BASE,
    build,
    cache_formula_values,
    copy_catalog,
    item_files,
    share_formulas,
)

CATALOG = [sys.executable, "-m", "catalog_tool"]
SHEET = "xl/worksheets/sheet1.xml"


def _limit_memory() -> None:
    # 1.5 GB of address space: far more than these runs need, far less than a bomb inflated.
    resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024 * 1024, 1536 * 1024 * 1024))


def _import(source: Path, catalog: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CATALOG, "import", str(source), "--region", "370811", "--catalog", str(catalog), *extra],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_limit_memory,
        check=False,
        env={**os.environ, "CATALOG_LANG": "zh"},
    )


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    return copy_catalog(BASE, tmp_path / "catalog")


def _raw_zip(path: Path, entries: list[tuple[str, bytes, int, int]]) -> Path:
    """A zip of pre-deflated entries: (name, raw deflate data, CRC-32, declared size)."""
    out, directory = bytearray(), bytearray()
    for name, data, crc, size in entries:
        raw = name.encode()
        fields = (0, 33, crc, len(data), size, len(raw))
        directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, *fields,
                                 0, 0, 0, 0, 0, len(out)) + raw  # fmt: skip
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, *fields, 0) + raw + data
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries),
                      len(directory), len(out), 0)  # fmt: skip
    path.write_bytes(bytes(out + directory + end))
    return path


def _deflated(data: bytes) -> tuple[str, bytes, int, int]:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return ("", packer.compress(data) + packer.flush(), zlib.crc32(data), len(data))


def _bomb(tmp_path: Path, mebibytes: int, declared: int | None = None) -> Path:
    """The import template with its first sheet replaced by ``mebibytes`` MiB of zeros in a
    ~1 MiB file (a 1 MiB deflate segment repeated), declaring ``declared`` bytes."""
    template = tmp_path / "template.xlsx"
    write_template(template)
    entries = []
    with zipfile.ZipFile(template) as archive:
        for name in archive.namelist():
            if name != SHEET:
                entries.append((name, *_deflated(archive.read(name))[1:]))
    block = bytes(1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    final = zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    crc = 0
    for _ in range(mebibytes):
        crc = crc32_combine(crc, zlib.crc32(block), len(block))
    size = mebibytes << 20
    entries.append(
        (SHEET, segment * mebibytes + final, crc, size if declared is None else declared)
    )
    return _raw_zip(tmp_path / "dept.xlsx", entries)


def _assert_refused(done: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("错误: ")
    for text in expected:
        assert text in done.stderr, done.stderr


def test_a_zip_bomb_disguised_as_a_workbook_is_refused_uninflated(
    tmp_path: Path, catalog: Path
) -> None:
    source = _bomb(tmp_path, 1100)
    assert source.stat().st_size < 3 << 20
    before = item_files(catalog)
    done = _import(source, catalog)
    _assert_refused(
        done, f"dept.xlsx:拒绝读取,{SHEET} 解压后 1,100 MiB", "可能是压缩炸弹", "请确认文件来源"
    )
    assert item_files(catalog) == before


def test_a_bomb_that_lies_about_its_size_inflates_no_further_than_it_declares(
    tmp_path: Path, catalog: Path
) -> None:
    source = _bomb(tmp_path, 1100, declared=1 << 20)
    before = item_files(catalog)
    done = _import(source, catalog)
    _assert_refused(done, "文件已损坏或不完整", "请重新获取文件")
    assert item_files(catalog) == before


def _million_rows(path: Path) -> Path:
    """The 事项 sheet with a header and 1,048,575 item rows (Excel's last row is 1,048,576),
    written as SpreadsheetML directly: openpyxl would take minutes."""
    template = path.parent / "template.xlsx"
    write_template(template)
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet '
        'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row><c t="inlineStr"><is><t>基本编码</t></is></c>'
        '<c t="inlineStr"><is><t>事项名称</t></is></c></row>'
    )
    row = '<row><c t="inlineStr"><is><t>{:012d}</t></is></c><c t="inlineStr"><is><t>x</t></is></c></row>'
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w") as target:
        for name in source.namelist():
            if name != SHEET:
                target.writestr(name, source.read(name), zipfile.ZIP_DEFLATED)
        with target.open(zipfile.ZipInfo(SHEET), "w") as part:
            part.write(head.encode())
            rows = iter(range(1, 1_048_576))
            while chunk := [row.format(n) for _, n in zip(range(50_000), rows, strict=False)]:
                part.write("".join(chunk).encode())
            part.write(b"</sheetData></worksheet>")
    return path


def test_a_sheet_filled_to_the_last_row_is_refused_with_a_bound(
    tmp_path: Path, catalog: Path
) -> None:
    """1,048,576 rows: a province's whole list is 55k item rows (330k step rows), so a sheet
    this long is a column filled down by mistake, or hostile. Importing it would take many
    minutes and gigabytes (measured: over 10 minutes and 6.5 GB before it was stopped);
    refusing it takes seconds, names the sheet and says how to split the file."""
    source = _million_rows(tmp_path / "dept.xlsx")
    before = item_files(catalog)
    done = _import(source, catalog)
    _assert_refused(
        done,
        "dept.xlsx:工作表“事项”有 1,048,576 行数据,超过每张表 500,000 行的上限",
        "按区划或部门拆分成多个文件分别导入",
    )
    assert item_files(catalog) == before


def test_formulas_without_a_value_and_links_to_other_workbooks_are_findings_on_their_cells(
    tmp_path: Path, catalog: Path
) -> None:
    """An uncached formula has no value to import; a formula into another workbook
    (``[1]Sheet1!A1``, with its ``externalLinks/`` part) has only a copy that may be out of
    date. Both rows are rejected with a finding on the cell; the clean row is imported."""
    path = build(
        tmp_path / "built.xlsx",
        {
            "事项": [
                ["基本编码", "事项名称", "法定办结时限"],
                ["000101001000", "=[1]Sheet1!$A$1", 20],
                ["000101002000", "公共场所卫生许可", "='[2]期限'!B3"],
                ["000101003000", '=CONCATENATE("建筑","工程施工许可")', 20],
                ["000201001000", "对未取得食品经营许可从事食品经营活动的行政处罚", None],
            ]
        },
    )
    cache_formula_values(path, 1, {"B2": "食品经营许可", "C3": "20"})
    _with_external_link(path, tmp_path / "dept.xlsx")
    before = item_files(catalog)
    done, found = _findings_by_cell(tmp_path / "dept.xlsx", catalog)
    assert found == {
        "事项!B2": (
            "S003",
            "公式 =[1]Sheet1!$A$1 引用了另一个工作簿,其值无法核实(可能已过期)",
        ),
        "事项!C3": ("S003", "公式 ='[2]期限'!B3 引用了另一个工作簿,其值无法核实(可能已过期)"),
        "事项!B4": (
            "S003",
            '公式 =CONCATENATE("建筑","工程施工许可") 没有计算结果(文件保存时未缓存公式的值)',
        ),
    }
    assert [line.split() for line in done.stderr.splitlines()[1:5]] == [
        ["新增", "0"],
        ["修改", "0"],
        ["未变", "1"],
        ["拒绝", "3"],
    ]
    assert item_files(catalog) == before


def _findings_by_cell(
    source: Path, catalog: Path
) -> tuple[subprocess.CompletedProcess[str], dict[str, tuple[str, str]]]:
    """A dry-run import of ``source`` that finds problems: the run, and its findings'
    rule and message by cell."""
    done = _import(source, catalog, "--dry-run", "-f", "json")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    diagnostics = json.loads(done.stdout)["diagnostics"]
    return done, {d["cell"]: (d["rule"], d["message"]) for d in diagnostics}


def _with_external_link(path: Path, target_path: Path) -> None:
    """A copy of workbook ``path`` with the ``externalLinks/`` part Excel writes for
    ``[1]``: a link to a department's own file the catalog office does not have."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target_path, "w") as target:
        for name in source.namelist():
            target.writestr(name, source.read(name))
        target.writestr(
            "xl/externalLinks/externalLink1.xml",
            '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<externalBook r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships"/></externalLink>',
        )
        target.writestr(
            "xl/externalLinks/_rels/externalLink1.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/externalLinkPath" Target="file:///C:/部门/编码表.xlsx" '
            'TargetMode="External"/></Relationships>',
        )


def test_a_link_to_another_workbook_filled_down_a_column_is_a_finding_in_every_cell(
    tmp_path: Path, catalog: Path
) -> None:
    """Filled down, the link is written once (B2) and each cell below holds only a pointer
    to it and a copied value: every row is rejected at its own cell, with the formula
    Excel shows there, not only the first."""
    path = build(
        tmp_path / "built.xlsx",
        {
            "事项": [
                ["基本编码", "事项名称", "法定办结时限"],
                ["000101001000", "=[1]编码表!B2", 20],
                ["000101002000", "=[1]编码表!B3", 20],
                ["000101003000", "=[1]编码表!B4", 20],
            ]
        },
    )
    share_formulas(
        path,
        1,
        "B2:B4",
        ["B2", "B3", "B4"],
        {"B2": "食品经营许可", "B3": "公共场所卫生许可", "B4": "建筑工程施工许可"},
    )
    _with_external_link(path, tmp_path / "dept.xlsx")
    before = item_files(catalog)
    _, found = _findings_by_cell(tmp_path / "dept.xlsx", catalog)
    assert found == {
        f"事项!B{row}": (
            "S003",
            f"公式 =[1]编码表!B{row} 引用了另一个工作簿,其值无法核实(可能已过期)",
        )
        for row in (2, 3, 4)
    }
    assert item_files(catalog) == before
