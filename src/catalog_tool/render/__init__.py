"""Reporters: each renders a :class:`Report` to a stream it is given.

``REPORTER_BY_NAME`` is the one place to add a format.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import TextIO

from catalog_tool.lazy import LazyTable
from catalog_tool.render.options import RenderOptions
from catalog_tool.report import Report


class Format(StrEnum):
    """Output formats of ``catalog validate``."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"
    JUNIT = "junit"

    @property
    def machine_readable(self) -> bool:
        """True for formats other programs parse (no progress output next to them)."""
        return self is not Format.TEXT


Reporter = Callable[[Report, TextIO, RenderOptions], None]

# Each reporter's module loads when its format is asked for: the text reporter brings
# rich, which a run writing JSON for CI should not load.
REPORTER_BY_NAME: Mapping[Format, Reporter] = LazyTable(
    {
        Format.TEXT: (f"{__name__}.text", "render"),
        Format.JSON: (f"{__name__}.json_report", "render"),
        Format.GITHUB: (f"{__name__}.github", "render"),
        Format.SARIF: (f"{__name__}.sarif", "render"),
        Format.JUNIT: (f"{__name__}.junit", "render"),
    }
)

__all__ = ["REPORTER_BY_NAME", "Format", "RenderOptions", "Reporter"]
