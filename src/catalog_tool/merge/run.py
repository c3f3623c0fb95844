"""``catalog_tool.merge(root)``: carry upstream changes down into descendant items.

Regions are merged from the top down (a province before its cities, a city before its
counties), so one run carries a national change all the way down: each county merges
against its city as the city will be after the merge. Every local item is merged with its
nearest upstream item of the same code (:mod:`catalog_tool.merge.threeway`), against the
base recorded in ``synced_from`` (:mod:`catalog_tool.merge.base`); the new base is
recorded after each merge, so a second run is a no-op.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from catalog_tool.catalog.layout import item_path
from catalog_tool.diff.fields import clean, same
from catalog_tool.diff.local import LocalCatalog, LocalItem
from catalog_tool.diff.matching import read_version
from catalog_tool.engine.positions import Positioner
from catalog_tool.engine.suppress import parse as parse_suppressions
from catalog_tool.errors import CatalogError
from catalog_tool.io.atomic import AtomicBatch
from catalog_tool.io.decode import decode
from catalog_tool.io.lock import catalog_lock
from catalog_tool.merge.apply import record_sync, render_new, rewrite
from catalog_tool.merge.base import Bases, content_hash
from catalog_tool.merge.model import (
    FieldMerge,
    ItemMerge,
    ItemState,
    MergeResult,
    MissingItem,
    Strategy,
)
from catalog_tool.merge.ownership import upstream_projection
from catalog_tool.merge.threeway import Deliberate, Outcome, merge_item
from catalog_tool.model.codes import CODE_PATTERN, NATIONAL_REGION
from catalog_tool.model.enums import Status
from catalog_tool.text import Text

_CODE = re.compile(CODE_PATTERN)
_BLOCKING = frozenset({"Y001", "Y002", "Y004"})
"""Hygiene problems that make a file unsafe to rewrite: bad syntax, duplicate keys,
anchors and aliases."""
_RULE_OF = {
    "name": "F001",
    "type": "F002",
    "basis": "F003",
    "steps": "F005",
    "materials": "F006",
    "conditions": "F006",
}
"""The rule that reports a local deviation in each field (a suppression of it marks the
local value deliberate)."""


def merge(
    target: str | Path = "items",
    *,
    from_region: str | None = None,
    into: Sequence[str] = (),
    write: bool = True,
    strategy: Strategy | str | None = None,
    create: bool = False,
    texts: bool = False,
) -> MergeResult:
    """Merge upstream changes into the local items of the catalog at ``target``.

    ``from_region`` limits the merge to items whose nearest upstream item is in that
    region; ``into`` limits it to those regions (default: every region below the national
    catalog, or below ``from_region``). ``write=False`` computes everything and writes
    nothing (``--dry-run``, ``--check``). ``strategy`` resolves conflicts (``ours`` or
    ``theirs``); without it an item with a conflict is left untouched. ``create`` writes
    stub files in the ``into`` regions for upstream items they lack. ``texts`` keeps each
    changed file's text before and after in the result (for ``--dry-run``); without it
    a check computes no new text at all, and a merge holds none in memory.
    """
    chosen = _strategy(strategy)
    catalog = LocalCatalog(target)
    for region in [*([from_region] if from_region else []), *into]:
        catalog.require_region(region)
    if create and not into:
        raise CatalogError(
            Text("--create 需要同时用 --into 指定区划", "--create needs --into REGION"),
            Text(
                "为避免一次给所有区划建立桩文件,请指定区划,如 --into 370811。",
                "Name the regions to create stubs in, e.g. --into 370811.",
            ),
        )
    job = _Merge(catalog, from_region, chosen, write, texts)
    lock = catalog_lock(catalog.root, "catalog merge") if write else contextlib.nullcontext()
    with lock, job.files:
        try:
            for region in _targets(catalog, from_region, into):
                job.region(region)
                if region in into:
                    job.missing_in(region, create)
        finally:
            job.bases.close()
    return MergeResult(
        root=catalog.root,
        checked=job.checked,
        items=tuple(sorted(job.items, key=lambda i: i.file)),
        written=write,
        strategy=chosen,
        missing=tuple(job.missing),
    )


def _strategy(value: Strategy | str | None) -> Strategy | None:
    if value is None:
        return None
    try:
        return Strategy(value)
    except ValueError:
        raise CatalogError(
            Text(
                f"--strategy 只能是 ours 或 theirs,不是 {value}",
                f"--strategy must be ours or theirs, not {value}",
            ),
            Text(
                "ours 保留本级的值,theirs 采用上级的值。",
                "ours keeps the local value, theirs takes upstream's.",
            ),
        ) from None


def _targets(catalog: LocalCatalog, from_region: str | None, into: Sequence[str]) -> list[str]:
    tree = catalog.regions
    if into:
        regions = list(dict.fromkeys(into))
    elif from_region is not None:
        regions = list(tree.descendants(from_region))
    else:
        regions = [r.code for r in tree if r.code != NATIONAL_REGION]
    return sorted(regions, key=lambda r: (len(tree.upstream(r)), r))


class _Merge:
    """The state of one merge run: merged upstream data for the cascade, and results."""

    def __init__(
        self,
        catalog: LocalCatalog,
        from_region: str | None,
        strategy: Strategy | None,
        write: bool,
        texts: bool = False,
    ) -> None:
        self.catalog = catalog
        self.root = catalog.root
        self.from_region = from_region
        self.strategy = strategy
        self.write = write
        self.texts = texts
        self.bases = Bases(catalog.root)
        self.files = AtomicBatch()
        """Every write of the run: flushed to disk once, then renamed into place."""
        self.current: dict[str, Mapping[str, Any]] = {}
        """Upstream data as merged in this run (so a county merges against its new city)."""
        self.items: list[ItemMerge] = []
        self.missing: list[MissingItem] = []
        self.checked = 0
        self.positions = Positioner(catalog.root)

    def data_of(self, item: LocalItem) -> Mapping[str, Any] | None:
        """An item's data as it stands in this run."""
        return self.current.get(item.file, item.version.data)

    def region(self, region: str) -> None:
        """Merge every item of ``region``."""
        for local in self.catalog.items_in(region):
            result = self.item(local)
            if result is not None:
                self.items.append(result)
        if not self.catalog.regions.children(region):
            self.catalog.release(region)  # nothing below merges against these

    def item(self, local: LocalItem) -> ItemMerge | None:
        """Merge one local item; None when it is up to date or has no upstream item."""
        version = local.version
        if version.data is None or version.code is None:
            return self._skipped(
                local, Text("文件不是可读的事项", "the file is not a readable item")
            )
        upstream = self.catalog.upstream(version.region, version.code)
        if upstream is None:
            return None
        blocking = [code for code in version.hygiene if code in _BLOCKING]
        if blocking:
            codes = ", ".join(blocking)
            return self._skipped(
                local,
                Text(
                    f"先修正文件问题 {codes}(catalog validate 会指出位置),再合并",
                    f"fix {codes} first (catalog validate shows where), then merge",
                ),
            )
        if self.from_region is not None and upstream.version.region != self.from_region:
            return None
        theirs = self.data_of(upstream)
        if theirs is None:
            note = Text(
                f"上级文件 {upstream.file} 无法读取", f"cannot read upstream {upstream.file}"
            )
            return self._skipped(local, note)
        source = self.catalog.source(local)
        if source is None:
            changed = Text("文件在合并过程中被改动,请重新运行", "the file changed during the merge")
            return self._skipped(local, changed)
        text = decode(source).text
        if text is None:
            return self._skipped(local, Text("文件不是 UTF-8 文本", "the file is not UTF-8 text"))
        self.checked += 1
        ours = version.data
        base, found = self._base(upstream, version.code, ours, theirs)
        self.positions.seed_text(local.file, text)
        outcome = merge_item(
            base,
            theirs,
            ours,
            strategy=self.strategy,
            deliberate=self._deliberate(local, text),
            cleaned=True,
        )
        return self._finish(local, upstream, text, ours, theirs, outcome, found)

    def _base(
        self,
        upstream: LocalItem,
        code: str,
        ours: Mapping[str, Any],
        theirs: Mapping[str, Any],
    ) -> tuple[Mapping[str, Any] | None, bool | None]:
        record = ours.get("synced_from")
        if not isinstance(record, Mapping) or not isinstance(record.get("hash"), str):
            return None, None
        region = record.get("region")
        if region == upstream.version.region or not isinstance(region, str):
            file = upstream.file
        else:
            file = f"{region}/{code}.yaml"
        at_hand = [theirs] + ([upstream.version.data] if upstream.version.data else [])
        base = self.bases.find(file, record["hash"], at_hand)
        return base, base is not None

    def _deliberate(self, local: LocalItem, text: str) -> Deliberate:
        suppressions, _ = parse_suppressions(text)
        if not suppressions:
            return lambda pointer, field: False

        def deliberate(pointer: str, field: str) -> bool:
            rule = _RULE_OF.get(field, "F")
            lines = {self._line(local.file, pointer), self._line(local.file, f"/{field}")}
            return any(s.covers(rule, line) for s in suppressions for line in lines)

        return deliberate

    def _line(self, file: str, pointer: str) -> int:
        return self.positions.locate(file, pointer)[0]

    def _finish(
        self,
        local: LocalItem,
        upstream: LocalItem,
        text: str,
        ours: Mapping[str, Any],
        theirs: Mapping[str, Any],
        outcome: Outcome,
        found: bool | None,
    ) -> ItemMerge | None:
        version = local.version
        notes = list(_notes(outcome, found, ours))
        conflicts = tuple(self._located(local.file, c) for c in outcome.conflicts)
        common = {
            "file": self.root / local.file,
            "region": version.region,
            "code": version.code or "",
            "name": version.name,
            "upstream_region": upstream.version.region,
            "upstream_file": self.root / upstream.file,
            "changes": tuple(self._located(local.file, c) for c in outcome.applied),
            "conflicts": conflicts,
            "base_found": found,
            "before": text if self.texts else "",
            "notes": tuple(notes),
        }
        keep = self.texts
        if conflicts and self.strategy is None:
            return ItemMerge(state=ItemState.CONFLICT, after=text if keep else "", **common)  # type: ignore[arg-type]
        merged = dict(outcome.merged)
        merged["synced_from"] = {
            "region": upstream.version.region,
            "hash": content_hash(theirs),
        }
        if self.catalog.regions.children(version.region):
            self.current[local.file] = merged  # the regions below merge against this
        if same(merged, ours):
            return None
        if not (self.write or keep):
            return ItemMerge(state=ItemState.UPDATED, **common)  # type: ignore[arg-type]
        try:
            after = self._text_of(local, text, merged)
        except CatalogError as error:
            return self._skipped(local, error.text)
        if after == text:
            return None
        if self.write:
            self.files.write_text(self.root / local.file, after)
        return ItemMerge(state=ItemState.UPDATED, after=after if keep else "", **common)  # type: ignore[arg-type]

    def _text_of(self, local: LocalItem, text: str, merged: Mapping[str, Any]) -> str:
        """The file's new text: the sync record alone is set on the text, anything else
        goes through the round-trip rewriter."""
        ours = local.version.data or {}
        record = merged["synced_from"]
        if same(_without_sync(merged), _without_sync(ours)):
            quick = record_sync(text, record["region"], record["hash"])
            if quick is not None:
                check = read_version(local.file, quick.encode("utf-8")).data
                if check is not None and same(clean(check), clean(merged)):
                    return quick
        return rewrite(text, merged, where=local.file)

    def _located(self, file: str, decision: FieldMerge) -> FieldMerge:
        if not decision.pointer:
            return decision
        return FieldMerge(
            decision.path,
            decision.action,
            decision.base,
            decision.ours,
            decision.theirs,
            decision.pointer,
            self._line(file, decision.pointer),
        )

    def _skipped(self, local: LocalItem, why: Text) -> ItemMerge:
        return ItemMerge(
            file=self.root / local.file,
            region=local.version.region,
            code=local.version.code or "",
            name=local.version.name,
            state=ItemState.SKIPPED,
            notes=(why,),
        )

    def missing_in(self, region: str, create: bool) -> None:
        """Note (and with ``create``, stub) upstream items ``region`` has no item for."""
        info = self.catalog.regions.get(region)
        source = self.from_region or (info.parent if info is not None else None)
        if source is None:
            return
        for upstream in self.catalog.items_in(source):
            data = self.data_of(upstream)
            code = upstream.version.code
            if data is None or code is None or not _CODE.fullmatch(code):
                continue  # a code that is not 12 digits never names a new file
            if self.catalog.get(region, code) is not None:
                continue
            if data.get("status") == Status.CANCELLED.value:
                continue
            self.missing.append(MissingItem(region, code, upstream.version.name, source))
            if create:
                self.items.append(self._stub(region, code, upstream, data))

    def _stub(
        self, region: str, code: str, upstream: LocalItem, theirs: Mapping[str, Any]
    ) -> ItemMerge:
        data = {**upstream_projection(clean(theirs)), "code": code, "region": region}
        data["synced_from"] = {"region": upstream.version.region, "hash": content_hash(theirs)}
        header = [
            "yaml-language-server: $schema=../../schemas/item.schema.json",
            f"由 catalog merge --create 从 {upstream.file} 建立:请补充实施主体、办理地点等本地要素。",
        ]
        text = render_new(data, header)
        path = item_path(self.root, region, code)
        if self.write:
            self.files.write_text(path, text)
        return ItemMerge(
            file=path,
            region=region,
            code=code,
            name=upstream.version.name,
            state=ItemState.CREATED,
            upstream_region=upstream.version.region,
            upstream_file=self.root / upstream.file,
            after=text,
        )


def _without_sync(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in clean(data).items() if k != "synced_from"}


def _notes(outcome: Outcome, found: bool | None, ours: Mapping[str, Any]) -> Iterator[Text]:
    if found is False:
        yield Text(
            "记录的同步版本(synced_from)在上级文件和 git 历史中都找不到,按首次同步处理",
            "the recorded synced_from version is in neither the upstream file nor its git "
            "history: merged as a first sync",
        )
    if outcome.extras:
        listed = "、".join(outcome.extras)
        yield Text(
            f"{listed} 超出上级标准,已保留(catalog validate 报告 F006)",
            f"{listed} go beyond the upstream standard and stay (validate reports F006)",
        )
    legal = _days(outcome.merged, "legal_days")
    promised = _days(ours, "promised_days")
    if legal is not None and promised is not None and promised > legal:
        yield Text(
            f"承诺时限 {promised} 天超过新的法定时限 {legal} 天,请调整(T001)",
            f"promised days {promised} exceed the new legal limit of {legal} (T001)",
        )


def _days(data: Mapping[str, Any], key: str) -> int | None:
    limit = data.get("time_limit")
    value = limit.get(key) if isinstance(limit, Mapping) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None
