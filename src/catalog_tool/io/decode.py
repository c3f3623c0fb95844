"""Bytes to text: UTF-8 only, with a helpful finding for GB18030 files (Y003)."""

from __future__ import annotations

from dataclasses import dataclass

UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's text, and what was wrong with its encoding."""

    text: str | None
    """The text; None when it could not be decoded at all."""
    bad_offset: int | None = None
    """Byte offset of the first byte that is not UTF-8, when the file is not UTF-8."""
    line: int = 1
    """1-based line of that byte."""
    column: int = 1
    """1-based column of that byte."""
    gb18030: bool = False
    """True when the file decodes as GB18030 (the usual encoding of Chinese Windows)."""
    bom: bool = False
    """True when the file starts with a UTF-8 byte order mark (it is dropped)."""


def decode(data: bytes) -> Decoded:
    """Decode ``data`` as UTF-8, dropping a BOM. On failure say where, and try GB18030."""
    bom = data.startswith(UTF8_BOM)
    if bom:
        data = data[len(UTF8_BOM) :]
    try:
        return Decoded(text=data.decode("utf-8"), bom=bom)
    except UnicodeDecodeError as err:
        offset = err.start
    # Point at the start of the run of non-ASCII bytes that failed: in a GB18030 file that
    # is where the Chinese text begins (a GB pair can look like valid UTF-8 by chance).
    while offset > 0 and data[offset - 1] >= 0x80 and data[offset - 1] != 0x0A:
        offset -= 1
    head = data[:offset]
    line = head.count(b"\n") + 1
    line_start = head.rfind(b"\n") + 1
    column = len(head[line_start:].decode("utf-8", errors="replace")) + 1
    try:
        text: str | None = data.decode("gb18030")
        gb = True
    except UnicodeDecodeError:
        text, gb = None, False
    return Decoded(text=text, bad_offset=offset, line=line, column=column, gb18030=gb, bom=bom)
