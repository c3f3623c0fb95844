"""``catalog export xlsx``: the standardized item lists (事项清单) as one workbook.

Sheets 事项, 申请材料, 办理流程 and 收费项目 carry the template's columns, so the file
imports back unchanged; 汇总 counts the items by type and level. Items are read and their
rows rendered in worker processes (reading is most of the cost), and the workbook is
streamed by :mod:`catalog_tool.sheets.xlsx_write`.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any

from catalog_tool.catalog.layout import display_path, find_root, scan
from catalog_tool.catalog.read import parse_items
from catalog_tool.catalog.regions import RegionTree
from catalog_tool.catalog.regions_file import load_regions
from catalog_tool.diagnostics import Diagnostic, Finding, fill
from catalog_tool.errors import CatalogError
from catalog_tool.model.enums import ItemType, Level
from catalog_tool.model.item import Item
from catalog_tool.sheets.columns import (
    FEE_SHEET,
    HAS_FEES,
    ITEM_SHEET,
    MATERIAL_SHEET,
    ORDER,
    STEP_SHEET,
    SUMMARY_SHEET,
    Column,
    Kind,
    SheetSpec,
)
from catalog_tool.sheets.materials_text import join_entries
from catalog_tool.sheets.problems import severity_of
from catalog_tool.sheets.xlsx_write import (
    ColumnFormat,
    RowRenderer,
    Segment,
    SheetData,
    compress_rows,
    write_workbook,
)
from catalog_tool.text import Text
from catalog_tool.workers import process_pool, worker_count

_DATA_SHEETS = (ITEM_SHEET, MATERIAL_SHEET, STEP_SHEET, FEE_SHEET)
PARALLEL_THRESHOLD = 2000
"""Below this many items, worker processes cost more than they save."""
CHUNK = 1000


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What was exported."""

    path: Path
    items: int
    materials: int
    steps: int
    fees: int
    counts: dict[tuple[str, str], int]
    """(事项类型, 层级) → number of items."""
    skipped: tuple[Diagnostic, ...] = ()
    """Item files left out because they are not valid items (first problem of each)."""


_Skip = tuple[str, str, Text, Text | None, str, tuple[int, int]]
"""(file, rule, message, hint, pointer, (line, column)) of an item file left out."""


@dataclass
class _Chunk:
    """What one worker made of a batch of item files: a compressed segment per sheet."""

    segments: dict[str, Segment] = field(default_factory=dict)
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    skipped: list[_Skip] = field(default_factory=list)


def column_formats(spec: SheetSpec) -> list[ColumnFormat]:
    """How the columns of ``spec`` look in a written sheet."""
    return [
        ColumnFormat(c.header, c.width, text=c.kind is Kind.CODE, wrap=c.wraps)
        for c in spec.written
    ]


def export_xlsx(
    root: str | Path,
    output: str | Path,
    *,
    region: str | None = None,
    level: Level | None = None,
    jobs: int | None = None,
) -> ExportResult:
    """Write the items of the catalog at ``root`` to ``output``.

    ``region`` limits the export to that region and the regions below it; ``level`` to
    regions of that level. Items that are not valid are left out and listed in
    ``skipped``. The same catalog gives a byte-identical file.
    """
    catalog = find_root(Path(root))
    tree = load_regions(catalog)[0]
    files = _selected(catalog, tree, region, level)
    levels = {folder: tree.level(folder).value for folder in {f.split("/", 1)[0] for f in files}}
    chunks = _read_all(catalog, files, levels, jobs)
    out = Path(output)
    sheets = [
        SheetData(spec.name, column_formats(spec), [c.segments[spec.name] for c in chunks])
        for spec in _DATA_SHEETS
    ]
    counts: Counter[tuple[str, str]] = Counter()
    for chunk in chunks:
        counts.update(chunk.counts)
    sheets.append(_summary(counts))
    title = f"政务服务事项清单 {region or ''}".strip()
    write_workbook(out, sheets, title=title)
    skipped = tuple(
        Diagnostic(
            rule=rule,
            severity=severity_of(rule),
            message=message,
            hint=hint,
            file=display_path(catalog / file),
            line=line,
            column=column,
            pointer=pointer,
        )
        for chunk in chunks
        for file, rule, message, hint, pointer, (line, column) in chunk.skipped
    )
    rows = {
        spec.name: sum(s.rows for s in sheet.segments)
        for spec, sheet in zip(_DATA_SHEETS, sheets, strict=False)
    }
    return ExportResult(
        path=out,
        items=rows[ITEM_SHEET.name],
        materials=rows[MATERIAL_SHEET.name],
        steps=rows[STEP_SHEET.name],
        fees=rows[FEE_SHEET.name],
        counts=dict(counts),
        skipped=skipped,
    )


