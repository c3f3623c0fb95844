"""A streaming .xlsx writer for large lists: deterministic, text-safe and fast.

Why not openpyxl here: its write-only mode costs 6–19 µs per cell on these machines, and
a province's export has about 5 million cells (55k items, 75k materials, 330k steps).
This writer renders each row straight to SpreadsheetML (about 1 µs per cell, and rows can
be rendered in worker processes), and it fixes what a published list needs:

* every text cell is an inline string, never a formula; text a spreadsheet program could
  take for a formula (``=``, ``+``, ``-``, ``@``, tab, CR) also gets the quote-prefix style,
  so that editing the cell keeps it text (OWASP "CSV injection");
* code columns carry the text number format (``@``), so typed codes keep leading zeros;
* the header row is frozen and has an autofilter; columns have widths;
* the same rows give the same bytes: zip entries carry a fixed date, and the document
  properties carry no creation time.

Rows and cells carry no ``r`` reference (ECMA-376 makes it optional; Excel, WPS,
LibreOffice, openpyxl and calamine place them in order, an empty ``<c/>`` standing for a
skipped cell). So a batch of rows renders to its final XML wherever it will land, and worker
processes can render *and* compress their batches: each :class:`Segment` is a raw deflate
stream closed with a sync flush, the segments of a sheet are concatenated, and their
CRC-32s are combined (zlib's ``crc32_combine``). The archive is written here, with a fixed
date on every entry.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from zlib_ng import zlib_ng

from catalog_tool.io.atomic import atomic_open
from catalog_tool.sheets.book import column_letter
from catalog_tool.sheets.safety import formula_like

COMPRESS_LEVEL = 6
"""The default level. Level 2 saves about 0.5 s on a province's list but makes the file
about 40% larger (7.9 MB instead of 5.7 MB); the list is mailed and downloaded, so size wins.
zlib-ng deflates the list's XML 2.2 times as fast as zlib at this level, for about 5% more
bytes (its CRC-32 is also 3 times as fast)."""
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the earliest date a zip entry can carry
_DOS_TIME = 0

# Cell formats (cellXfs indexes in styles.xml below).
PLAIN, HEADER, TEXT, WRAP, QUOTED, WRAP_QUOTED, TEXT_QUOTED = range(7)
_QUOTED_OF = {PLAIN: QUOTED, WRAP: WRAP_QUOTED, TEXT: TEXT_QUOTED}

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_ESCAPE = re.compile(r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_|\r")
_EDGE_SPACE = re.compile(r"^\s|\s$")
_EMPTY = "<c/>"


@dataclass(frozen=True, slots=True)
class ColumnFormat:
    """How one column looks."""

    header: str
    width: float
    text: bool = False
    """Text number format (codes)."""
    wrap: bool = False
    """Wrap long or multi-line text."""


@dataclass(frozen=True, slots=True)
class Segment:
    """Rows rendered and compressed: a raw deflate stream ending in a sync flush."""

    data: bytes
    crc: int
    """CRC-32 of the uncompressed XML."""
    size: int
    """Length of the uncompressed XML in bytes."""
    rows: int


@dataclass(frozen=True, slots=True)
class SheetData:
    """A sheet to write: its columns and its compressed rows."""

    name: str
    columns: Sequence[ColumnFormat]
    segments: Sequence[Segment]
    frozen: bool = True
    autofilter: bool = True


def compress(xml: str, rows: int = 0) -> Segment:
    """One segment holding ``xml``."""
    raw = xml.encode("utf-8")
    packer = zlib_ng.compressobj(COMPRESS_LEVEL, zlib_ng.DEFLATED, -15)
    data = packer.compress(raw) + packer.flush(zlib_ng.Z_SYNC_FLUSH)
    return Segment(data, zlib_ng.crc32(raw), len(raw), rows)


def compress_rows(rows: Sequence[str]) -> Segment:
    """One segment holding rendered rows (see :meth:`RowRenderer.render`)."""
    return compress("".join(f"<row>{body}</row>" for body in rows), len(rows))


def escape_text(text: str) -> str:
    """``text`` as SpreadsheetML character data (Excel's ``_xHHHH_`` for control chars)."""
    if not _ESCAPE.search(text):
        return text
    return _ESCAPE.sub(_escape_one, text)


def _escape_one(match: re.Match[str]) -> str:
    found = match.group(0)
    if found == "&":
        return "&amp;"
    if found == "<":
        return "&lt;"
    if found == ">":
        return "&gt;"
    if found.startswith("_x"):
        return "_x005F" + found[1:]  # a literal "_x0041_" must not read back as "A"
    return f"_x{ord(found):04X}_"


class RowRenderer:
    """Renders the cells of one sheet layout to SpreadsheetML.

    ``getters`` (one per column) let :meth:`render_object` read the values straight from
    an object, and ``writers`` turn a field value into the cell's value (是/否 for booleans,
    one line per entry for lists); both are optional.
    """

    def __init__(
        self,
        columns: Sequence[ColumnFormat],
        getters: Sequence[Callable[[Any], Any]] | None = None,
        writers: Sequence[Callable[[Any], str | int | None] | None] | None = None,
    ) -> None:
        self._styles: list[tuple[int, int]] = []
        for column in columns:
            style = TEXT if column.text else WRAP if column.wrap else PLAIN
            self._styles.append((style, _QUOTED_OF[style]))
        self._getters = list(getters or ())
        self._writers = list(writers or [None] * len(columns))
        # Per column: value → finished cell. Values repeat a lot (material and step names,
        # addresses, 是/否), so most cells cost one dictionary lookup; an empty value (None,
        # empty text, an empty list once joined) is an empty cell.
        self._cache: list[dict[Any, str]] = [{None: _EMPTY, "": _EMPTY} for _ in columns]
        self._leading = len(columns) - len(self._getters)
        self._compiled = self._compile() if self._getters and self._leading >= 0 else None

    def render(self, values: Sequence[Any]) -> str:
        """One row's cells from its values; an empty value is an empty ``<c/>`` unless
        nothing follows it. A list is one entry per line."""
        caches = self._cache
        try:
            parts: list[str | None] = [
                cache.get(v) for cache, v in zip(caches, values, strict=False)
            ]
        except TypeError:  # a list among the values
            values = ["\n".join(v) if v.__class__ is list else v for v in values]
            parts = [cache.get(v) for cache, v in zip(caches, values, strict=False)]
        if None in parts:
            for index, part in enumerate(parts):
                if part is None:
                    parts[index] = self._cell(index, values[index])
        while parts and parts[-1] is _EMPTY:
            parts.pop()
        return "".join(parts)  # type: ignore[arg-type]  # no None is left

    def render_object(self, obj: Any, first: Sequence[Any] = ()) -> str:
        """One row: the values in ``first``, then a value per getter read from ``obj``."""
        if self._compiled is not None and len(first) == self._leading:
            try:
                return self._compiled(obj, first)
            except TypeError:  # a list among the values: joined below
                pass
        values = [get(obj) for get in self._getters]
        return self.render([*first, *values] if first else values)

    def _compile(self) -> Callable[[Any, Sequence[Any]], str]:
        """:meth:`render_object` for this layout as straight-line code: the same lookups in
        the same caches as :meth:`render`, without the lists and loops around them (a
        province's export renders about 450,000 rows)."""
        count = len(self._cache)
        lines = ["def render_object(obj, first):"]
        if self._leading:
            names = ", ".join(f"v{i}" for i in range(self._leading))
            lines.append(f"    {names}, = first")
        for index in range(self._leading, count):
            lines.append(f"    v{index} = g{index}(obj)")
        for index in range(count):
            lines.append(f"    p{index} = c{index}.get(v{index})")
            lines.append(f"    if p{index} is None:")
            lines.append(f"        p{index} = cell({index}, v{index})")
        lines.append(f"    parts = [{', '.join(f'p{i}' for i in range(count))}]")
        lines.append("    while parts and parts[-1] is EMPTY:")
        lines.append("        parts.pop()")
        lines.append('    return "".join(parts)')
        scope: dict[str, Any] = {"cell": self._cell, "EMPTY": _EMPTY}
        scope.update((f"c{i}", cache) for i, cache in enumerate(self._cache))
        scope.update((f"g{i}", get) for i, get in enumerate(self._getters, start=self._leading))
        exec("\n".join(lines), scope)  # the code is made here, from column counts only
        compiled: Callable[[Any, Sequence[Any]], str] = scope["render_object"]
        return compiled

    def _cell(self, index: int, value: Any) -> str:
        writer = self._writers[index]
        shown = writer(value) if writer is not None else value
        plain, quoted = self._styles[index]
        if shown is None or shown == "":
            cell = _EMPTY
        elif isinstance(shown, str):
            style = quoted if formula_like(shown) else plain
            space = ' xml:space="preserve"' if _EDGE_SPACE.search(shown) else ""
            cell = f'<c{_s(style)} t="inlineStr"><is><t{space}>{escape_text(shown)}</t></is></c>'
        else:
            cell = f"<c{_s(plain)}><v>{int(shown)}</v></c>"
        cache = self._cache[index]
        if len(cache) < 50_000:
            cache[value] = cell
        return cell


def _s(style: int) -> str:
    return f' s="{style}"' if style else ""


def write_workbook(path: Path, sheets: Sequence[SheetData], *, title: str = "") -> None:
    """Write ``sheets`` to ``path`` atomically (the file appears complete or not at all)."""
    with atomic_open(path, "wb") as handle:
        write_to(handle, sheets, title=title)


def write_to(handle: IO[bytes], sheets: Sequence[SheetData], *, title: str = "") -> None:
    """Write the workbook into an open binary stream."""
    archive = _Archive(handle)
    archive.add("[Content_Types].xml", [compress(_content_types(len(sheets)))])
    archive.add("_rels/.rels", [compress(_root_rels())])
    archive.add("docProps/app.xml", [compress(_app())])
    archive.add("docProps/core.xml", [compress(_core(title))])
    archive.add("xl/workbook.xml", [compress(_workbook(sheets))])
    archive.add("xl/_rels/workbook.xml.rels", [compress(_workbook_rels(len(sheets)))])
    archive.add("xl/styles.xml", [compress(_STYLES)])
    for index, sheet in enumerate(sheets, start=1):
        rows = sum(s.rows for s in sheet.segments)
        head = compress(_sheet_head(sheet, selected=index == 1))
        tail = compress(_sheet_tail(sheet, rows))
        archive.add(f"xl/worksheets/sheet{index}.xml", [head, *sheet.segments, tail])
    archive.close()


class _Archive:
    """A zip archive of deflated entries, each given as pre-compressed segments."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.offset = 0
        self.directory: list[bytes] = []

    def add(self, name: str, segments: Sequence[Segment]) -> None:
        data = b"".join(s.data for s in segments) + _FINAL_BLOCK
        crc, size = 0, 0
        for segment in segments:
            crc = zlib_ng.crc32_combine(crc, segment.crc, segment.size)
            size += segment.size
        if size >= 0xFFFFFFFF or len(data) >= 0xFFFFFFFF or self.offset >= 0xFFFFFFFF:
            raise ValueError(f"{name}: larger than 4 GiB")
        raw = name.encode("utf-8")
        fields = (_DOS_TIME, _DOS_DATE, crc, len(data), size, len(raw))
        self.handle.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x0800, 8, *fields, 0) + raw)
        self.handle.write(data)
        self.directory.append(
            struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x0314, 20, 0x0800, 8, *fields, 0, 0, 0, 0,
                        0o644 << 16, self.offset) + raw
        )  # fmt: skip
        self.offset += 30 + len(raw) + len(data)

    def close(self) -> None:
        directory = b"".join(self.directory)
        count = len(self.directory)
        self.handle.write(directory)
        self.handle.write(
            struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), self.offset, 0)
        )


_FINAL_BLOCK = zlib_ng.compressobj(COMPRESS_LEVEL, zlib_ng.DEFLATED, -15).flush()
"""An empty final deflate block: it ends the concatenated segments."""


def _sheet_head(sheet: SheetData, *, selected: bool) -> str:
    columns = sheet.columns
    head = [_XML, f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">']
    view = ' tabSelected="1"' if selected else ""
    if sheet.frozen:
        head.append(
            f'<sheetViews><sheetView workbookViewId="0"{view}>'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        )
    else:
        head.append(f'<sheetViews><sheetView workbookViewId="0"{view}/></sheetViews>')
    head.append('<sheetFormatPr defaultRowHeight="15"/><cols>')
    for index, column in enumerate(columns, start=1):
        style = f' style="{TEXT}"' if column.text else ""
        head.append(
            f'<col min="{index}" max="{index}" width="{column.width:g}" customWidth="1"{style}/>'
        )
    head.append("</cols><sheetData><row>")
    head.extend(
        f'<c s="{HEADER}" t="inlineStr"><is><t>{escape_text(c.header)}</t></is></c>'
        for c in columns
    )
    head.append("</row>")
    return "".join(head)


def _sheet_tail(sheet: SheetData, rows: int) -> str:
    tail = "</sheetData>"
    if sheet.autofilter:
        last = column_letter(max(1, len(sheet.columns)))
        tail += f'<autoFilter ref="A1:{last}{rows + 1}"/>'
    return tail + "</worksheet>"


def _content_types(count: int) -> str:
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, count + 1)
    )
    return (
        _XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        f"{sheets}</Types>"
    )


def _root_rels() -> str:
    return (
        _XML + f'<Relationships xmlns="{_PKG_REL}">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
        '<Relationship Id="rId2" '
        'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
        'Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>"
    )


def _app() -> str:
    return (
        _XML
        + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>catalog-tool</Application></Properties>"
    )


def _core(title: str) -> str:
    # No dcterms:created/modified: the same catalog must give the same bytes.
    return (
        _XML
        + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{escape_text(title)}</dc:title><dc:creator>catalog-tool</dc:creator>"
        "</cp:coreProperties>"
    )


def _workbook(sheets: Sequence[SheetData]) -> str:
    entries = "".join(
        f'<sheet name="{_attr(s.name)}" sheetId="{i}" r:id="rId{i}"/>'
        for i, s in enumerate(sheets, start=1)
    )
    return (
        _XML + f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><workbookPr/>'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        f"<sheets>{entries}</sheets></workbook>"
    )


def _workbook_rels(count: int) -> str:
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, count + 1)
    )
    return (
        _XML + f'<Relationships xmlns="{_PKG_REL}">{rels}'
        f'<Relationship Id="rId{count + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
        "</Relationships>"
    )


def _attr(text: str) -> str:
    return escape_text(text).replace('"', "&quot;")


_STYLES = (
    _XML + f'<styleSheet xmlns="{_MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="宋体"/><family val="2"/><charset val="134"/></font>'
    '<font><b/><sz val="11"/><name val="宋体"/><family val="2"/><charset val="134"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>'
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
    '<border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="7">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="49" fontId="1" fillId="2" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" '
    'applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1" quotePrefix="1">'
    '<alignment vertical="top" wrapText="1"/></xf>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
