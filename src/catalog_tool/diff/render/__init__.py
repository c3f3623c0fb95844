"""Renderers of diffs and drift reports: ``RENDERER_BY_NAME`` is the one place to add a format.

Text formats write to a text stream; ``xlsx`` writes bytes (``binary`` says which).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from catalog_tool.diff.model import DiffResult, DriftResult
from catalog_tool.diff.render import json_out, markdown, text, xlsx
from catalog_tool.render.options import RenderOptions


class DiffFormat(StrEnum):
    """Output formats of ``catalog diff``."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    XLSX = "xlsx"


@dataclass(frozen=True, slots=True)
class Renderer:
    """How one format renders a diff and a drift report."""

    diff: Callable[[DiffResult, Any, RenderOptions], None]
    drift: Callable[[DriftResult, Any, RenderOptions], None]
    binary: bool = False
    """True when the renderer writes bytes (a file must be given)."""


RENDERER_BY_NAME: dict[DiffFormat, Renderer] = {
    DiffFormat.TEXT: Renderer(text.render_diff, text.render_drift),
    DiffFormat.JSON: Renderer(json_out.render_diff, json_out.render_drift),
    DiffFormat.MARKDOWN: Renderer(markdown.render_diff, markdown.render_drift),
    DiffFormat.XLSX: Renderer(xlsx.render_diff, xlsx.render_drift, binary=True),
}

__all__ = ["RENDERER_BY_NAME", "DiffFormat", "RenderOptions", "Renderer"]
