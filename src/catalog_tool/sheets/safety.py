"""Hostile input and hostile output.

Input: a workbook is a zip archive, and openpyxl (or our reader) would inflate whatever it
declares. :func:`check_archive` bounds the number of members and their declared
uncompressed sizes *before* anything is inflated; the reader then asks ``zipfile`` for
exactly the declared size of a part (never ``read()`` without a size, which inflates up to
2 GiB at a time before it truncates), so the bound holds for lying archives too: their
data fails the CRC check.

Output: a cell whose text starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return, OWASP "CSV injection") can run as a formula when a user opens or edits it. Every
text cell we write is a string cell, never a formula, and :func:`formula_like` text also
gets Excel's quote prefix, so that editing the cell keeps it text. :func:`safe_value` is
the one place that does this for every workbook written with openpyxl (``export
template``, ``import --annotate``, ``diff -f xlsx``, ``stats -f xlsx``); the streaming
writer of ``export xlsx`` (:mod:`.xlsx_write`) writes inline strings and asks
:func:`formula_like` for the quote prefix.
"""

from __future__ import annotations

import re
import zipfile
from typing import TYPE_CHECKING, Any

from catalog_tool.errors import CatalogError
from catalog_tool.text import Text

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell

MAX_MEMBERS = 10_000
"""More parts than any real workbook has."""
MAX_MEMBER_BYTES = 1 << 30
"""1 GiB: the largest part we inflate (a 55k-item export's biggest sheet is about 150 MiB)."""
MAX_TOTAL_BYTES = 2 << 30
"""2 GiB: all parts together."""

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""Compound File Binary: .xls, .et, and password-protected .xlsx are stored in one."""
ZIP_SIGNATURE = b"PK\x03\x04"
_ENCRYPTED_MARKERS = (
    "EncryptedPackage".encode("utf-16-le"),
    "EncryptionInfo".encode("utf-16-le"),
)
_FORMULA_START = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""The formula signs, half-width and full-width (＝＋－＠: a Chinese input method types
these, and Excel and WPS take a typed ``＝`` for ``=``)."""
_LEADING_BLANKS = " \t\r\n\u3000"
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def formula_like(text: str) -> bool:
    """True when a spreadsheet program could read ``text`` as a formula: it starts with a
    formula sign, also after leading spaces, tabs or line breaks, or with a tab or CR."""
    return text.startswith(("\t", "\r")) or text.lstrip(_LEADING_BLANKS).startswith(_FORMULA_START)


def safe_value(cell: Cell, value: Any) -> Cell:
    """Put ``value`` into the openpyxl ``cell`` (normal or write-only) and return the cell.

    Text is always a string cell: openpyxl would store ``=…`` as a formula and ``#N/A`` as
    an error. Text that :func:`formula_like` flags also gets the quote prefix, so that
    editing the cell in Excel or WPS keeps it text. Control characters XML cannot hold
    (which openpyxl refuses with an exception) are written as Excel's ``_xHHHH_`` escapes,
    as Excel itself does. Other values (numbers, dates, None) are set as they are.
    """
    if not isinstance(value, str):
        cell.value = value
        return cell
    text = _XML_ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", value)
    cell.value = text
    cell.data_type = "s"
    if formula_like(text):
        cell.quotePrefix = True
    return cell


def is_encrypted_ole(head: bytes) -> bool:
    """True for a compound file holding an encrypted OOXML package (a password-protected
    .xlsx), judged from its directory entries in the first bytes of the file."""
    return head.startswith(OLE_SIGNATURE) and any(m in head for m in _ENCRYPTED_MARKERS)


def check_archive(archive: zipfile.ZipFile, shown: str) -> None:
    """Refuse an archive whose declared content is beyond the bounds (a zip bomb)."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise _bomb(shown, f"{len(members)} parts", f"{len(members)} 个部件")
    total = 0
    for member in members:
        if member.file_size > MAX_MEMBER_BYTES:
            size = _mib(member.file_size)
            raise _bomb(
                shown, f"{member.filename} inflates to {size}", f"{member.filename} 解压后 {size}"
            )
        total += member.file_size
    if total > MAX_TOTAL_BYTES:
        raise _bomb(shown, f"its parts inflate to {_mib(total)}", f"解压后共 {_mib(total)}")


def _mib(size: int) -> str:
    return f"{size / 2**20:,.0f} MiB"


def _bomb(shown: str, en: str, zh: str) -> CatalogError:
    return CatalogError(
        Text(
            f"{shown}:拒绝读取,{zh},超出上限(单个部件 {_mib(MAX_MEMBER_BYTES)},"
            f"合计 {_mib(MAX_TOTAL_BYTES)}),可能是压缩炸弹",
            f"{shown}: refused: {en}, beyond the limit ({_mib(MAX_MEMBER_BYTES)} per part, "
            f"{_mib(MAX_TOTAL_BYTES)} in all); it may be a zip bomb",
        ),
        Text(
            "请确认文件来源;正常的事项表远小于这个上限。",
            "Check where the file came from; real item sheets are far below the limit.",
        ),
    )
