"""A streaming reader for the cell values of an .xlsx workbook.

Why not openpyxl here: its read-only mode costs about 30 µs per cell on these machines
(a 55k-item export holds about 5 million cells), and it exposes neither merged ranges nor
whether a formula's value was cached. This reader takes what the import needs and nothing
else: sheet names and visibility, shared strings, which styles are dates, cell values,
formulas without a cached value, and merged ranges. It scans each part's XML with a few
regular expressions (namespace prefixes and either quote style allowed) instead of
building a tree, at about 1–3 µs per cell. Dates follow Excel's rules: the cell's number format
decides (built-in ids, or a format code with date letters, 年月日 included), and serials
count from 1899-12-30 (1904-01-01 in workbooks that say so).

Bounds come first: :func:`catalog_tool.sheets.safety.check_archive` refuses zip bombs before
any part is inflated, and a sheet with more than :data:`MAX_ROWS` rows holding values is
refused (:class:`TooManyRowsError`) before its rows are built.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
import re
import zipfile
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import PurePosixPath
from typing import NamedTuple

from catalog_tool.sheets.book import CellError, CellValue, External, Sheet, Uncached
from catalog_tool.sheets.formula_blocks import BlockFormula, is_external, resolve

_P = r"(?:[\w.-]+:)?"  # an optional namespace prefix
_ROW = re.compile(rf"<{_P}row\b([^>]*?)(?:/>|>(.*?)</{_P}row>)", re.S)
_CELL = re.compile(rf"<{_P}c\b([^>]*?)(?:/>|>(.*?)</{_P}c>)", re.S)
_VALUE = re.compile(rf"<{_P}v(?:\s[^>]*)?>(.*?)</{_P}v>", re.S)
_FORMULA = re.compile(rf"<{_P}f\b([^>]*?)(?:/>|>(.*?)</{_P}f>)", re.S)
_CELL_TAG = re.compile(rf"<{_P}c\b([^>]*)>\s*\Z")
_TEXT = re.compile(rf"<{_P}t(?:\s[^>]*)?>(.*?)</{_P}t>", re.S)
_PHONETIC = re.compile(rf"<{_P}rPh\b.*?</{_P}rPh>", re.S)
_SI = re.compile(rf"<{_P}si\b[^>]*?(?:/>|>(.*?)</{_P}si>)", re.S)
_PREFIXED_ROW = re.compile(r"<[\w.-]+:(?:row|c)\b")
# One pass over <sheetData>: a row start, or a whole cell with its r, s and t attributes and
# its content captured when it is simple (<v>…</v> or <is><t>…</t></is>).
_TOKEN = re.compile(
    r"<(row)\b([^>]*?)(/?)>"
    r'|<c(?: r="([A-Z]{1,3})[0-9]*")?(?: s="([0-9]+)")?(?: t="([a-zA-Z]+)")?([^>]*?)'
    r"(?:/>|>(?:<v>([^<]*)</v>|<is><t>([^<]*)</t></is>|(.*?))</c>)",
    re.S,
)
# A cell as xlsx_write writes it: inline text (any style), a plain integer, or empty.
_PLAIN_CELL = re.compile(
    r'<c(?: s="[0-9]{1,9}")? t="inlineStr"><is><t>([^<]*)</t></is></c>'
    r"|<c><v>([0-9]{1,15})</v></c>|<c/>"
)
_SHEET_DATA_START = re.compile(rf"<{_P}sheetData\b[^>]*?(/?)>")
_SHEET_DATA_END = re.compile(rf"</{_P}sheetData>")
_MERGE = re.compile(rf"<{_P}mergeCell\b([^>]*)")
_HIDDEN_ROW = re.compile(rf"<{_P}row\b([^>]*?\bhidden=[\"'](?:1|true)[\"'][^>]*)>")
_ROW_START = re.compile(rf"<{_P}row\b")
_SHEET = re.compile(rf"<{_P}sheet\b([^>]*)")
_RELATIONSHIP = re.compile(rf"<{_P}Relationship\b([^>]*)")
_NUM_FMT = re.compile(rf"<{_P}numFmt\b([^>]*)")
_CELL_XFS = re.compile(rf"<{_P}cellXfs\b[^>]*>(.*?)</{_P}cellXfs>", re.S)
_XF = re.compile(rf"<{_P}xf\b([^>]*)")
_WORKBOOK_PR = re.compile(rf"<{_P}workbookPr\b([^>]*)")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)
_ENTITY = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);")
_ESCAPED_CHAR = re.compile(r"_x([0-9A-Fa-f]{4})_")
_REF = re.compile(r"([A-Z]{1,3})([0-9]+)")
_INTEGER = re.compile(r"-?[0-9]{1,15}")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}

# Built-in number formats that are dates or times (ECMA-376 18.8.30); 27–36 and 50–58 are
# the East-Asian date formats (年月日) of Chinese Excel and WPS.
_DATE_FORMAT_IDS = frozenset({*range(14, 23), *range(27, 37), 45, 46, 47, *range(50, 59)})
# A format code is a date when, outside quoted text, escapes and [colour]/[locale] sections,
# it has a date or time letter.
_FORMAT_NOISE = re.compile(r'"[^"]*"|\\.|_.|\*.|\[(?!h+\]|m+\]|s+\])[^\]]*\]')
_DATE_LETTER = re.compile(r"[dmhysDMHYS年月日时分秒]")
WINDOWS_EPOCH = dt.datetime(1899, 12, 30)
MAC_EPOCH = dt.datetime(1904, 1, 1)
_WORKSHEET = "/worksheet"
_MAX_ROW = 1_048_576
_MAX_COLUMN = 16_384


MAX_ROWS = 500_000
"""Rows with values one sheet may have. A province's whole list is about 55k item rows,
75k material rows and 330k step rows; a sheet beyond this is a mistake (a column filled
down to row 1,048,576) or hostile, and reading it would take many minutes and gigabytes."""


class DamagedError(Exception):
    """The archive is a zip, but its workbook parts are missing or malformed."""


class TooManyRowsError(Exception):
    """A sheet has more than :data:`MAX_ROWS` rows with values."""

    def __init__(self, sheet: str, rows: int) -> None:
        super().__init__(f"{sheet}: {rows} rows")
        self.sheet = sheet
        self.rows = rows

    def __reduce__(self) -> tuple[type[TooManyRowsError], tuple[str, int]]:
        return TooManyRowsError, (self.sheet, self.rows)  # to cross from a helper process


def read_sheets(archive: zipfile.ZipFile, *, jobs: int | None = None) -> list[Sheet]:
    """Every worksheet of an (already bounds-checked) archive, in workbook order.

    With more than one job (default: the cores), a large workbook's largest worksheet is
    parsed in a forked process while this one parses the others (see :func:`_helper_part`).
    """
    workbook_path = _office_document(archive)
    workbook = _read(archive, workbook_path)
    relations = _relations(archive, workbook_path)
    epoch = MAC_EPOCH if _date1904(workbook) else WINDOWS_EPOCH
    shared = _shared_strings(archive, _target_of(relations, "/sharedStrings"))
    dates = _date_styles(archive, _target_of(relations, "/styles"))
    found: list[tuple[str, bool, str]] = []
    for attrs in _SHEET.findall(workbook):
        name = _unescape(_attr(attrs, "name") or "")
        rel_id = _attr(attrs, "r:id") or _attr_suffix(attrs, ":id")
        relation = relations.get(rel_id or "")
        if relation is None or not relation[0].endswith(_WORKSHEET):
            continue  # a chart sheet or dialog sheet holds no cells
        state = _attr(attrs, "state") or "visible"
        found.append((name, state != "visible", relation[1]))
    context = (shared, dates, epoch)
    helper = _helper_part(archive, [part for _, _, part in found], jobs)
    if helper is None:
        sheets: list[Sheet] = []
        for name, hidden, part in found:
            sheets.append(_sheet(name, hidden, _sheet_rows(archive, name, part, context)))
        return sheets
    # Every sheet is parsed before the first failure (in workbook order) is raised, so the
    # error a workbook gets does not depend on which process parsed which sheet.
    results: dict[int, Parsed | BaseException] = {}
    with _Helper(archive, context) as pending:
        pending.start(found[helper][0], found[helper][2])
        for index, (name, _, part) in enumerate(found):
            if index != helper:
                try:
                    results[index] = _sheet_rows(archive, name, part, context)
                except Exception as err:  # raised below, in workbook order
                    results[index] = err
        results[helper] = pending.result()
    sheets = []
    for index, (name, hidden, _) in enumerate(found):
        result = results[index]
        if isinstance(result, BaseException):
            raise result
        sheets.append(_sheet(name, hidden, result))
    return sheets


class Parsed(NamedTuple):
    """What one worksheet part holds."""

    rows: list[list[CellValue]]
    merged: int
    """How many merged ranges were filled."""
    hidden_rows: frozenset[int]
    """1-based numbers of the rows hidden in Excel (by hand or by a filter)."""


def _sheet(name: str, hidden: bool, parsed: Parsed) -> Sheet:
    return Sheet(
        name, parsed.rows, hidden=hidden, merged=parsed.merged, hidden_rows=parsed.hidden_rows
    )


_Context = tuple[list[str], frozenset[int], dt.datetime]
"""Shared strings, the date styles and the date epoch of a workbook."""
PARALLEL_PART_BYTES = 24 << 20
"""A worksheet part (uncompressed XML) at least this large is parsed in a helper process,
when the other parts together are that large too (a province's list: 112 MB of 办理流程,
137 MB in the other sheets). Below that the helper's start and the return of its rows
(pickled, about a quarter of the parse) cost more than they save."""


def _sheet_rows(archive: zipfile.ZipFile, name: str, part: str, context: _Context) -> Parsed:
    """The rows of one worksheet part, how many merged ranges were filled, the hidden rows."""
    xml = _read(archive, part)
    _check_rows(name, xml)
    return _parse_sheet(xml, *context)


def _helper_part(archive: zipfile.ZipFile, parts: list[str], jobs: int | None) -> int | None:
    """Which part (index into ``parts``) a helper process should parse; None for none."""
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers <= 1 or os.name != "posix" or not isinstance(archive.filename, str):
        return None
    sizes = []
    for part in parts:
        try:
            sizes.append(archive.getinfo(part).file_size)
        except KeyError:
            return None  # the serial reader reports the missing part
    if not sizes:
        return None
    largest = max(range(len(sizes)), key=sizes.__getitem__)
    rest = sum(sizes) - sizes[largest]
    if sizes[largest] < PARALLEL_PART_BYTES or rest < PARALLEL_PART_BYTES:
        return None
    return largest


_HELPER_CONTEXT: _Context | None = None
"""What the forked helper parses with: set before it starts, inherited, never pickled."""


class _Helper:
    """One forked process parsing one worksheet part of the same file.

    It opens the file itself (a forked zip handle would share its file position with
    this process). Its rows come back pickled; should the process die, this one parses
    the part after all.
    """

    def __init__(self, archive: zipfile.ZipFile, context: _Context) -> None:
        self._archive = archive
        self._context = context
        self._pool: ProcessPoolExecutor | None = None
        self._future: Future[Parsed] | None = None
        self._sheet = ("", "")

    def __enter__(self) -> _Helper:
        return self

    def start(self, name: str, part: str) -> None:
        global _HELPER_CONTEXT  # noqa: PLW0603 - inherited by the forked helper
        self._sheet = (name, part)
        info = self._archive.getinfo(part)
        # The helper reads the part only if it is still the one bounds-checked here.
        expected = (info.file_size, info.compress_size, info.CRC)
        _HELPER_CONTEXT = self._context
        try:
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
            self._future = self._pool.submit(
                _helper_rows, str(self._archive.filename), name, part, expected
            )
        except (OSError, RuntimeError):  # no process to be had: the part is parsed here
            self._future = None
        finally:
            _HELPER_CONTEXT = None

    def result(self) -> Parsed | BaseException:
        """The helper's rows, or the error its sheet raised."""
        name, part = self._sheet
        try:
            if self._future is None:
                raise BrokenProcessPool("not started")
            return self._future.result()
        except BrokenProcessPool:
            pass  # the helper died (killed, out of memory): parse the part here
        except Exception as err:  # the sheet's own error, raised in order
            return err
        try:
            return _sheet_rows(self._archive, name, part, self._context)
        except Exception as err:  # as above
            return err

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