def _selected(root: Path, tree: RegionTree, region: str | None, level: Level | None) -> list[str]:
    if region is not None and region not in tree:
        raise CatalogError(
            Text(f"区划 {region} 不在 regions.yaml 中", f"region {region} is not in regions.yaml"),
            Text("检查 --region。", "Check --region."),
        )
    wanted = {region, *tree.descendants(region)} if region is not None else None
    files = []
    for file in scan(root).items:
        folder = file.split("/", 1)[0]
        if wanted is not None and folder not in wanted:
            continue
        if level is not None and tree.level(folder) is not level:
            continue
        files.append(file)
    return files


def _read_all(
    root: Path, files: list[str], levels: dict[str, str], jobs: int | None
) -> list[_Chunk]:
    batches = [files[i : i + CHUNK] for i in range(0, len(files), CHUNK)]
    workers = worker_count(jobs)
    if workers <= 1 or len(files) < PARALLEL_THRESHOLD:
        return [_read_chunk(root, batch, levels) for batch in batches]
    with process_pool(workers) as pool:
        return list(pool.map(_read_chunk, [root] * len(batches), batches, [levels] * len(batches)))


def _read_chunk(root: Path, files: Sequence[str], levels: dict[str, str]) -> _Chunk:
    from catalog_tool.engine.filecheck import read_limited
    from catalog_tool.engine.pool import no_gc
    from catalog_tool.io.fast import quiet_stderr

    chunk = _Chunk()
    items, *entry_renderers = _renderers()
    rendered: list[list[str]] = [[] for _ in _DATA_SHEETS]
    with quiet_stderr(), no_gc():
        sources: list[tuple[bytes, str]] = []
        readable: list[str] = []
        # Plain strings, not paths: pathlib costs more than the read itself (50 → 15 µs).
        prefix = f"{root}{os.sep}"
        for file in files:
            source = read_limited(prefix + file, root)
            if isinstance(source, Finding):
                chunk.skipped.append(_unread(file, source))
                continue
            sources.append((source, file.split("/", 1)[0]))
            readable.append(file)
        # Stage by stage: all files are parsed, then each sheet's rows rendered for all
        # items (each stage's code stays in the processor's caches).
        valid: list[Item] = []
        for file, (_, folder), parsed in zip(readable, sources, parse_items(sources), strict=True):
            if parsed.item is None:
                first = parsed.findings[0] if parsed.findings else None
                if first is not None:
                    message = fill(first.message, first.params)
                    hint = fill(first.hint, first.params) if first.hint is not None else None
                    where = _position(root, file, first, parsed.text)
                    chunk.skipped.append((file, first.code, message, hint, first.pointer, where))
                continue
            valid.append(parsed.item)
            chunk.counts[(str(parsed.item.type), levels[folder])] += 1
        rendered[0].extend(items.render_object(item) for item in valid)
        for index, (spec, entry_renderer) in enumerate(
            zip(_DATA_SHEETS[1:], entry_renderers, strict=True), start=1
        ):
            render = entry_renderer.render_object
            for item in valid:
                entries = getattr(item, spec.entry)
                if entries:
                    code, region = item.code, item.region
                    rendered[index].extend(
                        render(entry, (code, region, number))
                        for number, entry in enumerate(entries, start=1)
                    )
        for spec, rows in zip(_DATA_SHEETS, rendered, strict=True):
            chunk.segments[spec.name] = compress_rows(rows)
    return chunk


def _unread(file: str, finding: Finding) -> _Skip:
    """The skipped entry of a file that could not be read (Y007: why)."""
    hint = fill(finding.hint, finding.params) if finding.hint is not None else None
    where = finding.position or (1, 1)
    return (file, finding.code, fill(finding.message, finding.params), hint, "", where)


