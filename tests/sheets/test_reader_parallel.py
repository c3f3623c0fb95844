"""A large workbook's largest sheet is parsed in a helper process: same sheets, same errors.

The size threshold is lowered so that small workbooks take the helper's path.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import os
import zipfile
from pathlib import Path

import pytest

from catalog_tool.errors import CatalogError
from catalog_tool.sheets import xlsx_read
from catalog_tool.sheets.book import CellValue
from catalog_tool.sheets.reading import read_book
from tests.sheets.books import build

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the helper is a forked process")

Record = tuple[int, str]


@pytest.fixture
def small_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_read, "PARALLEL_PART_BYTES", 1)


def _workbook(path: Path) -> Path:
    """Three sheets, the second the largest: shared strings, numbers, dates, a merged range,
    a hidden sheet."""
    big: list[list[CellValue]] = [["名称", "数量", "日期"]]
    big += [[f"第 {n} 行 & <文字>", n, dt.datetime(2024, 1, 1 + n % 28)] for n in range(400)]
    return build(
        path,
        {
            "事项": [["基本编码", "事项名称"], ["000101001000", "食品经营许可"], [None, "合并"]],
            "办理流程": big,
            "隐藏": [["看不见"]],
        },
        merges={"事项": ["A2:A3"]},
        hidden=["隐藏"],
        number_formats={"办理流程": {f"C{r}": "yyyy-mm-dd" for r in range(2, 402)}},
    )


def _recording(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """Log which process parses which part (the helper is forked, so it logs too)."""
    parse = xlsx_read._sheet_rows

    def logged(
        archive: zipfile.ZipFile, name: str, part: str, context: xlsx_read._Context
    ) -> xlsx_read.Parsed:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {part}\n")
        return parse(archive, name, part, context)

    monkeypatch.setattr(xlsx_read, "_sheet_rows", logged)


def _parsed_by(log: Path) -> dict[str, int]:
    lines = log.read_text(encoding="utf-8").split()
    return {part: int(pid) for pid, part in zip(lines[::2], lines[1::2], strict=True)}


def test_the_helper_reads_the_largest_sheet_as_this_process_would(
    tmp_path: Path, small_threshold: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _workbook(tmp_path / "book.xlsx")
    serial = read_book(path, jobs=1)
    log = tmp_path / "parsed.log"
    _recording(monkeypatch, log)
    parallel = read_book(path, jobs=2)
    assert parallel.sheets == serial.sheets
    assert [s.name for s in parallel.sheets] == ["事项", "办理流程", "隐藏"]
    assert parallel.sheets[0].merged == 1 and parallel.sheets[2].hidden
    assert parallel.sheets[1].value(3, 1) == "第 1 行 & <文字>"
    assert parallel.sheets[1].value(3, 3) == dt.datetime(2024, 1, 2)
    by = _parsed_by(log)
    assert by.pop("xl/worksheets/sheet2.xml") != os.getpid()  # the largest: in the helper
    assert set(by.values()) == {os.getpid()}


def test_one_job_or_a_small_workbook_uses_no_helper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _workbook(tmp_path / "book.xlsx")
    log = tmp_path / "parsed.log"
    _recording(monkeypatch, log)
    read_book(path, jobs=2)  # the default threshold: far larger than this workbook
    monkeypatch.setattr(xlsx_read, "PARALLEL_PART_BYTES", 1)
    read_book(path, jobs=1)
    assert set(_parsed_by(log).values()) == {os.getpid()}
    assert len(log.read_text(encoding="utf-8").splitlines()) == 6


def _damage(path: Path, part: str, xml: str) -> None:
    with zipfile.ZipFile(path) as archive:
        entries = {n: archive.read(n) for n in archive.namelist()}
    entries[part] = xml.encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def _message(path: Path, jobs: int) -> str:
    with pytest.raises(CatalogError) as raised:
        read_book(path, jobs=jobs)
    return str(raised.value.text.en)


def test_errors_of_the_helpers_sheet_are_the_ones_this_process_gives(
    tmp_path: Path, small_threshold: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _workbook(tmp_path / "book.xlsx")
    monkeypatch.setattr(xlsx_read, "MAX_ROWS", 100)  # 办理流程 has 401 rows
    assert "sheet '办理流程' has 401 rows" in _message(path, 1)
    assert _message(path, 2) == _message(path, 1)
    monkeypatch.undo()
    monkeypatch.setattr(xlsx_read, "PARALLEL_PART_BYTES", 1)
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet2.xml").decode()
    _damage(path, "xl/worksheets/sheet2.xml", xml.replace("</sheetData>", ""))
    assert "sheetData is not closed" in _message(path, 1)
    assert _message(path, 2) == _message(path, 1)


def test_the_first_sheet_in_workbook_order_gives_the_error(
    tmp_path: Path, small_threshold: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """事项 (parsed here) is damaged, 办理流程 (in the helper) too long: 事项's error wins,
    though the helper's answer is in first."""
    path = _workbook(tmp_path / "book.xlsx")
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    _damage(path, "xl/worksheets/sheet1.xml", xml.replace("</sheetData>", ""))
    monkeypatch.setattr(xlsx_read, "MAX_ROWS", 100)
    assert "sheetData is not closed" in _message(path, 2)
    assert _message(path, 2) == _message(path, 1)