def _helper_rows(filename: str, name: str, part: str, expected: tuple[int, int, int]) -> Parsed:
    """In the helper: the rows of ``part``, which must still have the ``expected`` sizes
    and CRC (the file could have been replaced since it was checked)."""
    assert _HELPER_CONTEXT is not None
    gc.disable()  # millions of new objects and no cycles; the process ends after this
    try:
        archive = zipfile.ZipFile(filename)
    except OSError as err:
        raise DamagedError(f"cannot open it again: {err.strerror or err}") from None
    with archive:
        try:
            info = archive.getinfo(part)
        except KeyError:
            info = None
        if info is None or (info.file_size, info.compress_size, info.CRC) != expected:
            raise DamagedError(f"{part} changed while the workbook was read")
        parsed = _sheet_rows(archive, name, part, _HELPER_CONTEXT)
    return parsed._replace(rows=_one_object_per_text(parsed.rows))


def _one_object_per_text(rows: list[list[CellValue]]) -> list[list[CellValue]]:
    """``rows`` with equal texts as one object. Pickled, a repeat is then a back-reference:
    a province's 办理流程 sheet (326,000 rows, 5,400 distinct texts) crosses as 8 MB instead
    of 43 MB, in a fifth of the time."""
    seen: dict[str, str] = {}
    one = seen.setdefault
    return [[one(v, v) if v.__class__ is str else v for v in row] for row in rows]


