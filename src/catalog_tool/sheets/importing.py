"""``catalog import``: department workbooks → item files.

read the file (:mod:`.reading`) → recognise each sheet and its header row (:mod:`.headers`)
→ rows to records, a diagnostic per unreadable cell (:mod:`.records`) → group the rows by
item (merged cells repeat an item over several rows; entry sheets refer to it by 基本编码)
→ decide per item (:mod:`.plan`) → write new and changed files atomically → validate the
items the workbook covers with every rule (a dry run validates the planned texts,
:mod:`.validating`).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from catalog_tool.catalog.layout import display_path, find_root
from catalog_tool.catalog.regions_file import load_regions
from catalog_tool.config import LoadedConfig
from catalog_tool.diagnostics import Diagnostic, Related, Severity
from catalog_tool.engine.gcpause import frozen, no_gc
from catalog_tool.errors import CatalogError
from catalog_tool.io.atomic import AtomicBatch
from catalog_tool.io.fast import quiet_stderr
from catalog_tool.io.lock import catalog_lock
from catalog_tool.report import Report
from catalog_tool.sheets.book import Book, Sheet, cell_name
from catalog_tool.sheets.columns import (
    MATERIALS_TEXT,
    SHEETS,
    SKIPPED_SHEETS,
    Role,
)
from catalog_tool.sheets.headers import Layout, detect, named_role, normalize_header
from catalog_tool.sheets.materials_text import parse_material, split_entries
from catalog_tool.sheets.paths import TargetPaths
from catalog_tool.sheets.plan import (
    Cell,
    Group,
    Outcome,
    Planned,
    cell_map,
    lookup_cell,
    plan_item,
)
from catalog_tool.sheets.problems import at_cell
from catalog_tool.sheets.read_ahead import ReadAhead, Reading
from catalog_tool.sheets.reading import read_book
from catalog_tool.sheets.records import Record, read_records
from catalog_tool.sheets.validating import validate_items
from catalog_tool.text import Text
from catalog_tool.workers import process_pool, worker_count

_CODE = re.compile(r"[0-9]{12}")
_MAYBE_SEVERAL = re.compile(r"[；;①-⑳]|.[0-9一二三四五六七八九十][.、．)）]")
"""What a cell listing several materials has (see :func:`split_entries`): a cheap test
before the split, on every row of the 申请材料 sheet."""
_UNIT = "time_limit.unit"
_DAYS = ("time_limit.legal_days", "time_limit.promised_days")
_UNIT_WORD = re.compile("工作日|自然日")


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import found and did."""

    source: str
    """The workbook, as shown to the user."""
    root: Path
    region: str
    dry_run: bool
    planned: tuple[Planned, ...]
    """One decision per item the workbook names, in workbook order."""
    problems: tuple[Diagnostic, ...]
    """Problems in the workbook, each at its sheet and cell."""
    report: Report | None = None
    """Findings of the items the workbook covers (new, changed and unchanged) after
    writing, or in a dry run as they would be after writing (None: no such item, or not
    checked)."""
    sheets: tuple[str, ...] = ()
    """Names of the sheets that were read, with what they were read as."""
    groups: dict[tuple[str, str], Group] = field(default_factory=dict, repr=False, compare=False)
    """What the workbook says about each item (to place findings at their cells)."""
    unplaced: int = 0
    """Rows not imported because no item could be named for them (each has a problem)."""

    def count(self, outcome: Outcome) -> int:
        """How many items had ``outcome``."""
        return sum(1 for p in self.planned if p.outcome is outcome)

    @property
    def written(self) -> tuple[Path, ...]:
        """Files written (or, in a dry run, that would be)."""
        return tuple(p.path for p in self.planned if p.outcome in (Outcome.NEW, Outcome.CHANGED))

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """Workbook problems, then the findings of the items the workbook covers."""
        return self.problems + (self.report.diagnostics if self.report is not None else ())

    def at_or_above(self, level: Severity) -> int:
        """How many diagnostics are at least as serious as ``level``."""
        return sum(1 for d in self.diagnostics if d.severity.rank >= level.rank)

    def placed(self) -> list[Diagnostic]:
        """What the report shows: the workbook's problems, then each finding of the covered
        items at the cell its value came from (the workbook as its file, the item file's
        place as its first related location), or at the item's row when it is about the
        item as a whole. A finding on a field the workbook did not carry keeps its place
        in the item file: that is where it is fixed."""
        by_key = {(p.region, p.code): p for p in self.planned}
        maps: dict[tuple[str, str], dict[str, Cell]] = {}
        placed = list(self.problems)
        for d in self.report.diagnostics if self.report is not None else ():
            key = (d.region or "", d.code or "")
            planned, group = by_key.get(key), self.groups.get(key)
            if planned is None or group is None:
                placed.append(d)
                continue
            if key not in maps:
                maps[key] = cell_map(group)
            cell = lookup_cell(maps[key], d.pointer)
            if cell is None and d.pointer in ("", "/"):
                cell = planned.row  # the item as a whole: its row
            if cell is None:
                placed.append(d)  # a field the workbook did not carry: fixed in the file
                continue
            in_file = Related(d.file or "", d.line, d.column, d.pointer)
            placed.append(
                replace(
                    d,
                    file=self.source,
                    line=cell.row,
                    column=cell.column,
                    sheet=cell.sheet,
                    cell=cell_name(cell.sheet, cell.row, cell.column),
                    related=(in_file, *d.related),
                )
            )
        return placed

    def in_cells(self) -> list[Diagnostic]:
        """The diagnostics :meth:`placed` puts at a cell of the workbook (for ``--annotate``)."""
        return [d for d in self.placed() if d.cell is not None]


