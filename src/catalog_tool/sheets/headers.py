"""Find the header row of a sheet and what each of its columns is.

Department sheets put a title row or two above the headers, decorate headers with
``（必填）``, ``*``, full-width brackets, spaces and line breaks, and use older names
(``名称``, ``法定时限``). :func:`normalize_header` strips the decoration; the aliases in
:mod:`catalog_tool.sheets.columns` map the names; a close misspelling of a long header is
accepted with a warning. Which sheet is which is decided by its headers (the sheet name
only breaks ties), so a single sheet called ``Sheet1`` is read as the 事项 sheet.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz

from catalog_tool.sheets.book import CellValue, Sheet
from catalog_tool.sheets.columns import SHEETS, Column, Role, SheetSpec

HEADER_SCAN_ROWS = 30
"""How far down the header row is looked for (title rows above it are skipped)."""
FUZZY_SCORE = 85.0
"""Similarity (0–100) a misspelt header needs to be read as a standard one."""
FUZZY_MARGIN = 10.0
"""…and by how much it must beat the next candidate."""

_DECORATION = re.compile(r"[（(【\[［<《][^）)】\]］>》]*[）)】\]］>》]")
_MARKS = re.compile(r"[\s*＊※★☆:：_\-—]+")
IGNORED = frozenset({"序号", "区划名称", "行政区划名称", "实施区划名称", "编号"})
"""Headers read without a warning and without importing (numbering, derived names)."""


def normalize_header(text: CellValue) -> str:
    """A header without decoration: ``* 事项名称\\n（必填）`` → ``事项名称``."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", str(text))
    without = _DECORATION.sub("", folded)
    return _MARKS.sub("", without if without.strip() else folded)


@dataclass(frozen=True, slots=True)
class Header:
    """A recognised header cell."""

    column: Column
    index: int
    """1-based column number in the sheet."""
    text: str
    """The header as written."""
    fuzzy: bool = False
    """True when it was read as a close misspelling of the standard header."""


@dataclass(frozen=True, slots=True)
class Unknown:
    """A header cell that names no column (its content is not imported)."""

    index: int
    text: str
    suggestion: str | None = None
    duplicate: bool = False
    """True when it repeats a header already matched in the same row."""


@dataclass(frozen=True, slots=True)
class Layout:
    """Where a sheet's data is: its role, header row and columns."""

    spec: SheetSpec
    sheet: Sheet
    header_row: int
    """1-based row number of the header row; data starts below it."""
    headers: tuple[Header, ...]
    unknown: tuple[Unknown, ...]
    by_path: dict[str, Header] = field(default_factory=dict, compare=False)
    """The matched columns by field path (filled in on construction)."""

    def __post_init__(self) -> None:
        self.by_path.update({h.column.path: h for h in self.headers})


@cache
def _names(spec: SheetSpec) -> dict[str, Column]:
    names: dict[str, Column] = {}
    for column in spec.columns:
        for name in (column.header, *column.aliases):
            names.setdefault(normalize_header(name), column)
    return names


def _sheet_names(spec: SheetSpec) -> frozenset[str]:
    return frozenset(normalize_header(n) for n in (spec.name, *spec.aliases))


def detect(sheet: Sheet) -> Layout | None:
    """The role and layout of ``sheet``, or None when it holds no recognisable header row."""
    best: tuple[float, Layout] | None = None
    named = normalize_header(sheet.name)
    for spec in SHEETS:
        layout = layout_for(sheet, spec)
        if layout is None:
            continue
        score = len(layout.headers) + (1.5 if named in _sheet_names(spec) else 0.0)
        if best is None or score > best[0]:
            best = (score, layout)
    return best[1] if best is not None else None


def named_role(sheet: Sheet) -> Role | None:
    """The role a sheet's name suggests (for messages about unrecognised sheets)."""
    named = normalize_header(sheet.name)
    return next((spec.role for spec in SHEETS if named in _sheet_names(spec)), None)


def layout_for(sheet: Sheet, spec: SheetSpec) -> Layout | None:
    """``sheet`` read as a ``spec`` sheet: the best header row within the first rows."""
    names = _names(spec)
    best_row, best_count = 0, 0
    for index, cells in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        found = {names[key] for key in map(normalize_header, cells) if key in names}
        if len(found) > best_count:
            best_row, best_count = index + 1, len(found)
    if best_count < 2:
        return None
    headers, unknown = _match_row(sheet.rows[best_row - 1], spec)
    paths = {h.column.path for h in headers}
    name_path = "name"
    if name_path not in paths and (spec.role is not Role.ITEMS or "code" not in paths):
        return None
    return Layout(spec, sheet, best_row, tuple(headers), tuple(unknown))


def _match_row(cells: list[CellValue], spec: SheetSpec) -> tuple[list[Header], list[Unknown]]:
    names = _names(spec)
    headers: list[Header] = []
    taken: set[str] = set()
    pending: list[tuple[int, str, str]] = []
    unknown: list[Unknown] = []
    for index, cell in enumerate(cells, start=1):
        key = normalize_header(cell)
        if not key:
            continue
        text = str(cell).strip()
        column = names.get(key)
        if column is None:
            pending.append((index, text, key))
        elif column.path in taken:
            unknown.append(Unknown(index, text, column.header, duplicate=True))
        else:
            taken.add(column.path)
            headers.append(Header(column, index, text))
    for index, text, key in pending:
        if key in IGNORED:
            continue
        column, suggestion = _closest(key, names, taken)
        if column is not None:
            taken.add(column.path)
            headers.append(Header(column, index, text, fuzzy=True))
        else:
            unknown.append(Unknown(index, text, suggestion))
    headers.sort(key=lambda h: h.index)
    return headers, unknown


def _closest(
    key: str, names: dict[str, Column], taken: set[str]
) -> tuple[Column | None, str | None]:
    scored: dict[str, tuple[float, Column]] = {}
    for name, column in names.items():
        score = fuzz.ratio(key, name)
        if column.path not in scored or score > scored[column.path][0]:
            scored[column.path] = (score, column)
    ranked = sorted(scored.values(), key=lambda s: -s[0])
    if not ranked:
        return None, None
    top_score, top = ranked[0]
    runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
    suggestion = top.header if top_score >= 50 else None
    if (
        top_score >= FUZZY_SCORE
        and top_score - runner_up >= FUZZY_MARGIN
        and top.path not in taken
        and len(key) >= 4
    ):
        return top, suggestion
    return None, suggestion
