"""One item of a sheet → what to do with its file: new, changed, unchanged or rejected.

The sheet's values are laid over the item file that exists (an empty cell never erases a
value: departments leave cells empty when they do not know), entries (materials, steps,
fees) are matched to the existing ones by name so their other fields and comments stay,
and the result is validated against the item model before anything is written. Problems
are reported at the cell they come from.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import pairwise
from pathlib import Path
from typing import Any

from pydantic_core import PydanticUndefined

from catalog_tool.catalog.layout import item_path
from catalog_tool.catalog.read import ParsedItem, parse_item
from catalog_tool.diagnostics import Diagnostic, Severity, fill
from catalog_tool.engine.filecheck import fast_emit, read_limited
from catalog_tool.engine.schema_check import check_model
from catalog_tool.model.codes import NATIONAL_REGION
from catalog_tool.model.item import Item, model_for_region
from catalog_tool.sheets.columns import HAS_FEES, MATERIALS_TEXT, ORDER, Role
from catalog_tool.sheets.item_yaml import (
    emit_item,
    field_default,
    field_defaults,
    nested_model,
    update_text,
)
from catalog_tool.sheets.materials_text import MaterialHint
from catalog_tool.sheets.problems import at_cell
from catalog_tool.sheets.read_ahead import ReadAhead
from catalog_tool.sheets.records import Record
from catalog_tool.text import Text

TEXT_MATERIAL_DEFAULTS: dict[str, Any] = {
    "required": True,
    "form": "原件",
    "copies": 1,
    "media": "纸质",
    "source": "申请人自备",
}
"""What a material written as text gets for the fields the text does not give."""
_DEFAULT_WORDS = {
    "required": Text("必要性:必要", "required: yes"),
    "form": Text("材料类型:原件", "form: original"),
    "copies": Text("份数:1", "copies: 1"),
    "media": Text("材料形式:纸质", "media: paper"),
    "source": Text("来源渠道:申请人自备", "source: the applicant"),
}
_NEW_IMPLEMENTATION_DEFAULTS: dict[str, Any] = {
    "conditions": [],
    "materials": [],
    "steps": [],
    "time_limit": None,
    "status": "在用",
}
"""Keys a new implementation item gets when the sheet leaves them empty (empty lists and
time limits are valid for 处罚/强制/检查; a missing status means 在用)."""
_ENTRY_MODELS = {Role.MATERIALS: "materials", Role.STEPS: "steps", Role.FEES: "fees"}
_KEY_PATHS = frozenset({"code", "region"})
"""Columns that name the item: they decide which file a row goes to, not a value in it."""
_PARTS: dict[str, list[str]] = {}
"""Column path → its keys (``agency.name`` → agency, name)."""


class Outcome(StrEnum):
    """What an import does with one item."""

    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class Cell:
    """Where a value came from."""

    sheet: str
    row: int
    column: int


@dataclass(slots=True)
class Group:
    """Everything a workbook says about one item."""

    region: str
    code: str
    rows: list[Record] = field(default_factory=list)
    """Its rows in the 事项 sheet (several when merged cells repeat it); may be empty when
    only entry sheets name it."""
    entries: dict[Role, list[Record]] = field(default_factory=dict)
    text_materials: list[tuple[MaterialHint, Record]] = field(default_factory=list)
    rejected: bool = False
    path: Path | None = None
    """The item file, vetted by :class:`~catalog_tool.sheets.paths.TargetPaths` (None:
    :func:`~catalog_tool.catalog.layout.item_path` decides when planning)."""


@dataclass(frozen=True, slots=True)
class Planned:
    """The decision for one item."""

    region: str
    code: str
    outcome: Outcome
    path: Path
    text: str | None = None
    """The new content of the file (new and changed items)."""
    problems: tuple[Diagnostic, ...] = ()
    row: Cell | None = None
    """The item's first row."""


def plan_item(group: Group, root: Path, file: str, read_ahead: ReadAhead | None = None) -> Planned:
    """Decide what to do with one item (no writes); ``read_ahead`` holds item files read
    before (:mod:`~catalog_tool.sheets.read_ahead`)."""
    return _Planner(group, root, file, read_ahead or ReadAhead()).plan()