def _position(root: Path, file: str, finding: Finding, text: str | None) -> tuple[int, int]:
    """Where ``finding`` is in ``file``: its own position, or its pointer's place."""
    if finding.position is not None:
        return finding.position
    from catalog_tool.engine.positions import Positioner

    positioner = Positioner(root)
    if text is not None:
        positioner.seed_text(file, text)
    return positioner.locate(file, finding.pointer)


Row = list[Any]


def _writer(column: Column) -> Callable[[Any], str | int | None] | None:
    """How a field value becomes the cell's value (None: as it is; lists are joined one
    entry per line by the renderer)."""
    if column.kind is Kind.BOOL:
        return lambda v: "是" if v else "否"
    if column.kind is Kind.NEED:
        return lambda v: "必要" if v is True else "非必要" if v is False else str(v)
    return None


def _getter(path: str) -> Callable[[Any], Any]:
    first, _, second = path.partition(".")
    if not second:
        return attrgetter(first)

    def nested(obj: Any) -> Any:
        parent = getattr(obj, first)
        return getattr(parent, second) if parent is not None else None

    return nested


def _joined(getter: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``getter`` for a list field: the entries one per line, as the cell shows them."""

    def joined(obj: Any) -> Any:
        value = getter(obj)
        if value.__class__ is not list:
            return value
        # The hot path (440k cells at 55k items): a plain join unless an entry has a line
        # break, which join_entries then parts by blank lines.
        for entry in value:
            if "\n" in entry:
                return join_entries(value)
        return "\n".join(value)

    return joined


def _fees_flag(item: Item) -> bool | None:
    """是否收费: None when the item does not say, else whether it lists fees."""
    return None if item.fees is None else bool(item.fees)


_KEYS = ("code", "region", ORDER)
"""Entry columns that come from the item and the entry's position, not from the entry."""


_RENDERERS: list[RowRenderer] = []
"""This process's renderers of the data sheets, kept from chunk to chunk: their caches of
finished cells then serve every chunk (an item's materials and steps repeat in every
region, which a chunk of one region's items does not show). 325 → 305 µs per item."""


def _renderers() -> list[RowRenderer]:
    if not _RENDERERS:
        _RENDERERS.extend(renderer(spec) for spec in _DATA_SHEETS)
    return _RENDERERS


def renderer(spec: SheetSpec) -> RowRenderer:
    """A renderer that reads ``spec``'s rows straight from items (or entries)."""
    columns = spec.written
    fields = [c for c in columns if c.path not in _KEYS] if spec.entry else list(columns)
    getters = [
        _fees_flag
        if c.path == HAS_FEES
        else _joined(_getter(c.path))
        if c.kind in (Kind.LIST, Kind.ENUM_LIST)
        else _getter(c.path)
        for c in fields
    ]
    return RowRenderer(column_formats(spec), getters, [_writer(c) for c in columns])


def item_rows(item: Item) -> tuple[Row, list[Row], list[Row], list[Row]]:
    """The cell values of one item: its 事项 row, and its material, step and fee rows."""
    row: Row = [
        _fees_flag(item) if c.path == HAS_FEES else _getter(c.path)(item)
        for c in ITEM_SHEET.written
    ]
    entries = []
    for spec in (MATERIAL_SHEET, STEP_SHEET, FEE_SHEET):
        fields = [c for c in spec.written if c.path not in _KEYS]
        rows = [
            [item.code, item.region, index, *(_getter(c.path)(entry) for c in fields)]
            for index, entry in enumerate(getattr(item, spec.entry) or (), start=1)
        ]
        entries.append(rows)
    return row, entries[0], entries[1], entries[2]


def _summary(counts: Counter[tuple[str, str]]) -> SheetData:
    levels = [lv.value for lv in Level if any(key[1] == lv.value for key in counts)]
    columns = [
        ColumnFormat("事项类型", 16),
        *(ColumnFormat(lv, 10) for lv in levels),
        ColumnFormat("合计", 10),
    ]
    renderer = RowRenderer(columns)
    rows: list[str] = []
    for item_type in ItemType:
        values = [counts.get((item_type.value, lv), 0) for lv in levels]
        rows.append(renderer.render([item_type.value, *values, sum(values)]))
    totals = [sum(counts.get((t.value, lv), 0) for t in ItemType) for lv in levels]
    rows.append(renderer.render(["合计", *totals, sum(totals)]))
    return SheetData(SUMMARY_SHEET, columns, [compress_rows(rows)], autofilter=False)