def _die(
    filename: str, name: str, part: str, expected: tuple[int, int, int]
) -> tuple[list[list[CellValue]], int]:
    os._exit(3)  # as if the helper were killed


def test_a_helper_that_dies_leaves_its_sheet_to_this_process(
    tmp_path: Path, small_threshold: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _workbook(tmp_path / "book.xlsx")
    serial = read_book(path, jobs=1)
    monkeypatch.setattr(xlsx_read, "_helper_rows", _die)
    assert read_book(path, jobs=2).sheets == serial.sheets


def test_the_helper_refuses_a_part_that_changed_since_it_was_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _workbook(tmp_path / "book.xlsx")
    part = "xl/worksheets/sheet2.xml"
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(part)
        expected = (info.file_size, info.compress_size, info.CRC)
    monkeypatch.setattr(xlsx_read, "_HELPER_CONTEXT", ([], frozenset(), xlsx_read.WINDOWS_EPOCH))
    try:
        rows = xlsx_read._helper_rows(str(path), "办理流程", part, expected).rows
        assert rows[0] == ["名称", "数量", "日期"]
        with pytest.raises(xlsx_read.DamagedError, match="changed while"):
            xlsx_read._helper_rows(str(path), "办理流程", part, (1, 2, 3))
        with pytest.raises(xlsx_read.DamagedError, match="changed while"):
            xlsx_read._helper_rows(str(path), "办理流程", "xl/worksheets/nope.xml", expected)
        with pytest.raises(xlsx_read.DamagedError, match="cannot open it again"):
            xlsx_read._helper_rows(str(tmp_path / "gone.xlsx"), "办理流程", part, expected)
    finally:
        gc.enable()  # the helper turns the collector off in its own process


def test_no_process_to_be_had_leaves_the_sheet_to_this_process(
    tmp_path: Path, small_threshold: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _workbook(tmp_path / "book.xlsx")
    serial = read_book(path, jobs=1)

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(xlsx_read, "ProcessPoolExecutor", refuse)
    assert read_book(path, jobs=2).sheets == serial.sheets


def test_the_helpers_rows_share_one_object_per_text() -> None:
    """Repeated texts cross from the helper as back-references to one object."""
    first, again = "".join(["办理", "流程"]), "".join(["办理", "流", "程"])
    assert first == again and first is not again
    when = dt.datetime(2024, 1, 1)
    rows: list[list[CellValue]] = [[first, 1, None, when], [again, "其他"], []]
    shared = xlsx_read._one_object_per_text(rows)
    assert shared == rows
    assert shared[0][0] is shared[1][0]
    assert shared[0][3] is when