class _Planner:
    def __init__(self, group: Group, root: Path, file: str, read_ahead: ReadAhead) -> None:
        self.group = group
        self.read_ahead = read_ahead
        self.file = file
        self.root = root
        self.path = group.path or item_path(root, group.region, group.code)
        self.model = model_for_region(group.region)
        self.problems: list[Diagnostic] = []
        self._cells: dict[str, Cell] | None = None
        anchor = group.rows[0] if group.rows else _first_entry(group)
        self.anchor = anchor
        self.row = Cell(anchor.sheet, anchor.row, anchor.first_column()) if anchor else None

    # -- the decision -------------------------------------------------------------------------

    def plan(self) -> Planned:
        current = self._read_ahead()
        source: bytes | None = None
        if current is None:
            source = self._source()
            if self.problems:
                return self._rejected()
            current = _loaded(fast_emit(source)) if source is not None else None
        if current is not None:
            # The file read without validation: if the sheet changes none of its values
            # there is nothing to write, whatever else the file holds.
            data = self._merged(current, updating=True)
            if data == current and not self._errors():
                return self._done(Outcome.UNCHANGED)
            self.problems.clear()
            if source is None:
                source = self._source()
                if self.problems:
                    return self._rejected()
        existing = self._parsed(source) if source is not None else None
        if self.problems:
            return self._rejected()
        base = existing.data if existing is not None else {}
        if not isinstance(base, dict):
            base = {}
        data = self._merged(base, updating=existing is not None)
        if self._errors():
            return self._rejected()
        if existing is not None and existing.item is not None and data == base:
            return self._done(Outcome.UNCHANGED)
        item, findings = check_model(self.model, data)
        if findings:
            for finding in findings:
                self.problems.append(self._model_problem(finding.code, finding.pointer, finding))
            return self._rejected()
        assert isinstance(item, Item)
        if existing is None:
            return self._done(Outcome.NEW, emit_item(data))
        if existing.item is not None and item == existing.item:
            return self._done(Outcome.UNCHANGED)
        text = update_text(existing.text or "", data, where=str(self.path))
        if text == existing.text:
            return self._done(Outcome.UNCHANGED)
        return self._done(Outcome.CHANGED, text)

    def _merged(self, data: dict[str, Any], *, updating: bool) -> dict[str, Any]:
        """The sheet's values laid over ``data`` (the file's data, or nothing). ``data`` is
        left as it is: what changes is copied (mappings on the way to a changed value, and
        the entries the sheet gives), the rest is shared with it."""
        data = dict(data)
        if self.group.rows:
            self._apply_row(data, self.group.rows[0], updating)
        if not updating and self.group.region != NATIONAL_REGION:
            for key, value in _NEW_IMPLEMENTATION_DEFAULTS.items():
                data.setdefault(key, _copy(value))
        for role, key in _ENTRY_MODELS.items():
            records = self.group.entries.get(role)
            if records:
                data[key] = self._merge_entries(data.get(key), records, role, key, updating)
        if self.group.text_materials and not self.group.entries.get(Role.MATERIALS):
            data["materials"] = self._text_materials(data.get("materials"), updating)
        self._fees_flag(data)
        data["code"], data["region"] = self.group.code, self.group.region
        return data

    def _errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.problems)

    def _done(self, outcome: Outcome, text: str | None = None) -> Planned:
        g = self.group
        return Planned(g.region, g.code, outcome, self.path, text, tuple(self.problems), self.row)

    def _rejected(self) -> Planned:
        return self._done(Outcome.REJECTED)

    def _read_ahead(self) -> dict[str, Any] | None:
        """The file's data as read ahead (None: not read ahead, or changed since)."""
        if not self.read_ahead:
            return None
        try:
            info = os.stat(self.path)  # noqa: PTH116 - the one call, no Path objects
        except OSError:
            return None  # _source says what is wrong with it
        return _loaded(self.read_ahead.json_of(info))

    def _source(self) -> bytes | None:
        """The file's bytes; None for a new item or a file that cannot be read (a problem
        then). Read as validate reads: a FIFO or device under an item's name would block
        a plain read forever, with the catalog's lock held."""
        path = str(self.path)
        if not os.path.lexists(path):
            return None
        source = read_limited(path, self.root)
        if isinstance(source, bytes):
            return source
        reason = fill(source.message, source.params)
        self._problem(
            "Y001",
            Text(
                f"无法读取目录中的 {self.path}:{reason.zh}",
                f"cannot read {self.path}: {reason.en}",
            ),
            Text(
                "检查该文件(catalog validate 会指出问题)。",
                "Check the file (catalog validate says what is wrong).",
            ),
        )
        return None

    def _parsed(self, source: bytes) -> ParsedItem | None:
        parsed = parse_item(source, self.group.region)
        if parsed.item is None and not isinstance(parsed.raw, dict):
            self._problem(
                "Y001",
                Text(
                    f"目录中已有的 {self.path} 无法读取(YAML 错误或不是映射),本行未导入",
                    f"the existing {self.path} cannot be read (YAML error or not a mapping); "
                    "the row was not imported",
                ),
                Text(
                    "先用 catalog validate 找到并修正该文件的错误,再导入。",
                    "Fix that file first (catalog validate shows where), then import again.",
                ),
            )
            return None
        return parsed

    # -- the 事项 row -------------------------------------------------------------------------

    def _apply_row(self, data: dict[str, Any], record: Record, updating: bool) -> None:
        for path, value in record.values.items():
            if path[0] == "#" or path in _KEY_PATHS:
                continue
            parts = _PARTS.get(path)
            if parts is None:
                parts = _PARTS[path] = path.split(".")
            if len(parts) == 1:
                if path in data:
                    if value.__class__ is not list or not _same(data[path], value):
                        data[path] = value  # data is a copy: its own keys can be set
                    continue
            elif len(parts) == 2:
                child = data.get(parts[0])
                if child.__class__ is dict and parts[1] in child:
                    old = child[parts[1]]
                    if old is value or (old.__class__ is value.__class__ and old == value):
                        continue  # as _set_path, without the call
            _set_path(data, parts, value, Item, updating)

    def _fees_flag(self, data: dict[str, Any]) -> None:
        if not self.group.rows:
            return
        record = self.group.rows[0]
        flag = record.values.get(HAS_FEES)
        column = record.column_of(HAS_FEES)
        fee_rows = self.group.entries.get(Role.FEES)
        if flag is False:
            if fee_rows:
                self._problem(
                    "S004",
                    Text(
                        "“是否收费”为“否”,但“收费项目”表中有该事项的收费项目",
                        "是否收费 says no, but the 收费项目 sheet lists fees for this item",
                    ),
                    Text("改为“是”,或删去收费项目。", "Set it to 是, or remove the fee rows."),
                    at=(record, column),
                )
            data["fees"] = []
        elif flag is True and not fee_rows and not data.get("fees"):
            self._problem(
                "S001",
                Text(
                    "“是否收费”为“是”,但“收费项目”表中没有该事项的收费项目",
                    "是否收费 says yes, but the 收费项目 sheet lists no fee for this item",
                ),
                Text(
                    "在“收费项目”表填写收费项目名称、收费标准和收费依据。",
                    "List the fees (name, standard, basis) in the 收费项目 sheet.",
                ),
                at=(record, column),
            )

    # -- entries ------------------------------------------------------------------------------

    def _merge_entries(
        self, old: Any, records: list[Record], role: Role, key: str, updating: bool
    ) -> list[dict[str, Any]]:
        model = nested_model(Item, key) or Item
        defaults = field_defaults(model)
        ordered = _in_order(records)
        unused = [e for e in old if isinstance(e, dict)] if isinstance(old, list) else []
        merged: list[dict[str, Any]] = []
        for record in ordered:
            name = record.values.get("name")
            if name is None:
                if "name" not in record.bad:
                    self._problem(
                        "S001",
                        Text(
                            f"缺少“{_header(record, 'name')}”",
                            f"'{_header(record, 'name')}' is missing",
                        ),
                        Text(
                            "每一行都要填写名称;空行请删除。",
                            "Every row needs a name; delete empty rows.",
                        ),
                        at=(record, record.column_of("name")),
                    )
                continue
            match = _take_named(unused, name)
            # The existing entry is copied before its first change (and shared while the
            # sheet repeats its values: an unchanged item then costs no copies).
            entry = match if match is not None else {}
            copied = match is None
            known = updating or match is not None
            for path, value in record.values.items():
                if path[0] == "#" or path in _KEY_PATHS:
                    continue
                if path in entry:
                    old = entry[path]
                    if old is value or (old.__class__ is value.__class__ and old == value):
                        continue  # _same(old, value), inline: millions of cells
                else:
                    # As _set_path: a default the entry leaves implicit is not spelled out.
                    default = defaults.get(path, PydanticUndefined)
                    if (
                        default is not PydanticUndefined
                        and value == default
                        and (known or path == "counted")
                    ):
                        continue
                if not copied:
                    entry, copied = dict(entry), True
                entry[path] = value
            merged.append(entry)
        return merged

    def _text_materials(self, old: Any, updating: bool) -> list[dict[str, Any]]:
        unused = [e for e in old if isinstance(e, dict)] if isinstance(old, list) else []
        merged: list[dict[str, Any]] = []
        defaulted: list[str] = []
        fields: set[str] = set()
        place: Record | None = None
        for hint, record in self.group.text_materials:
            match = _take_named(unused, hint.name)
            entry: dict[str, Any] = dict(match) if match is not None else {"name": hint.name}
            given = {
                "required": hint.required,
                "form": hint.form,
                "copies": hint.copies,
                "media": hint.media,
            }
            for key, value in given.items():
                if value is not None:
                    entry[key] = value
            missing = [k for k in TEXT_MATERIAL_DEFAULTS if k not in entry]
            for key in missing:
                entry[key] = TEXT_MATERIAL_DEFAULTS[key]
            if missing:
                defaulted.append(hint.name)
                fields.update(missing)
                place = place or record
            merged.append(entry)
        if defaulted and place is not None:
            names = "、".join(defaulted)
            used = [_DEFAULT_WORDS[k] for k in TEXT_MATERIAL_DEFAULTS if k in fields]
            zh, en = "、".join(t.zh for t in used), ", ".join(t.en for t in used)
            self._problem(
                "S001",
                Text(
                    f"申请材料以文字填写,{names} 未注明的项已按默认值导入({zh})",
                    f"materials given as text: what {names} do not say was filled with "
                    f"defaults ({en})",
                ),
                Text(
                    "请核对;用“申请材料”表逐项填写可以写明每一项。",
                    "Check them; the 申请材料 sheet states every field of each material.",
                ),
                at=(place, place.column_of(MATERIALS_TEXT)),
                severity=Severity.WARNING,
            )
        return merged

    def cells(self) -> dict[str, Cell]:
        """JSON pointer inside the item → the cell its value came from."""
        if self._cells is None:
            self._cells = cell_map(self.group)
        return self._cells

    # -- problems -----------------------------------------------------------------------------

    def _problem(
        self,
        rule: str,
        message: Text,
        hint: Text | None,
        *,
        at: tuple[Record | None, int | None] | None = None,
        severity: Severity | None = None,
        pointer: str = "",
    ) -> None:
        record, column = at if at is not None else (self.anchor, None)
        if record is None:
            sheet, row, col = "", 1, 1
        else:
            sheet, row, col = record.sheet, record.row, column or record.first_column()
        self.problems.append(
            at_cell(
                rule,
                message,
                hint,
                file=self.file,
                sheet=sheet,
                row=row,
                column=col,
                severity=severity,
                region=self.group.region,
                code=self.group.code,
                pointer=pointer,
            )
        )

    def _model_problem(self, rule: str, pointer: str, finding: Any) -> Diagnostic:
        hint: Text | None
        cells = self.cells()
        exact = cells.get(pointer) or _child_cell(cells, pointer)
        cell = exact or lookup_cell(cells, pointer)
        sheet, column_header = _column_for_pointer(pointer)
        if rule == "S001":
            title = str(finding.params.get("title") or pointer.rsplit("/", 1)[-1])
            header = column_header or title
            if exact is not None:
                message = Text(f"缺少必填项“{header}”", f"required value '{header}' is missing")
                about = finding.params.get("about")
                about_zh = about.zh if isinstance(about, Text) else ""
                hint = Text(f"在此单元格填写{header}。{about_zh}", f"Fill in {header} here.")
            else:
                message = Text(
                    f"缺少必填项“{header}”:表中没有这一列",
                    f"required value '{header}' is missing: the sheet has no such column",
                )
                hint = Text(
                    f"在“{sheet}”表增加“{header}”列并填写(可用 catalog export template 生成的模板)。",
                    f"Add a '{header}' column to the {sheet} sheet and fill it in "
                    "('catalog export template' writes the full template).",
                )
        else:
            message = fill(finding.message, finding.params)
            hint = fill(finding.hint, finding.params) if finding.hint is not None else None
            if column_header:
                message = Text(f"{column_header}:{message.zh}", f"{column_header}: {message.en}")
        place = cell or self.row
        sheet, row, column = (place.sheet, place.row, place.column) if place else ("", 1, 1)
        return at_cell(
            rule,
            message,
            hint,
            file=self.file,
            sheet=sheet,
            row=row,
            column=column,
            region=self.group.region,
            code=self.group.code,
            pointer=pointer,
        )


