"""The formats of ``catalog export guide`` (a light module: the CLI imports it at startup)."""

from __future__ import annotations

from enum import StrEnum


class GuideFormat(StrEnum):
    """Formats of ``catalog export guide``."""

    HTML = "html"
    DOCX = "docx"
    MD = "md"
    PDF = "pdf"
