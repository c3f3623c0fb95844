"""Cell values ↔ field values, one function each way per column kind.

Reading is forgiving where the meaning is clear (``3.0`` is 3, ``101001000`` in a 基本编码
column is ``000101001000``, ``√`` is 是, ``01`` is 行政许可) and says precisely what is
wrong otherwise: every problem is a :class:`CellProblem` with a rule code, a message that
quotes the cell, and a hint.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from catalog_tool.diagnostics import Severity
from catalog_tool.model.enums import ItemType, MaterialSource
from catalog_tool.sheets.book import CellError, CellValue, External, Uncached
from catalog_tool.sheets.columns import NO, YES, Column, Kind
from catalog_tool.sheets.materials_text import BLANK_LINE, join_entries, split_entries
from catalog_tool.text import Text


@dataclass(frozen=True, slots=True)
class CellProblem:
    """Why a cell cannot be read, or, below an error, a note on how it was read (the
    caller knows which cell)."""

    rule: str
    """S003 wrong type or format, S004 value not allowed, C001 bad 基本编码."""
    message: Text
    hint: Text
    severity: Severity = Severity.ERROR
    """An error: the cell is not read. Below it: the value is read, and the note shown."""


_TRUE = frozenset(
    {"是", "y", "yes", "true", "t", "1", "√", "✓", "✔", "有", "支持", "可以", "能", "对"}
)
_FALSE = frozenset(
    {"否", "n", "no", "false", "f", "0", "×", "✗", "✘", "无", "不支持", "不可以", "不能", "不"}
)
_REQUIRED = frozenset(
    {"必要", "是", "必须", "必需", "必交", "必要材料", "必提交", "true", "1", "√"}
)
_OPTIONAL = frozenset(
    {"非必要", "否", "非必须", "非必需", "选交", "可选", "选填", "非必要材料", "false", "0", "×"}
)
_DEFERRED = frozenset({"容缺后补", "容缺", "容缺受理", "可容缺", "容缺补交"})
_TYPE_CODES = {t.type_code: t.value for t in ItemType}
_SOURCE_CODES = {
    "10": MaterialSource.APPLICANT.value,
    "20": MaterialSource.GOVERNMENT.value,
    "99": MaterialSource.OTHER.value,
}
_INT_TEXT = re.compile(r"([0-9]+)(?:\.0+)?\s*(?:个?工作日|个?自然日|天|日|次|份|级|个)?")
_SCIENTIFIC = re.compile(r"[0-9](?:\.[0-9]+)?[eE]\+?[0-9]+")
_ENUM_SEPARATORS = re.compile(r"[\n、，,；;/|]+")
_SPACES = re.compile(r"\s+")


def to_cell(value: Any, column: Column) -> str | int | None:
    """What a cell shows for a field value (None: the cell stays empty)."""
    if value is None:
        return None
    kind = column.kind
    if kind in (Kind.LIST, Kind.ENUM_LIST):
        return join_entries(value) if value else None
    if kind is Kind.BOOL:
        return YES if value else NO
    if kind is Kind.NEED:
        return "必要" if value is True else "非必要" if value is False else str(value)
    if kind is Kind.INT:
        return int(value)
    return str(value)


def from_cell(raw: CellValue, column: Column) -> tuple[Any, CellProblem | None]:
    """The field value a cell holds (None when empty), or the problem with it."""
    if raw is None:
        return None, None
    if isinstance(raw, Uncached):
        # A cell filled from a shared formula holds no text of its own: the first cell of
        # the block the formula was filled across does.
        zh = f"公式 ={raw.formula}" if raw.formula else "共享公式(写在其填充区域的第一个单元格)"
        en = (
            f"formula ={raw.formula}"
            if raw.formula
            else "a shared formula (written in the first cell of its block)"
        )
        return None, _problem(
            "S003",
            f"{zh} 没有计算结果(文件保存时未缓存公式的值)",
            f"{en} has no computed result (its value was not cached on save)",
            "在 Excel 或 WPS 中打开并保存一次,或把公式改成值(复制 → 选择性粘贴 → 数值)。",
            "Open and save it once in Excel or WPS, or replace the formula by its value "
            "(copy, paste special, values).",
        )
    if isinstance(raw, External):
        return None, _problem(
            "S003",
            f"公式 ={raw.formula} 引用了另一个工作簿,其值无法核实(可能已过期)",
            f"formula ={raw.formula} refers to another workbook; its value cannot be checked "
            "(it may be out of date)",
            "在 Excel 或 WPS 中“数据 → 编辑链接 → 断开链接”,或把公式改成值"
            "(复制 → 选择性粘贴 → 数值),保存后再导入。",
            "Break the link (Data, Edit Links, Break Link) or replace the formula by its "
            "value (copy, paste special, values), save, and import again.",
        )
    if isinstance(raw, CellError):
        return None, _problem(
            "S003",
            f"单元格是错误值 {raw.code}",
            f"the cell holds the error {raw.code}",
            "修正产生错误的公式,或直接填写值。",
            "Fix the formula that produced it, or type the value.",
        )
    if isinstance(raw, str) and not raw.strip():
        return None, None
    reader = _READERS[column.kind]
    return reader(raw, column)


Converter = Callable[[CellValue], tuple[Any, "CellProblem | None"]]


def converter(column: Column) -> Converter:
    """:func:`from_cell` for one column, with a shortcut for the common, clean cell (a
    province's workbook has millions of cells)."""
    kind = column.kind

    def general(raw: CellValue) -> tuple[Any, CellProblem | None]:
        return from_cell(raw, column)

    if kind is Kind.TEXT:

        def text(raw: CellValue) -> tuple[Any, CellProblem | None]:
            if raw.__class__ is str and "\r" not in raw:
                return (raw.strip() or None), None
            return from_cell(raw, column)

        return text
    if kind is Kind.CODE:
        width = column.digits

        def code(raw: CellValue) -> tuple[Any, CellProblem | None]:
            if (
                raw.__class__ is str
                and raw.isdigit()
                and raw.isascii()
                and (not width or len(raw) >= width)
            ):
                return raw, None
            return from_cell(raw, column)

        return code
    if kind is Kind.INT:

        def number(raw: CellValue) -> tuple[Any, CellProblem | None]:
            return (raw, None) if raw.__class__ is int else from_cell(raw, column)

        return number
    if kind in (Kind.ENUM, Kind.BOOL, Kind.NEED):
        known: dict[str, Any] = {c: c for c in column.choices} if kind is Kind.ENUM else {}
        if kind is Kind.BOOL:
            known = {YES: True, NO: False}
        elif kind is Kind.NEED:
            known = {"必要": True, "非必要": False, "容缺后补": "容缺后补"}

        def choice(raw: CellValue) -> tuple[Any, CellProblem | None]:
            if raw.__class__ is str and raw in known:
                return known[raw], None
            return from_cell(raw, column)

        return choice
    if kind is Kind.LIST:

        def entries(raw: CellValue) -> tuple[Any, CellProblem | None]:
            if raw.__class__ is str and "\n" not in raw and "\r" not in raw:
                stripped = raw.strip()
                return ([stripped] if stripped else None), None
            return from_cell(raw, column)

        return entries
    return general


def _problem(rule: str, zh: str, en: str, hint_zh: str, hint_en: str) -> CellProblem:
    return CellProblem(rule, Text(zh, en), Text(hint_zh, hint_en))


def _show(raw: CellValue) -> str:
    """A cell value quoted for a message (text in “”, numbers and dates as they are)."""
    text = _as_text(raw).replace("\n", "⏎")
    text = text if len(text) <= 40 else text[:39] + "…"
    return f"“{text}”" if isinstance(raw, str) else text


def _as_text(raw: CellValue) -> str:
    """A cell value as text, the way the user sees it."""
    if isinstance(raw, str):
        return raw.replace("\r\n", "\n").replace("\r", "\n") if "\r" in raw else raw
    if isinstance(raw, bool):
        return YES if raw else NO
    if isinstance(raw, float) and raw.is_integer() and abs(raw) < 1e15:
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat(" ")
    if isinstance(raw, dt.date | dt.time):
        return raw.isoformat()
    return str(raw)


def _text(raw: CellValue, column: Column) -> tuple[Any, CellProblem | None]:
    text = _as_text(raw).strip()
    if isinstance(raw, dt.date | dt.time):
        return text, _date_as_text(text, column)
    return (text or None), None


def _date_as_text(text: str, column: Column) -> CellProblem:
    """A warning for a date or time Excel made of what was typed in a text column: the
    text it is read as is Excel's value, not what the cell showed."""
    return CellProblem(
        "S003",
        Text(
            f"“{column.header}”是 Excel 的日期或时间值,按“{text}”读取",
            f"'{column.header}' is an Excel date or time; read as '{text}'",
        ),
        Text(
            "把单元格设为“文本”格式后重新输入(或在开头加英文单引号 '),写成要发布的文字,"
            "如“周一至周五 8:30-17:00”。",
            "Set the cell format to Text and type it again (or start it with ') as the text "
            "to publish, such as 周一至周五 8:30-17:00.",
        ),
        Severity.WARNING,
    )


def _code(raw: CellValue, column: Column) -> tuple[Any, CellProblem | None]:
    if isinstance(raw, bool | dt.date | dt.time):
        return None, _not_a_code(raw, column)
    if isinstance(raw, float):
        if not raw.is_integer() or raw >= 1e15:
            return None, _not_a_code(raw, column)
        raw = int(raw)
    if isinstance(raw, int):
        # A numeric cell lost the leading zeros; the column's width brings them back.
        text = str(raw)
        return (text.zfill(column.digits) if column.digits else text), None
    if column.squeeze:
        text = _SPACES.sub("", str(raw)).lstrip("'").upper()
    else:
        text = str(raw).strip().lstrip("'")
    halved = _half_width(text)
    if halved != text:
        return halved, _full_width(str(raw).strip(), halved, column)
    if _SCIENTIFIC.fullmatch(text):
        return None, _problem(
            "C001" if column.path == "code" else "S003",
            f"“{column.header}”被 Excel 显示成了科学计数法 {text},后几位已经丢失",
            f"'{column.header}' became scientific notation {text}; its last digits are lost",
            "把该列设为“文本”格式,重新填写完整的编码。",
            "Format the column as Text and type the full code again.",
        )
    if column.digits and text.isdigit() and len(text) < column.digits:
        text = text.zfill(column.digits)
    return (text or None), None


def _half_width(text: str) -> str:
    """``text`` with full-width letters and digits (１１３７０８２６ＭＢ) made half-width."""
    if text.isascii():
        return text
    return "".join(unicodedata.normalize("NFKC", ch) if "！" <= ch <= "～" else ch for ch in text)


def _full_width(typed: str, read: str, column: Column) -> CellProblem:
    return CellProblem(
        "C001" if column.path == "code" else "S003",
        Text(
            f"“{column.header}”含全角字符“{typed}”,已按半角“{read}”读取",
            f"'{column.header}' holds full-width characters '{typed}'; read as '{read}'",
        ),
        Text(
            "用半角(英文输入法)重新输入编码。",
            "Type the code again with half-width characters (an English input method).",
        ),
        Severity.WARNING,
    )


def _not_a_code(raw: CellValue, column: Column) -> CellProblem:
    digits = f"{column.digits} 位数字的" if column.digits else ""
    return _problem(
        "C001" if column.path == "code" else "S003",
        f"“{column.header}”应为{digits}编码,不是{_show(raw)}",
        f"'{column.header}' must be a code{f' of {column.digits} digits' if column.digits else ''}, "
        f"not {_show(raw)}",
        "把该列设为“文本”格式后填写编码。",
        "Format the column as Text and type the code.",
    )


def _int(raw: CellValue, column: Column) -> tuple[Any, CellProblem | None]:
    if isinstance(raw, bool):
        return None, _not_an_int(raw, column)
    if isinstance(raw, int):
        return raw, None
    if isinstance(raw, float):
        return (int(raw), None) if raw.is_integer() else (None, _not_an_int(raw, column))
    if isinstance(raw, dt.date | dt.time):
        return None, _problem(
            "S003",
            f"“{column.header}”应为整数,但单元格是日期 {_show(raw)}",
            f"'{column.header}' must be a whole number, but the cell is the date {_show(raw)}",
            "把单元格格式改为“常规”或“数值”,重新填写数字。",
            "Set the cell format to General or Number and type the number again.",
        )
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    match = _INT_TEXT.fullmatch(text)
    if match is None:
        return None, _not_an_int(raw, column)
    return int(match.group(1)), None


def _not_an_int(raw: CellValue, column: Column) -> CellProblem:
    return _problem(
        "S003",
        f"“{column.header}”应为整数,不是{_show(raw)}",
        f"'{column.header}' must be a whole number, not {_show(raw)}",
        f"填写不带小数的数字。{column.description}",
        "Type a number without decimals.",
    )


def _bool(raw: CellValue, column: Column) -> tuple[Any, CellProblem | None]:
    if isinstance(raw, bool):
        return raw, None
    key = _SPACES.sub("", unicodedata.normalize("NFKC", _as_text(raw))).lower()
    if key in _TRUE:
        return True, None
    if key in _FALSE:
        return False, None
    return None, _problem(
        "S004",
        f"“{column.header}”只能填“是”或“否”,不是{_show(raw)}",
        f"'{column.header}' must be 是 or 否, not {_show(raw)}",
        "从下拉列表中选择“是”或“否”。",
        "Pick 是 (yes) or 否 (no) from the dropdown.",
    )


def _need(raw: CellValue, column: Column) -> tuple[Any, CellProblem | None]:
    if isinstance(raw, bool):
        return raw, None
    key = _SPACES.sub("", unicodedata.normalize("NFKC", _as_text(raw))).lower()
    if key in _REQUIRED:
        return True, None
    if key in _OPTIONAL:
        return False, None
    if key in _DEFERRED:
        return "容缺后补", None
    return None, _not_allowed(raw, column)


def _enum(raw: CellValue, column: Column) -> tuple[Any, CellProblem | None]:
    value = _enum_value(_as_text(raw), column)
    return (value, None) if value is not None else (None, _not_allowed(raw, column))


def _enum_value(text: str, column: Column) -> str | None:
    text = text.strip()
    if text in column.choices:
        return text
    key = _SPACES.sub("", unicodedata.normalize("NFKC", text))
    for choice in column.choices:
        if key == _SPACES.sub("", unicodedata.normalize("NFKC", choice)):
            return choice
    if column.path == "type" and key.isdigit():
        return _TYPE_CODES.get(key.zfill(2))
    if column.path == "source":
        return _SOURCE_CODES.get(key)
    return None


def _enum_list(raw: CellValue, column: Column) -> tuple[Any, CellProblem | None]:
    values: list[str] = []
    for part in _ENUM_SEPARATORS.split(_as_text(raw)):
        if not part.strip():
            continue
        value = _enum_value(part, column)
        if value is None:
            return None, _not_allowed(part.strip(), column)
        if value not in values:
            values.append(value)
    return (values or None), None


def _list(raw: CellValue, column: Column) -> tuple[Any, CellProblem | None]:
    text = _as_text(raw)
    entries = split_entries(text, semicolons=False)
    if len(entries) == 1 and "\n" in entries[0] and not BLANK_LINE.search(text.strip()):
        # Only a blank line at the end: the mark of one entry of several lines (as the
        # export writes it), or a stray line break after entries one per line.
        return entries, CellProblem(
            "S003",
            Text(
                f"“{column.header}”按一项(含换行)读取:单元格末尾有空行",
                f"'{column.header}' read as one entry of several lines: the cell ends with "
                "a blank line",
            ),
            Text(
                "若是一行一项的多项,删去末尾的空行;一项要分几行写时,各项之间空一行。",
                "If these are entries one per line, delete the blank line at the end; an "
                "entry of several lines is parted from the next by a blank line.",
            ),
            Severity.INFO,
        )
    return (entries or None), None


def _not_allowed(raw: CellValue, column: Column) -> CellProblem:
    allowed = "、".join(column.choices)
    return _problem(
        "S004",
        f"“{column.header}”的值{_show(raw)}不在允许范围内",
        f"'{column.header}': {_show(raw)} is not an allowed value",
        f"可选值:{allowed}(模板中可从下拉列表选择)。",
        f"Allowed: {allowed} (the template offers them in a dropdown).",
    )


_READERS = {
    Kind.TEXT: _text,
    Kind.CODE: _code,
    Kind.INT: _int,
    Kind.BOOL: _bool,
    Kind.ENUM: _enum,
    Kind.ENUM_LIST: _enum_list,
    Kind.LIST: _list,
    Kind.NEED: _need,
}