def import_file(
    source: str | Path,
    *,
    region: str,
    root: str | Path = "items",
    dry_run: bool = False,
    config: LoadedConfig | None = None,
    validate: bool = True,
    jobs: int | None = None,
) -> ImportResult:
    """Import the workbook or CSV file ``source`` into the catalog at ``root``.

    ``region`` is the region of rows without a 区划代码; rows that give one must name
    ``region`` or a region below it. With ``dry_run`` nothing is written; otherwise the
    catalog's lock (:func:`~catalog_tool.io.lock.catalog_lock`) is held while the item files
    are read and written, and every target path is one
    :func:`~catalog_tool.catalog.layout.item_path` accepts (a row whose code or region would
    lead outside the catalog is a finding on its cell). Raises :class:`CatalogError` for
    unusable input or a catalog locked by another writer (exit code 2).
    """
    path = Path(source)
    catalog = find_root(Path(root))
    tree = load_regions(catalog)[0]
    if region not in tree:
        raise CatalogError(
            Text(f"区划 {region} 不在 {catalog}/regions.yaml 中", f"region {region} is not in {catalog}/regions.yaml"),
            Text("检查 --region,或先在 regions.yaml 中添加该区划。", "Check --region, or add the region to regions.yaml."),
        )  # fmt: skip
    allowed = frozenset({region, *tree.descendants(region)})
    # A real import holds the catalog's lock from reading the item files it updates until
    # the last write, so that a concurrent import or merge cannot interleave with it (the
    # second one stops at once with a message naming the holder). A dry run writes nothing.
    lock = contextlib.nullcontext() if dry_run else catalog_lock(catalog, "catalog import")
    # Millions of cell objects and no cycles among them: the cyclic collector would only
    # walk them again and again. Once read, the records stay as they are until the import
    # ends: frozen, the collector leaves them alone (two full walks cost about 2 s of a
    # 55k import) and so do the planning workers' collectors, which would otherwise copy
    # every page they share with this process.
    with contextlib.ExitStack() as stack:
        stack.enter_context(no_gc())
        with lock:
            reading = _start_reading_ahead(path, catalog, allowed, jobs)
            try:
                book = read_book(path, jobs=jobs)
                reader = _Reader(book, display_path(path), catalog, region, allowed)
                reader.read()
            finally:
                read_ahead = reading.result() if reading is not None else ReadAhead()
            reader.read_ahead = read_ahead
            stack.enter_context(frozen())
            planned = _plan_all(reader, list(reader.groups.values()), jobs)
            touched = [p for p in planned if p.outcome in (Outcome.NEW, Outcome.CHANGED)]
            if not dry_run:
                # Staged, flushed to disk with one sync, then renamed: a province's import
                # does not pay an fsync per file, and a failure while staging leaves every
                # file as it was.
                with AtomicBatch() as batch:
                    for item in touched:
                        if item.text is not None:
                            batch.write_text(item.path, item.text)
        problems = sorted(
            [*reader.problems, *(d for p in planned for d in p.problems)], key=reader.order
        )
        report = None
        # Every item the workbook covers is validated, changed or not: the report depends
        # on the workbook and the catalog, not on whether this run wrote the file. A dry
        # run validates the texts it would write, in a mirror of the catalog: it reports
        # what the import will (see :mod:`~catalog_tool.sheets.validating`).
        covered = [p.path for p in planned if p.outcome is not Outcome.REJECTED]
        if validate and covered:
            planned_texts = (
                {p.path: p.text for p in touched if p.text is not None} if dry_run else None
            )
            report = validate_items(catalog, config, covered, planned_texts)
    return ImportResult(
        source=display_path(path),
        root=catalog,
        region=region,
        dry_run=dry_run,
        planned=tuple(planned),
        problems=tuple(problems),
        report=report,
        sheets=tuple(reader.read_as),
        groups=reader.groups,
        unplaced=reader.unplaced,
    )


