"""Decoding: UTF-8 only, with GB18030 recognised and located."""

from __future__ import annotations

from catalog_tool.io.decode import decode


def test_utf8_passes_and_bom_is_dropped() -> None:
    assert decode("名称: 甲\n".encode()).text == "名称: 甲\n"
    decoded = decode(b"\xef\xbb\xbfa: 1\n")
    assert decoded.text == "a: 1\n" and decoded.bom and decoded.bad_offset is None


def test_gb18030_is_recognised_at_the_start_of_its_text() -> None:
    data = 'code: "1"\nname: 食品经营许可\n'.encode("gb18030")
    decoded = decode(data)
    assert decoded.gb18030
    assert (decoded.line, decoded.column) == (2, 7)
    assert decoded.text == 'code: "1"\nname: 食品经营许可\n'


def test_bytes_that_are_neither() -> None:
    decoded = decode(b"a: \xff\xfe\xff\n")
    assert decoded.bad_offset == 3
    assert (decoded.line, decoded.column) == (1, 4)
