"""Bounded fuzzing of the workbook reader, in CI on every run.

A hypothesis run mutates a small valid workbook with ``CATALOG_FUZZ_EXAMPLES`` examples
(default 200): XML-significant insertions, byte flips, deletions and truncation inside one
part (the archive rebuilt around it, so the reader gets past the zip layer), and the same
on the raw archive bytes. With atheris installed, a coverage-guided run of
``xlsx_target.py`` for ``CATALOG_FUZZ_SECONDS`` (default 20). Every input that ever crashed
goes to ``regressions/`` (``xlsx-`` prefix) and is replayed here.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.atheris_run import run_atheris
from tests.fuzz.xlsx_target import check, pack, parts, seed

HERE = Path(__file__).parent
SEED = seed()
PARTS = parts(SEED)
NAMES = sorted(PARTS)
TOKENS = [
    b"<", b">", b"</c>", b"<c r=\"A1\" t=\"s\"><v>99999</v></c>", b"<row r=\"0\">",
    b"<row r=\"1048577\">", b"<c r=\"XFE1\"><v>1</v></c>", b"<f>[1]Sheet1!A1</f>", b"<v></v>",
    b"t=\"inlineStr\"", b"t=\"e\"", b"t=\"d\"", b"t=\"b\"", b"s=\"999\"", b"&#0;", b"&#xD800;",
    b"&amp;", b"&bogus;", b"_x0000_", b"_xD800_", b"<!--", b"<![CDATA[", b"]]>", b"\x00",
    b"\xff\xfe", b"\xef\xbb\xbf", b"<mergeCell ref=\"A1:XFD1048576\"/>",
    b"<mergeCell ref=\"B2:A1\"/>", b"r:id=\"rId99\"", b"Target=\"../../../../etc/passwd\"",
    b"<sheet name=\"x\" sheetId=\"9\" r:id=\"rId1\"/>", b"numFmtId=\"14\"", b"1e308", b"-1",
    b"<si><t>", b"<x:row>", b"date1904=\"1\"",
]  # fmt: skip


def _mutate(draw: st.DrawFn, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 5))):
        where = draw(st.integers(0, len(out)))
        action = draw(st.sampled_from(["insert", "flip", "delete", "truncate"]))
        if action == "insert":
            out[where:where] = draw(st.sampled_from(TOKENS))
        elif action == "flip" and where < len(out):
            out[where] ^= 1 << draw(st.integers(0, 7))
        elif action == "delete":
            del out[where : where + draw(st.integers(1, 60))]
        elif action == "truncate" and draw(st.integers(0, 3)) == 0:
            del out[where:]
    return bytes(out)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    if draw(st.integers(0, 4)) == 0:
        return _mutate(draw, SEED)  # the archive itself
    entries = dict(PARTS)
    name = draw(st.sampled_from(NAMES))
    entries[name] = _mutate(draw, entries[name])
    if draw(st.integers(0, 9)) == 0:
        del entries[draw(st.sampled_from(NAMES))]
    return pack(entries)


def test_the_seed_reads_cleanly() -> None:
    check(SEED)


@settings(
    max_examples=int(os.environ.get("CATALOG_FUZZ_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated())
def test_mutated_workbooks_never_crash(data: bytes) -> None:
    check(data)


@pytest.mark.parametrize(
    "case", sorted((HERE / "regressions").glob("xlsx-*")), ids=lambda p: p.name
)
def test_workbooks_that_once_crashed(case: Path) -> None:
    check(case.read_bytes())


@pytest.mark.skipif(
    importlib.util.find_spec("atheris") is None,
    reason="atheris is not installed here (no wheel for this platform); "
    "the hypothesis fuzz test above still runs",
)
def test_atheris_run_finds_no_crash(tmp_path: Path) -> None:
    run_atheris("xlsx_target.py", [SEED], tmp_path, prefix="xlsx-")


def test_a_utf16_mark_before_bytes_that_are_not_utf16_is_refused_with_a_message() -> None:
    """Found by the atheris run: a file starting with a UTF-16 mark (so read as CSV) whose
    bytes are not UTF-16 raised UnicodeDecodeError instead of a message."""
    from catalog_tool.errors import CatalogError
    from catalog_tool.sheets.reading import decode_csv

    with pytest.raises(CatalogError) as caught:
        decode_csv(bytes.fromhex("feffffffffffffffffffdfffff78"))
    assert caught.value.text.zh.startswith("CSV 文件以 UTF-16 标记开头,但内容不是有效的 UTF-16")
    check(bytes.fromhex("feffffffffffffffffffdfffff78"))


def test_an_entry_placed_before_the_start_of_the_file_is_a_damaged_file() -> None:
    """Found by the atheris run: bytes cut from the middle of a workbook leave entries whose
    offsets point before the file's start; seeking there raised OSError (a traceback)."""
    from catalog_tool.errors import CatalogError
    from catalog_tool.sheets.reading import read_book

    crash = HERE / "regressions" / "xlsx-crash-44f6a9d78f21d3cd90214ebf7989ed5dfdf825ea"
    with pytest.raises(CatalogError) as caught:
        read_book(crash)
    assert "文件已损坏或不完整" in caught.value.text.zh


def test_a_part_flagged_as_encrypted_in_the_archive_is_a_damaged_file(tmp_path: Path) -> None:
    """Found by the atheris run: a zip entry with its "encrypted" flag bit set made
    zipfile raise RuntimeError (a traceback) instead of a message."""
    from catalog_tool.errors import CatalogError
    from catalog_tool.sheets.reading import read_book

    data = bytearray(SEED)
    name = b"xl/workbook.xml"
    central = data.find(b"PK\x01\x02")
    while not data[central + 46 :].startswith(name):
        central = data.find(b"PK\x01\x02", central + 4)
    data[central + 8] |= 1  # general purpose flags, bit 0: encrypted
    local = int.from_bytes(data[central + 42 : central + 46], "little")
    data[local + 6] |= 1
    check(bytes(data))
    target = tmp_path / "dept.xlsx"
    target.write_bytes(bytes(data))
    with pytest.raises(CatalogError) as caught:
        read_book(target)
    assert "文件已损坏或不完整" in caught.value.text.zh