def cell_map(group: Group) -> dict[str, Cell]:
    """JSON pointer inside the item → the cell its value comes from, for every value the
    workbook gives the item (the order of entries is the order the import writes them in)."""
    sources: list[tuple[str, Record, int | None]] = []
    if group.rows:
        record = group.rows[0]
        sources.append(("", record, None))
        column = record.column_of(HAS_FEES)
        if column is not None:
            sources.append(("/fees", record, column))
    for role, key in _ENTRY_MODELS.items():
        named = [
            r for r in _in_order(group.entries.get(role, [])) if r.values.get("name") is not None
        ]
        sources.extend((f"/{key}/{index}", record, None) for index, record in enumerate(named))
    if group.text_materials and not group.entries.get(Role.MATERIALS):
        for index, (_, record) in enumerate(group.text_materials):
            sources.append((f"/materials/{index}", record, record.column_of(MATERIALS_TEXT) or 1))
    cells: dict[str, Cell] = {}
    for pointer, record, column in sources:
        if column is not None:
            cells[pointer] = Cell(record.sheet, record.row, column)
            continue
        if pointer:
            cells[pointer] = Cell(record.sheet, record.row, record.column_of("name") or 1)
        for header in record.layout.headers:
            path = header.column.path
            if not path.startswith("#") and not (pointer and path in ("code", "region")):
                key = f"{pointer}/{path.replace('.', '/')}"
                cells[key] = Cell(record.sheet, record.row, header.index)
    return cells


