"""The legal level of a citation: from the registry, or failing that from its wording."""

from __future__ import annotations

import re

from catalog_tool.legal.citation import Citation
from catalog_tool.legal.registry import LawLevel, LawRegistry

_STATE_COUNCIL_DECISION = re.compile(r"^国务院.*决定$")
_RULE_ENDINGS = ("办法", "规定", "细则", "规则", "实施意见")


def level_from_wording(citation: Citation) -> LawLevel | None:
    """A best guess from the title or document number, for laws the registry lacks."""
    title = citation.title_key or ""
    if title:
        if _STATE_COUNCIL_DECISION.match(title):
            return LawLevel.STATE_COUNCIL_DECISION
        if title.endswith(_RULE_ENDINGS):
            return LawLevel.DEPARTMENTAL_RULE
        if title.endswith("条例"):
            return LawLevel.ADMINISTRATIVE_REGULATION
        if title.endswith("法"):
            return LawLevel.LAW
        if title.endswith(("通知", "意见", "决定", "批复", "公告")):
            return LawLevel.NORMATIVE_DOCUMENT
        return None
    if citation.doc_number is not None:
        return LawLevel.NORMATIVE_DOCUMENT
    return None


def citation_level(citation: Citation, laws: LawRegistry) -> tuple[LawLevel | None, bool]:
    """The level of ``citation`` and whether the registry knew it (False: from wording)."""
    if citation.title is not None:
        record = laws.find(citation.title)
        if record is not None:
            return record.level, True
    return level_from_wording(citation), False