PARALLEL_THRESHOLD = 2000
"""Below this many items, worker processes cost more than they save."""
_CHUNK = 500
_READ_AHEAD_BYTES = 200_000
"""Workbooks this large hold about PARALLEL_THRESHOLD items or more (a 55k list is 5.7 MB)."""
_WORK: tuple[_Reader, list[Group]] | None = None
"""What forked workers plan: set before the pool starts, inherited by the workers."""


def _start_reading_ahead(
    source: Path, catalog: Path, allowed: frozenset[str], jobs: int | None
) -> Reading | None:
    """Item files of the import's regions read ahead while the workbook is read, when its
    size says that planning will run on workers (a small one does not pay for a process).
    The process is forked now, while this one is small: forked later, every page of the
    workbook this one then writes to would be copied."""
    workers = worker_count(jobs)
    try:
        size = source.stat().st_size
    except OSError:
        return None  # read_book says what is wrong
    if workers <= 1 or size < _READ_AHEAD_BYTES or os.name != "posix":
        return None
    if multiprocessing.current_process().daemon:
        return None  # a daemonic process (a pool's worker) may not start one
    try:
        return Reading([catalog / region for region in sorted(allowed)])
    except OSError:
        return None  # no process, pipe or memory file to be had: the planner reads them all


def _plan_all(reader: _Reader, groups: list[Group], jobs: int | None) -> list[Planned]:
    """Each item's decision, in workbook order; on worker processes when there are many
    (each reads and compares an item file, about 0.2 ms apiece). Call it with the records
    frozen (:func:`~catalog_tool.engine.gcpause.frozen`): the workers are forked."""
    global _WORK  # noqa: PLW0603 - handed to forked workers without pickling the workbook
    workers = worker_count(jobs)
    if workers <= 1 or len(groups) < PARALLEL_THRESHOLD or os.name != "posix":
        with quiet_stderr(), no_gc():
            return [reader.plan(group) for group in groups]
    _WORK = (reader, groups)
    try:
        bounds = [(i, min(i + _CHUNK, len(groups))) for i in range(0, len(groups), _CHUNK)]
        with process_pool(workers) as pool:
            decided = [d for batch in pool.map(_plan_slice, bounds) for d in batch]
    finally:
        _WORK = None
    return [
        Planned(g.region, g.code, outcome, path or g.path or reader.root, text, problems, row)
        for g, (outcome, path, text, problems, row) in zip(groups, decided, strict=True)
    ]


_Decided = tuple[Outcome, Path | None, str | None, tuple[Diagnostic, ...], Cell | None]
"""A worker's :class:`Planned` without what the parent knows (the path when it is the
group's): less to pickle for 55k items."""


def _plan_slice(bounds: tuple[int, int]) -> list[_Decided]:
    assert _WORK is not None
    reader, groups = _WORK
    decided: list[_Decided] = []
    with quiet_stderr(), no_gc():
        for group in groups[bounds[0] : bounds[1]]:
            p = reader.plan(group)
            path = None if p.path is group.path else p.path
            decided.append((p.outcome, path, p.text, p.problems, p.row))
    return decided