def _same(old: Any, new: Any) -> bool:
    """Whether setting ``new`` over ``old`` changes nothing (``1`` does change ``True``).

    A list cell's entries are trimmed, so a file's entries that differ from them only by
    space or line breaks around them (a YAML ``|`` block ends with one) are the same."""
    if old is new or (old.__class__ is new.__class__ and old == new):
        return True
    return (
        old.__class__ is list
        and new.__class__ is list
        and len(old) == len(new)
        and all(o.__class__ is str and o.strip() == n for o, n in zip(old, new, strict=True))
    )


def _in_order(records: list[Record]) -> list[Record]:
    """Entry rows by their 序号/顺序 (rows without one after, in sheet order)."""
    numbers = [record.values.get(ORDER) for record in records]
    if None not in numbers and all(
        a.__class__ is int and b.__class__ is int and a <= b for a, b in pairwise(numbers)
    ):
        return records  # already in order (as exported)
    ranked = sorted(
        enumerate(records),
        key=lambda pair: (
            pair[1].values.get(ORDER) is None,
            pair[1].values.get(ORDER, 0),
            pair[0],
        ),
    )
    return [record for _, record in ranked]


def _copy(value: Any) -> Any:
    """A copy of JSON-like data (several times faster than ``copy.deepcopy``)."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _take_named(entries: list[dict[str, Any]], name: Any) -> dict[str, Any] | None:
    """The first of ``entries`` called ``name``, taken out of the list (None: none is)."""
    for index, entry in enumerate(entries):
        if entry.get("name") == name:
            del entries[index]
            return entry
    return None


def _loaded(emitted: bytes | None) -> dict[str, Any] | None:
    """The data of an item file's quick JSON (None: no JSON, or not a mapping)."""
    if emitted is None:
        return None
    try:
        data = json.loads(emitted)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _first_entry(group: Group) -> Record | None:
    for records in group.entries.values():
        if records:
            return records[0]
    return group.text_materials[0][1] if group.text_materials else None


