"""Read one item file into a validated item: the fast reader when it can, else the careful one.

The one entry point for everything that reads items outside ``validate`` (diff, merge,
export, import, publishing): same readers, same guards, same validation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from catalog_tool.diagnostics import Finding
from catalog_tool.engine.filecheck import fast_emit, fast_item, fast_validate, problem_finding
from catalog_tool.engine.schema_check import check_model
from catalog_tool.io.load import load_yaml
from catalog_tool.model.item import Item, model_for_region


@dataclass(frozen=True, slots=True)
class ParsedItem:
    """What one item file holds."""

    item: Item | None
    """The validated item; None when the file is not a valid item (hygiene findings such
    as a duplicate key may come with a valid item)."""
    raw: Any = None
    """The parsed value as read (a dict for a readable file), for items that failed."""
    text: str | None = None
    """The decoded text (None when the file is not text)."""
    findings: tuple[Finding, ...] = field(default=())
    """Why the file is not a valid item (hygiene and schema findings, unpositioned)."""

    @property
    def data(self) -> Any:
        """The item as plain data: the validated fields, or the raw value."""
        if self.item is not None:
            return self.item.model_dump(mode="json", exclude_unset=True)
        return self.raw


def parse_item(source: bytes, folder: str, *, fast: bool = True) -> ParsedItem:
    """Read the bytes of an item file that lives in region folder ``folder``."""
    model = model_for_region(folder)
    if fast:
        found = fast_item(source, model)
        if found is not None:
            return ParsedItem(item=found[0], text=found[1])
    return _parse_carefully(source, folder, model)


def parse_items(batch: Sequence[tuple[bytes, str]]) -> list[ParsedItem]:
    """:func:`parse_item` for each ``(source, folder)``, stage by stage: every file is
    parsed, then every one validated (see :func:`catalog_tool.engine.filecheck.check_batch`
    for why that is faster)."""
    emitted = [fast_emit(source) for source, _ in batch]
    parsed = []
    for (source, folder), json_text in zip(batch, emitted, strict=True):
        model = model_for_region(folder)
        found = fast_validate(source, json_text, model)
        if found is not None:
            parsed.append(ParsedItem(item=found[0], text=found[1]))
        else:
            parsed.append(_parse_carefully(source, folder, model))
    return parsed


def _parse_carefully(source: bytes, folder: str, model: type[Item]) -> ParsedItem:
    loaded = load_yaml(source, fast=False)
    findings = [problem_finding(p) for p in loaded.problems]
    if not loaded.usable:
        return ParsedItem(item=None, raw=None, text=loaded.text, findings=tuple(findings))
    item, errors = check_model(model, loaded.data)
    findings.extend(errors)
    valid = item if isinstance(item, Item) else None
    return ParsedItem(item=valid, raw=loaded.data, text=loaded.text, findings=tuple(findings))