@dataclass
class _Reader:
    book: Book
    file: str
    root: Path
    region: str
    allowed: frozenset[str]
    problems: list[Diagnostic] = field(default_factory=list)
    groups: dict[tuple[str, str], Group] = field(default_factory=dict)
    read_as: list[str] = field(default_factory=list)
    paths: dict[tuple[str, str], Path] = field(default_factory=dict)
    """Each item's file, as :class:`TargetPaths` vetted it."""
    read_ahead: ReadAhead = field(default_factory=ReadAhead)
    """Item files read while the rows were (see :mod:`~catalog_tool.sheets.read_ahead`)."""
    unplaced: int = 0
    """Rows not imported because no item could be named for them (a missing or bad
    基本编码, a region outside the import, an entry of an item found nowhere)."""
    _regions_of: dict[str, list[str]] | None = None
    _target: TargetPaths | None = None

    def order(self, d: Diagnostic) -> tuple[int, int, int, str]:
        names = [s.name for s in self.book.sheets]
        index = names.index(d.sheet) if d.sheet in names else len(names)
        return (index, d.line, d.column, d.rule)

    def plan(self, group: Group) -> Planned:
        if group.rejected:
            anchor = group.rows[0] if group.rows else None
            row = Cell(anchor.sheet, anchor.row, anchor.first_column()) if anchor else None
            path = group.path or self.root / group.region / f"{group.code}.yaml"
            return Planned(group.region, group.code, Outcome.REJECTED, path, row=row)
        return plan_item(group, self.root, self.file, self.read_ahead)

    # -- sheets -------------------------------------------------------------------------------

    def read(self) -> None:
        layouts = self._layouts()
        for layout in layouts:
            if layout.spec.role is Role.ITEMS:
                self._item_sheet(layout)
        for layout in layouts:
            if layout.spec.role is not Role.ITEMS:
                self._entry_sheet(layout)
        # The records hold what planning needs: the cells (millions of objects) can go now,
        # which also spares the planning workers copying the pages they sit on.
        for sheet in self.book.sheets:
            sheet.rows.clear()

    def _layouts(self) -> list[Layout]:
        layouts: list[Layout] = []
        skipped = {normalize_header(n) for n in SKIPPED_SHEETS}
        for sheet in self.book.visible:
            if normalize_header(sheet.name) in skipped or not sheet.last_row:
                continue
            layout = detect(sheet)
            if layout is None:
                self._unrecognised(sheet)
                continue
            layouts.append(layout)
            self.read_as.append(f"{sheet.name} → {layout.spec.name}")
            self._header_notes(layout)
        for sheet in self.book.sheets:
            if sheet.hidden and sheet.last_row and detect(sheet) is not None:
                self._hidden_sheet(sheet)
        if not layouts:
            raise self._no_sheet()
        return layouts

    def _hidden_sheet(self, sheet: Sheet) -> None:
        """A warning for a hidden sheet that holds catalog data: it is not read (what the
        department cannot see is not imported), and nobody should wonder why. Hidden
        sheets without such a header (the lists behind drop-downs) say nothing."""
        self.problems.append(
            at_cell(
                "S002",
                Text(
                    f"工作表“{sheet.name}”是隐藏的,未导入",
                    f"sheet '{sheet.name}' is hidden; it was not imported",
                ),
                Text(
                    "要导入它,先取消隐藏(右键工作表标签 → 取消隐藏);不需要的表请删除。",
                    "To import it, unhide it (right-click a sheet tab, Unhide); delete sheets "
                    "that are not wanted.",
                ),
                file=self.file,
                sheet=sheet.name,
                row=1,
                column=1,
                severity=Severity.WARNING,
            )
        )

    def _unrecognised(self, sheet: Sheet) -> None:
        role = named_role(sheet)
        expected = next((s for s in SHEETS if s.role is role), None)
        wanted = "、".join(c.header for c in (expected or SHEETS[0]).written[:4])
        self.problems.append(
            at_cell(
                "S002",
                Text(
                    f"无法识别工作表“{sheet.name}”:前 30 行中没有表头行,已忽略",
                    f"sheet '{sheet.name}' not recognised: no header row in its first 30 rows; ignored",
                ),
                Text(
                    f"表头应包含 {wanted} 等标准名称(见 catalog export template 生成的模板)。",
                    f"The header row should name columns such as {wanted} "
                    "(see 'catalog export template').",
                ),
                file=self.file,
                sheet=sheet.name,
                row=1,
                column=1,
                severity=Severity.ERROR if role is not None else Severity.WARNING,
            )
        )

    def _no_sheet(self) -> CatalogError:
        names = "、".join(f"“{s.name}”" for s in self.book.visible) or "(无)"
        names_en = ", ".join(f"'{s.name}'" for s in self.book.visible) or "(none)"
        return CatalogError(
            Text(
                f"{self.file}:找不到可导入的工作表:{names} 都没有“事项名称”“基本编码”或"
                "“材料名称”等表头(隐藏的工作表不读取)",
                f"{self.file}: no sheet to import: {names_en} have no header row with 事项名称, "
                "基本编码 or 材料名称 (hidden sheets are not read)",
            ),
            Text(
                "请使用 catalog export template 生成的模板,或把表头改为标准名称。",
                "Use the template from 'catalog export template', or rename the headers.",
            ),
        )

    def _header_notes(self, layout: Layout) -> None:
        row = layout.header_row
        sheet = layout.sheet.name
        for header in layout.headers:
            if header.fuzzy:
                self.problems.append(
                    at_cell(
                        "S002",
                        Text(
                            f"表头“{header.text}”不是标准名称,按“{header.column.header}”读取",
                            f"header '{header.text}' is not standard; read as '{header.column.header}'",
                        ),
                        Text(
                            f"改为“{header.column.header}”。",
                            f"Rename it to {header.column.header}.",
                        ),
                        file=self.file,
                        sheet=sheet,
                        row=row,
                        column=header.index,
                        severity=Severity.WARNING,
                    )
                )
        for unknown in layout.unknown:
            if unknown.duplicate:
                message = Text(
                    f"表头“{unknown.text}”与前面的“{unknown.suggestion}”列重复,本列未导入",
                    f"header '{unknown.text}' repeats the '{unknown.suggestion}' column; not imported",
                )
                hint = Text("删除或合并重复的列。", "Delete or merge the repeated column.")
            else:
                message = Text(
                    f"无法识别的表头“{unknown.text}”,本列未导入",
                    f"unrecognised header '{unknown.text}'; the column is not imported",
                )
                close = f"是否应为“{unknown.suggestion}”?" if unknown.suggestion else ""
                close_en = f"Did you mean '{unknown.suggestion}'? " if unknown.suggestion else ""
                hint = Text(
                    f"{close}标准表头见 catalog export template 生成的模板。",
                    f"{close_en}The template from 'catalog export template' lists the headers.",
                )
            self.problems.append(
                at_cell(
                    "S002",
                    message,
                    hint,
                    file=self.file,
                    sheet=sheet,
                    row=row,
                    column=unknown.index,
                    severity=Severity.WARNING,
                )
            )

    # -- rows ---------------------------------------------------------------------------------

    def _item_sheet(self, layout: Layout) -> None:
        if "code" not in layout.by_path:
            self._missing_column(layout, "基本编码")
            return
        last: Group | None = None
        for record in read_records(layout, self.file, self.problems):
            self._unit_words(record)
            code, name = record.values.get("code"), record.values.get("name")
            continuation = code is None and name is None and "code" not in record.bad
            if continuation and MATERIALS_TEXT in record.values and last is not None:
                self._text_materials(last, record)  # a continuation row of merged cells
                if record.bad:
                    last.rejected = True
                continue
            key = self._key(record)
            if key is None:
                self.unplaced += 1
                continue
            group = self.groups.get(key)
            if group is None:
                group = self.groups[key] = Group(
                    key[0], key[1], rows=[record], path=self.paths[key]
                )
            elif not self._same_item(group.rows[0], record):
                group.rejected = True
                continue
            else:
                # The same item again (merged cells repeat it): its other cells add to it.
                for path, value in record.values.items():
                    group.rows[0].values.setdefault(path, value)
            if record.bad:
                group.rejected = True
            if MATERIALS_TEXT in record.values:
                self._text_materials(group, record)
            last = group

    def _unit_words(self, record: Record) -> None:
        """A time limit typed with a unit (30个自然日) that contradicts the row's 时限单位:
        an error at the cell, the row not imported (the number alone would be stored in the
        other unit)."""
        unit = record.values.get(_UNIT)
        if unit is None:
            return
        for path in _DAYS:
            column = record.column_of(path)
            raw = record.layout.sheet.value(record.row, column) if column else None
            typed = raw.strip() if isinstance(raw, str) else ""
            said = _UNIT_WORD.search(typed)
            if said is None or said.group(0) == unit or path not in record.values:
                continue
            header = record.layout.by_path[path].column.header
            other = "自然日" if said.group(0) == "工作日" else "工作日"
            record.bad.add(path)
            self._problem(
                "S004",
                Text(
                    f"“{header}”写的是“{typed}”,但本行“时限单位”是“{unit}”;该事项未导入",
                    f"'{header}' says '{typed}' but the row's 时限单位 is {unit}; "
                    "the item was not imported",
                ),
                Text(
                    f"二者要一致:把“时限单位”改为“{said.group(0)}”,或把天数换算为{other}"
                    "后只填数字。",
                    f"Make them agree: set 时限单位 to {said.group(0)}, or convert the days "
                    "and type the number alone.",
                ),
                record,
                column or 1,
            )

    def _text_materials(self, group: Group, record: Record) -> None:
        for entry in split_entries(str(record.values[MATERIALS_TEXT])):
            group.text_materials.append((parse_material(entry), record))

    def _same_item(self, first: Record, again: Record) -> bool:
        differing = [
            path
            for path, value in again.values.items()
            if path != MATERIALS_TEXT and path in first.values and first.values[path] != value
        ]
        if not differing:
            return True
        header = first.layout.by_path[differing[0]].column.header
        first_cell = cell_name(first.sheet, first.row, first.first_column())
        self._problem(
            "C003",
            Text(
                f"基本编码 {again.values.get('code')} 在 {first_cell} 已出现,两行的“{header}”不同;"
                "该事项未导入",
                f"基本编码 {again.values.get('code')} already appears at {first_cell} with a "
                f"different '{header}'; the item was not imported",
            ),
            Text(
                "同一事项只保留一行;多个办理情形请用不同的基本编码(子项)。",
                "Keep one row per item; situations of an item have their own codes.",
            ),
            again,
            again.first_column(),
        )
        return False

    def _entry_sheet(self, layout: Layout) -> None:
        if "code" not in layout.by_path:
            self._missing_column(layout, "基本编码")
            return
        role = layout.spec.role
        groups = self.groups
        for record in read_records(layout, self.file, self.problems):
            values = record.values
            if role is Role.MATERIALS and _MAYBE_SEVERAL.search(str(values.get("name", ""))):
                self._several_materials(record)
            # The usual row (hundreds of thousands of them): its item's group exists, and so
            # its region and code were vetted when the group was made.
            group = groups.get((values.get("region"), values.get("code")))  # type: ignore[arg-type]
            if group is not None:
                group.entries.setdefault(role, []).append(record)
                if record.bad:
                    group.rejected = True
                continue
            key = self._key(record, entry=True)
            if key is None:
                self.unplaced += 1
                continue
            group = self.groups.get(key)
            if group is None:
                if not self.paths[key].is_file():
                    column = record.column_of("code") or 1
                    self._problem(
                        "C001",
                        Text(
                            f"基本编码 {key[1]}(区划 {key[0]})在“事项”表和目录中都找不到",
                            f"基本编码 {key[1]} (region {key[0]}) is neither in the 事项 sheet "
                            "nor in the catalog",
                        ),
                        Text(
                            "检查编码;新事项须先在“事项”表中填写。",
                            "Check the code; a new item needs its row in the 事项 sheet.",
                        ),
                        record,
                        column,
                    )
                    self.unplaced += 1
                    continue
                group = self.groups[key] = Group(key[0], key[1], path=self.paths[key])
            group.entries.setdefault(role, []).append(record)
            if record.bad:
                group.rejected = True

    def _several_materials(self, record: Record) -> None:
        """A warning for a 材料名称 cell that lists several materials (1.…；2.…): the row is
        read as one material, with one basis, one form and one count for all of them."""
        name = str(record.values["name"])
        entries = split_entries(name)
        if len(entries) < 2:
            return
        header = record.layout.by_path["name"].column.header
        listed = "、".join(f"“{e}”" for e in entries)
        self._problem(
            "S003",
            Text(
                f"“{header}”写了 {len(entries)} 个材料({listed}),按一个材料导入",
                f"'{header}' lists {len(entries)} materials ({listed}); "
                "it was imported as one material",
            ),
            Text(
                "每个材料单独占一行,各自填写是否必要、材料形式、份数和依据。",
                "Give each material a row of its own, with its own 是否必要, form, copies "
                "and basis.",
            ),
            record,
            record.column_of("name") or 1,
            severity=Severity.WARNING,
        )

    def _key(self, record: Record, *, entry: bool = False) -> tuple[str, str] | None:
        code = record.values.get("code")
        given = record.values.get("region")
        if given in self.allowed and (given, code) in self.paths:
            return str(given), str(code)  # the usual row: a region and code vetted before
        code_column = record.column_of("code") or 1
        if code is None:
            if "code" not in record.bad:
                self._problem(
                    "S001",
                    Text(
                        "缺少基本编码,本行未导入", "基本编码 is missing; the row was not imported"
                    ),
                    Text(
                        "填写 12 位基本编码(列设为文本格式,以免丢失开头的 0)。",
                        "Fill in the 12-digit 基本编码 (format the column as Text to keep leading zeros).",
                    ),
                    record,
                    code_column,
                )
            return None
        if not _CODE.fullmatch(str(code)):
            self._problem(
                "C001",
                Text(
                    f"基本编码“{code}”应为 12 位数字,本行未导入",
                    f"基本编码 '{code}' must be 12 digits; the row was not imported",
                ),
                Text(
                    "按国家基本目录填写 12 位编码;列设为文本格式,以免丢失开头的 0。",
                    "Use the 12-digit code of the national catalog; format the column as Text.",
                ),
                record,
                code_column,
            )
            return None
        if given is None:
            if "region" in record.bad:
                return None
            region = self._entry_region(str(code)) if entry else self.region
        else:
            region = str(given)
            if region not in self.allowed:
                self._problem(
                    "C004",
                    Text(
                        f"区划代码 {region} 不是 {self.region} 或其下级区划,本行未导入",
                        f"region {region} is neither {self.region} nor below it; the row was not imported",
                    ),
                    Text(
                        "改为正确的区划代码,或用 --region 指定包含它的区划(regions.yaml 中的区划)。",
                        "Correct the code, or pass a --region that contains it (see regions.yaml).",
                    ),
                    record,
                    record.column_of("region") or code_column,
                )
                return None
        return self._vetted(region, str(code), record, code_column)

    def _vetted(
        self, region: str, code: str, record: Record, column: int
    ) -> tuple[str, str] | None:
        """The key of a row whose region and code can name a file inside the catalog (a
        finding at the cell, and None, for one that would lead outside it)."""
        key = (region, code)
        if key in self.paths:
            return key
        if self._target is None:
            self._target = TargetPaths(self.root)
        try:
            self.paths[key] = self._target(region, code)
        except CatalogError as refused:
            self._problem(
                "C004",
                refused.text,
                refused.hint or Text("", ""),
                record,
                record.column_of("region") or column,
            )
            return None
        return key

    def _entry_region(self, code: str) -> str:
        if self._regions_of is None:
            self._regions_of = {}
            for region, item_code in self.groups:
                self._regions_of.setdefault(item_code, []).append(region)
        regions = self._regions_of.get(code, [])
        return regions[0] if len(regions) == 1 else self.region

    def _missing_column(self, layout: Layout, header: str) -> None:
        self._problem(
            "S001",
            Text(
                f"“{layout.sheet.name}”表没有“{header}”列,整张表未导入",
                f"sheet '{layout.sheet.name}' has no '{header}' column; nothing in it was imported",
            ),
            Text(f"在表头行增加“{header}”列。", f"Add a '{header}' column to the header row."),
            None,
            1,
            sheet=layout.sheet.name,
            row=layout.header_row,
        )

    def _problem(
        self,
        rule: str,
        message: Text,
        hint: Text,
        record: Record | None,
        column: int,
        *,
        sheet: str = "",
        row: int = 1,
        severity: Severity | None = None,
    ) -> None:
        self.problems.append(
            at_cell(
                rule,
                message,
                hint,
                file=self.file,
                sheet=record.sheet if record is not None else sheet,
                row=record.row if record is not None else row,
                column=column,
                severity=severity,
            )
        )


def summary_rows(result: ImportResult) -> Sequence[tuple[Text, int]]:
    """The dry-run table: outcome and count."""
    return (
        (Text("新增", "new"), result.count(Outcome.NEW)),
        (Text("修改", "changed"), result.count(Outcome.CHANGED)),
        (Text("未变", "unchanged"), result.count(Outcome.UNCHANGED)),
        (Text("拒绝", "rejected"), result.count(Outcome.REJECTED)),
        *([(Text("未导入的行", "rows skipped"), result.unplaced)] if result.unplaced else []),
    )