def _set_path(
    data: dict[str, Any],
    path: list[str],
    value: Any,
    model: Any,
    updating: bool,
    *,
    entry: bool = False,
) -> None:
    """Set ``value`` at ``path``, creating mappings on the way (a mapping on the way is
    copied, not changed: ``data`` may share it with the file's data). When the file lacks
    the key and the value is the field's default (步骤计时 是, 状态 在用), nothing is added,
    so that an import does not spell out defaults the file leaves implicit."""
    node: Any = data
    for key in path[:-1]:
        node = node.get(key)
        if not isinstance(node, dict):
            break
    else:
        if path[-1] in node and _same(node[path[-1]], value):
            return  # already so: nothing to copy
    node = data
    current = model
    for key in path[:-1]:
        child = node.get(key)
        child = node[key] = dict(child) if isinstance(child, dict) else {}
        node = child
        current = nested_model(current, key) or current
    leaf = path[-1]
    if leaf not in node:
        default = field_default(current, leaf)
        if (
            default is not PydanticUndefined
            and value == default
            and (updating or (entry and leaf == "counted"))
        ):
            return
    node[leaf] = value


def lookup_cell(cells: dict[str, Cell], pointer: str) -> Cell | None:
    """The cell a value at ``pointer`` came from: the pointer's own, or its nearest parent's."""
    probe = pointer
    while True:
        if probe in cells:
            return cells[probe]
        if not probe or "/" not in probe:
            return None
        probe = probe.rsplit("/", 1)[0]