def _check_rows(sheet: str, xml: str) -> None:
    """Raise :class:`TooManyRowsError` for a sheet with more than :data:`MAX_ROWS` rows holding a
    value. Counting row tags is a fast scan; only a sheet with that many of them (empty
    formatted rows count there too) has its rows with content counted, one at a time."""
    if xml.count("<row") + xml.count(":row") <= MAX_ROWS:
        return
    filled = sum(
        1
        for match in _ROW.finditer(xml)
        if (inner := match.group(2)) and ("v>" in inner or "t>" in inner or "f>" in inner)
    )
    if filled > MAX_ROWS:
        raise TooManyRowsError(sheet, filled)


def _read(archive: zipfile.ZipFile, name: str) -> str:
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise DamagedError(f"missing part {name}") from None
    # Never ``archive.read(name)``: it inflates up to 2 GiB per step whatever the part
    # declares, and only then cuts the result to the declared size. Asking for the declared
    # size inflates no more than that (the bound check_archive has applied), and a part whose
    # data goes on beyond it fails its CRC check.
    try:
        with archive.open(info) as part:
            data = part.read(info.file_size)
            if part.read(1):
                raise DamagedError(f"{name} is longer than it declares")
    except OSError as err:  # an entry offset before the file's start: seek fails (fuzzing)
        raise DamagedError(f"{name}: {err.strerror or err}") from None
    except RuntimeError:  # the zip entry's "encrypted" flag is set (fuzzing): no workbook does
        raise DamagedError(f"{name} is marked as encrypted in the archive") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    return data.decode("utf-8-sig")


