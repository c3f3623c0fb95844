"""Reporters: each renders a :class:`Report` to a stream it is given.

``REPORTER_BY_NAME`` is the one place to add a format.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TextIO

from catalog_tool.render import github, json_report, junit, sarif, text
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

REPORTER_BY_NAME: dict[Format, Reporter] = {
    Format.TEXT: text.render,
    Format.JSON: json_report.render,
    Format.GITHUB: github.render,
    Format.SARIF: sarif.render,
    Format.JUNIT: junit.render,
}

__all__ = ["REPORTER_BY_NAME", "Format", "RenderOptions", "Reporter"]