def _child_cell(cells: dict[str, Cell], pointer: str) -> Cell | None:
    """The first cell carrying part of the value at ``pointer`` (实施主体 for /agency)."""
    prefix = pointer + "/"
    found = [cell for key, cell in cells.items() if key.startswith(prefix)]
    return min(found, key=lambda c: c.column) if found else None


def _header(record: Record, path: str) -> str:
    header = record.layout.by_path.get(path)
    if header is not None:
        return header.column.header
    column = record.layout.spec.column(path)
    return column.header if column is not None else path


def _column_for_pointer(pointer: str) -> tuple[str, str | None]:
    """The sheet and the column header that carry the value at ``pointer``, from the
    column definitions (the header is None when no column does)."""
    from catalog_tool.sheets.columns import ITEM_SHEET, SHEETS

    parts = [p for p in pointer.split("/") if p]
    if not parts:
        return ITEM_SHEET.name, None
    entries = next((s for s in SHEETS if s.entry and s.entry == parts[0]), None)
    if entries is not None and len(parts) >= 3 and parts[1].isdigit():
        column = entries.column(parts[2])
        return entries.name, column.header if column is not None else None
    dotted = ".".join(p for p in parts if not p.isdigit())
    column = ITEM_SHEET.column(dotted)
    if column is None and len(parts) == 1:  # the whole field: the column that gives it
        column = next((c for c in ITEM_SHEET.columns if c.decides == dotted), None)
    if column is None:
        column = next((c for c in ITEM_SHEET.columns if c.path.startswith(dotted + ".")), None)
        if column is not None:
            return ITEM_SHEET.name, str(Item.model_fields[parts[0]].title or column.header)
    if column is not None:
        return ITEM_SHEET.name, column.header
    return (entries or ITEM_SHEET).name, None