def _office_document(archive: zipfile.ZipFile) -> str:
    try:
        rels = _read(archive, "_rels/.rels")
    except DamagedError:
        return "xl/workbook.xml"
    for attrs in _RELATIONSHIP.findall(rels):
        if (_attr(attrs, "Type") or "").endswith("/officeDocument"):
            return _resolve("", _attr(attrs, "Target") or "xl/workbook.xml")
    return "xl/workbook.xml"


def _relations(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type, resolved part name) for ``part``."""
    path = PurePosixPath(part)
    rels_name = str(path.parent / "_rels" / (path.name + ".rels"))
    try:
        xml = _read(archive, rels_name)
    except DamagedError:
        return {}
    base = str(path.parent)
    out: dict[str, tuple[str, str]] = {}
    for attrs in _RELATIONSHIP.findall(xml):
        rel_id, kind, target = _attr(attrs, "Id"), _attr(attrs, "Type"), _attr(attrs, "Target")
        if rel_id and kind and target and _attr(attrs, "TargetMode") != "External":
            out[rel_id] = (kind, _resolve(base, target))
    return out


def _resolve(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    parts: list[str] = [p for p in base.split("/") if p and p != "."]
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _target_of(relations: dict[str, tuple[str, str]], kind: str) -> str | None:
    return next((t for k, t in relations.values() if k.endswith(kind)), None)


def _date1904(workbook: str) -> bool:
    match = _WORKBOOK_PR.search(workbook)
    return match is not None and (_attr(match.group(1), "date1904") or "") in ("1", "true")


def _shared_strings(archive: zipfile.ZipFile, part: str | None) -> list[str]:
    if part is None:
        return []
    try:
        xml = _read(archive, part)
    except DamagedError:
        return []
    return [_rich_text(inner or "") for inner in _SI.findall(xml)]


def _date_styles(archive: zipfile.ZipFile, part: str | None) -> frozenset[int]:
    """Indexes of the cell formats (``s`` attribute) that show numbers as dates."""
    if part is None:
        return frozenset()
    try:
        xml = _read(archive, part)
    except DamagedError:
        return frozenset()
    custom: dict[int, str] = {}
    for attrs in _NUM_FMT.findall(xml):
        number, code = _attr(attrs, "numFmtId"), _attr(attrs, "formatCode")
        if number is not None and number.isdigit() and code is not None:
            custom[int(number)] = _unescape(code)
    block = _CELL_XFS.search(xml)
    if block is None:
        return frozenset()
    dates: set[int] = set()
    for index, attrs in enumerate(_XF.findall(block.group(1))):
        number = _attr(attrs, "numFmtId") or "0"
        if not number.isdigit():
            continue
        fmt_id = int(number)
        if fmt_id in custom:
            if is_date_format(custom[fmt_id]):
                dates.add(index)
        elif fmt_id in _DATE_FORMAT_IDS:
            dates.add(index)
    return frozenset(dates)


def _parse_sheet(xml: str, shared: list[str], dates: frozenset[int], epoch: dt.datetime) -> Parsed:
    if "<!--" in xml:
        xml = _COMMENT.sub("", xml)
    start = _SHEET_DATA_START.search(xml)
    if start is None:
        return Parsed([], 0, frozenset())  # an empty sheet may have no sheetData at all
    if start.group(1) == "/":
        body, tail = "", xml[start.end() :]
    else:
        end = _sheet_data_end(xml, start.end())
        if end is None:
            raise DamagedError("sheetData is not closed")
        body, tail = xml[start.end() : end[0]], xml[end[1] :]
    rows: list[list[CellValue]] | None = None
    if not _PREFIXED_ROW.match(body.lstrip()):
        rows = _plain_rows(body, shared, dates, epoch)
        if rows is None:
            rows = _fast_rows(body, shared, dates, epoch)
    if rows is None:
        rows = _parse_rows(body, shared, dates, epoch)
    resolve(rows, _block_formulas(body))
    merged = _fill_merges(rows, tail)
    return Parsed(rows, merged, _hidden_rows(body))


def _hidden_rows(body: str) -> frozenset[int]:
    """The numbers of the rows marked hidden (a row without its number is counted)."""
    if "hidden=" not in body:  # the usual sheet: one search, no pattern over 100 MB
        return frozenset()
    found: set[int] = set()
    for match in _HIDDEN_ROW.finditer(body):
        given = _attr(match.group(1), "r")
        if given and given.isdigit():
            found.add(int(given))
        else:
            found.add(len(_ROW_START.findall(body, 0, match.start())) + 1)
    return frozenset(found)


def _sheet_data_end(xml: str, start: int) -> tuple[int, int] | None:
    """Where the first ``</sheetData>`` (any prefix) after ``start`` begins and ends: found
    with ``str.find`` (a regular expression search over a 100 MB sheet takes seconds)."""
    position = start
    while True:
        found = xml.find("sheetData>", position)
        if found < 0:
            return None
        opening = xml.rfind("</", position, found)
        if opening >= 0 and _SHEET_DATA_END.fullmatch(xml, opening, found + 10):
            return opening, found + 10
        position = found + 1


def _plain_rows(
    body: str, shared: list[str], dates: frozenset[int], epoch: dt.datetime
) -> list[list[CellValue]] | None:
    """The rows of a sheet written the way :mod:`.xlsx_write` writes one: bare ``<row>``
    tags, and cells without references that are inline text, a plain integer or empty.
    A row's cells are taken by one pattern; a row holding any other kind of cell, or text
    with an escape, is read by :func:`_fast_rows`. None when the rows are not of this
    shape (references, attributes, self-closing rows)."""
    if body.count("<row") != body.count("<row>"):
        return None
    pieces = body.split("</row>")
    if pieces[-1].strip():
        return None  # text or a tag after the last row
    pieces.pop()
    if len(pieces) > _MAX_ROW:
        raise DamagedError(f"row number {len(pieces)}")
    rows: list[list[CellValue]] = []
    append = rows.append
    findall = _PLAIN_CELL.findall
    for piece in pieces:
        start = piece.find("<row>")
        if start < 0 or (start and piece[:start].strip()) or "<row>" in piece[start + 5 :]:
            return None
        cells: list[CellValue] = [
            text or (int(number) if number else None) for text, number in findall(piece)
        ]
        if len(cells) != piece.count("<c") or "&" in piece or "_x" in piece or "\r" in piece:
            general = _fast_rows(piece[start:] + "</row>", shared, dates, epoch)
            if general is None:
                return None
            cells = general[0] if general else []
        while cells and cells[-1] is None:
            cells.pop()
        append(cells)
    return rows


def _fast_rows(
    body: str, shared: list[str], dates: frozenset[int], epoch: dt.datetime
) -> list[list[CellValue]] | None:
    """The rows of the usual shape (no namespace prefix; a cell's attributes in the order
    r, s, t as every writer puts them): one regular-expression pass over the sheet, the
    simple cell contents captured directly. None when a cell does not fit that shape."""
    rows: list[list[CellValue]] = []
    letters: dict[str, int] = {}
    row_number = 0
    cells: list[CellValue] = []
    column = 0
    for token in _TOKEN.findall(body):
        is_row, row_attrs, _closed, ref, style, kind, other, value, text, inner = token
        if is_row:
            if cells:
                _store(rows, row_number, cells)
            given = _attr(row_attrs, "r") if row_attrs else None
            row_number = int(given) if given and given.isdigit() else row_number + 1
            if not 0 < row_number <= _MAX_ROW:
                raise DamagedError(f"row number {row_number}")
            cells = []
            column = 0
            continue
        if other and ("=" in other) and (" r=" in other or " s=" in other or " t=" in other):
            return None  # attributes in another order: the general reader handles them
        if ref:
            index = letters.get(ref)
            if index is None:
                index = letters[ref] = _column_index(ref)
            column = index
        else:
            column += 1
        # The two shapes nearly every cell has, inline: text, and a plain number.
        if text and kind == "inlineStr" and "&" not in text and "_x" not in text:
            found: CellValue = text
        elif value and not kind and not style and value.isdigit() and len(value) < 16:
            found = int(value)
        else:
            found = _token_value(style, kind, value, text, inner, shared, dates, epoch)
            if found is None:
                continue
        gap = column - 1 - len(cells)
        if gap >= 0:
            if gap:
                cells.extend([None] * gap)
            cells.append(found)
        else:
            cells[column - 1] = found
    if cells:
        _store(rows, row_number, cells)
    return rows


def _token_value(
    style: str,
    kind: str,
    value: str,
    text: str,
    inner: str,
    shared: list[str],
    dates: frozenset[int],
    epoch: dt.datetime,
) -> CellValue:
    """The value of a cell the fast pass captured: from <v>, from <is><t>, or from its
    content when that is anything else (a formula, rich text)."""
    if value:
        if kind == "s":
            try:
                return shared[int(value)]
            except (ValueError, IndexError):
                raise DamagedError(f"shared string {value!r}") from None
        if not kind or kind == "n":
            return _number(value, style, dates, epoch)
        if kind == "str":
            return _unescape(value)
        return _cell_value(f' t="{kind}"', f"<v>{value}</v>", shared, dates, epoch)
    if text:
        if kind != "inlineStr":
            return None
        return _unescape(text) if "&" in text or "_x" in text or "\r" in text else text
    if inner:
        attrs = (f' s="{style}"' if style else "") + (f' t="{kind}"' if kind else "")
        return _cell_value(attrs, inner, shared, dates, epoch)
    return None


def _store(rows: list[list[CellValue]], row_number: int, cells: list[CellValue]) -> None:
    if row_number > len(rows):
        rows.extend([] for _ in range(row_number - len(rows)))
    rows[row_number - 1] = cells


def _parse_rows(
    body: str, shared: list[str], dates: frozenset[int], epoch: dt.datetime
) -> list[list[CellValue]]:
    rows: list[list[CellValue]] = []
    letters: dict[str, int] = {}
    row_number = 0
    for row_attrs, row_body in _ROW.findall(body):
        given = _attr(row_attrs, "r")
        row_number = int(given) if given and given.isdigit() else row_number + 1
        if not 0 < row_number <= _MAX_ROW:
            raise DamagedError(f"row number {row_number}")
        if not row_body:
            continue
        cells: list[CellValue] = []
        column = 0
        for attrs, inner in _CELL.findall(row_body):
            ref = _attr(attrs, "r")
            if ref:
                match = _REF.match(ref)
                if match is None:
                    raise DamagedError(f"cell reference {ref!r}")
                key = match.group(1)
                index = letters.get(key)
                if index is None:
                    index = letters[key] = _column_index(key)
                column = index
            else:
                column += 1
            value = _cell_value(attrs, inner, shared, dates, epoch) if inner else None
            if value is None:
                continue
            if column > len(cells):
                cells.extend([None] * (column - len(cells)))
            cells[column - 1] = value
        if cells:
            if row_number > len(rows):
                rows.extend([] for _ in range(row_number - len(rows)))
            rows[row_number - 1] = cells
    return rows


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    if index > _MAX_COLUMN:
        raise DamagedError(f"column {letters}")
    return index


def _cell_value(
    attrs: str, inner: str, shared: list[str], dates: frozenset[int], epoch: dt.datetime
) -> CellValue:
    kind = _attr(attrs, "t")
    if kind == "inlineStr":
        return _inline_text(inner)
    raw = _raw_value(inner)
    formula = _formula(inner)
    if formula and is_external(formula):
        return External(formula)
    # A formula's value is cached in <v>. Programs other than spreadsheet applications
    # (openpyxl among them) write none, or an empty one: only a text result can be empty.
    if formula is not None and (raw is None or (not raw and kind != "str")):
        return Uncached(formula)
    if raw is None:
        return None
    if kind == "s":
        try:
            return shared[int(raw)]
        except (ValueError, IndexError):
            raise DamagedError(f"shared string {raw!r}") from None
    if kind == "str":
        return _unescape(raw)
    if kind == "b":
        return raw.strip() in ("1", "true")
    if kind == "e":
        return CellError(_unescape(raw))
    if kind == "d":
        try:
            return dt.datetime.fromisoformat(raw.strip())
        except ValueError:
            return _unescape(raw)
    return _number(raw, _attr(attrs, "s"), dates, epoch)


def _number(raw: str, style: str | None, dates: frozenset[int], epoch: dt.datetime) -> CellValue:
    raw = raw.strip()
    if not raw:
        return None
    number: int | float
    if _INTEGER.fullmatch(raw):
        number = int(raw)
    else:
        try:
            number = float(raw)
        except ValueError:
            raise DamagedError(f"number {raw!r}") from None
    if style and dates and style.isdigit() and int(style) in dates:
        return from_serial(number, epoch)
    return number


def is_date_format(code: str) -> bool:
    """True when number format ``code`` shows a date or a time."""
    first = code.split(";", 1)[0]
    return bool(_DATE_LETTER.search(_FORMAT_NOISE.sub("", first)))


def from_serial(number: float, epoch: dt.datetime = WINDOWS_EPOCH) -> CellValue:
    """An Excel serial date as a datetime (a time of day below 1), or the number itself
    when it is out of range. Serials before 1900-03-01 are shifted by Excel's phantom
    1900-02-29."""
    days = number + 1 if epoch == WINDOWS_EPOCH and 1 <= number < 60 else number
    try:
        moment = epoch + dt.timedelta(days=days)
    except OverflowError:
        return number
    micro = round(moment.microsecond / 1000) * 1000
    moment = moment.replace(microsecond=0) + dt.timedelta(microseconds=micro)
    if 0 <= number < 1:
        return moment.time()
    return moment


def _raw_value(inner: str) -> str | None:
    start = inner.find("<v>")
    if start >= 0:
        end = inner.find("</v>", start)
        if end >= 0:
            return inner[start + 3 : end]
    if "v" not in inner:
        return None
    match = _VALUE.search(inner)
    return match.group(1) if match is not None else None


def _formula(inner: str) -> str | None:
    if "f" not in inner:
        return None
    match = _FORMULA.search(inner)
    if match is None:
        return None
    return _unescape(match.group(2) or "")


def _block_formulas(body: str) -> Iterator[BlockFormula]:
    """The shared and array formulas of a sheet, with their cells' references: the first
    cell of each block (the only ``<f>`` with a ``ref``), then, if there are shared ones,
    the cells that point to them (``si`` without ``ref``).

    Found with ``str.find``, one pass over a sheet without blocks: a regular expression
    over a whole sheet of text takes seconds.
    """
    firsts = list(_formulas_with(body, "ref="))
    yield from firsts
    if any(formula.kind == "shared" for formula in firsts):
        yield from (f for f in _formulas_with(body, "si=") if f.span is None)


def _formulas_with(body: str, attribute: str) -> Iterator[BlockFormula]:
    """The block formulas whose ``<f>`` tag has ``attribute`` (the text may hold it too)."""
    position = body.find(attribute)
    while position >= 0:
        start = body.rfind("<", 0, position)
        match = _FORMULA.match(body, start) if start >= 0 else None
        # The attribute is this tag's, not text after it: a tag holds no "<".
        if match is not None and match.start(1) <= position < match.end(1):
            attrs = match.group(1)
            kind = _attr(attrs, "t")
            if kind in ("shared", "array"):
                # A <c>'s first child is its <f>: the cell's tag ends right before it.
                tag = _CELL_TAG.search(body, max(0, body.rfind("<", 0, start)), start)
                yield BlockFormula(
                    kind,
                    _attr(attrs, "si"),
                    _attr(attrs, "ref"),
                    _attr(tag.group(1), "r") if tag is not None else None,
                    _unescape(match.group(2) or ""),
                )
        position = body.find(attribute, position + 1)


def _inline_text(inner: str) -> str | None:
    # The common shape, as Excel, WPS, openpyxl and our writer produce it.
    if inner.startswith("<is><t>") and inner.endswith("</t></is>"):
        text = inner[7:-9]
        if "<" not in text:
            return _unescape(text)
    return _rich_text(inner)


def _rich_text(inner: str) -> str:
    """The text of a string item: plain or rich runs, without phonetic guides."""
    if inner.startswith("<t>") and inner.endswith("</t>") and "<" not in inner[3:-4]:
        return _unescape(inner[3:-4])
    if "rPh" in inner:
        inner = _PHONETIC.sub("", inner)
    return "".join(_text_part(part) for part in _TEXT.findall(inner))


def _text_part(part: str) -> str:
    if "<![CDATA[" in part:
        pieces = _CDATA.split(part)
        # split() alternates outside text and CDATA content; only the outside is escaped.
        return "".join(p if i % 2 else _unescape(p) for i, p in enumerate(pieces))
    return _unescape(part)


def _unescape(text: str) -> str:
    if "&" in text:
        text = _ENTITY.sub(_entity, text)
    if "_x" in text:
        text = _ESCAPED_CHAR.sub(_escaped_char, text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if name.startswith("#x"):
        return _char(int(name[2:], 16))
    if name.startswith("#"):
        return _char(int(name[1:]))
    return _NAMED[name]


def _char(code: int) -> str:
    try:
        return chr(code)
    except (ValueError, OverflowError):
        return "\ufffd"


def _escaped_char(match: re.Match[str]) -> str:
    return chr(int(match.group(1), 16))


def _fill_merges(rows: list[list[CellValue]], tail: str) -> int:
    """Fill each merged range down its first column with its top-left value; return how
    many ranges there are.

    Merged cells repeat a value for the rows they cover (one 实施主体 for a block of
    items). The columns to the right of the first are not filled: a range that is wider
    than one column stands for one value, not one per column. A heading merged across the
    sheet (一、行政许可, or a title above the headers) is no row of data: a one-row range
    that starts in column A, spans at least half the sheet's width (three columns at
    least) and holds all its row has once every range is filled leaves the row empty. A
    range starting further right (a continuation row's merged text) is data. A row that
    holds nothing of its own (a blank row inside a merged 基本编码 block) stays empty, as
    it would be without the merge: the import skips it as it skips any blank row.
    """
    ranges = []
    for attrs in _MERGE.findall(tail):
        ref = _attr(attrs, "ref")
        bounds = _range(ref) if ref else None
        if bounds is not None:
            ranges.append(bounds)
    headings = []
    width = max((len(cells) for cells in rows), default=0)
    blank = _blank_rows(rows, ranges)
    for top, left, bottom, right in ranges:
        if top > len(rows):
            continue
        source = rows[top - 1]
        value = source[left - 1] if left - 1 < len(source) else None
        if top == bottom:
            if left == 1 and right >= max(3, (width + 1) // 2):
                headings.append(top)
            continue
        # A range may reach far below the data (a whole column merged): stop at the data.
        for row_index in range(top + 1, min(bottom, len(rows)) + 1):
            cells = rows[row_index - 1]
            if left > len(cells):
                cells.extend([None] * (left - len(cells)))
            cells[left - 1] = value
    for top in headings:  # decided on the filled rows, whatever the ranges' order
        if _only_value(rows[top - 1], 0):
            rows[top - 1].clear()
    for row_index in blank:
        rows[row_index - 1].clear()
    return len(ranges)


def _blank_rows(rows: list[list[CellValue]], ranges: list[tuple[int, int, int, int]]) -> set[int]:
    """The rows below the top of a range that hold no value before the ranges are filled."""
    covered: set[int] = set()
    for top, _, bottom, _ in ranges:
        covered.update(range(top + 1, min(bottom, len(rows)) + 1))
    return {r for r in covered if all(v is None or v == "" for v in rows[r - 1])}


def _only_value(cells: list[CellValue], index: int) -> bool:
    """True when the cell at ``index`` holds a value and no other cell of ``cells`` does."""
    if index >= len(cells) or cells[index] in (None, ""):
        return False
    return all(v in (None, "") for i, v in enumerate(cells) if i != index)


def _range(ref: str) -> tuple[int, int, int, int] | None:
    first, _, last = ref.partition(":")
    start, end = _REF.fullmatch(first), _REF.fullmatch(last or first)
    if start is None or end is None:
        return None
    top, bottom = sorted((int(start.group(2)), int(end.group(2))))
    left, right = sorted((_column_index(start.group(1)), _column_index(end.group(1))))
    if bottom > _MAX_ROW:
        return None
    return top, left, bottom, right


def _attr(attrs: str, name: str) -> str | None:
    """The value of attribute ``name`` in a tag's attribute text (either quote style)."""
    key = f' {name}="'
    start = attrs.find(key)
    if start < 0:
        start = attrs.find(f'\t{name}="')
    if start >= 0:
        begin = start + len(key)
        end = attrs.find('"', begin)
        return attrs[begin:end] if end >= 0 else None
    if "'" in attrs or "\n" in attrs or "\r" in attrs or " =" in attrs or "= " in attrs:
        match = _attr_pattern(name).search(attrs)
        if match is not None:
            return match.group(2)
    return None


def _attr_suffix(attrs: str, suffix: str) -> str | None:
    """The value of the first attribute whose name ends in ``suffix`` (any prefix)."""
    match = re.search(rf"[\w.-]+{re.escape(suffix)}\s*=\s*([\"'])(.*?)\1", attrs)
    return match.group(2) if match is not None else None


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _attr_pattern(name: str) -> re.Pattern[str]:
    pattern = _PATTERNS.get(name)
    if pattern is None:
        pattern = _PATTERNS[name] = re.compile(
            rf"(?<![\w:.-]){re.escape(name)}\s*=\s*([\"'])(.*?)\1"
        )
    return pattern
