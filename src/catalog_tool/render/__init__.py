"""Reporters: each renders a :class:`Report` to a stream it is given.

``REPORTER_BY_NAME`` is the one place to add a format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from enum import StrEnum
from importlib import import_module
from typing import TextIO

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

_MODULES: dict[Format, str] = {
    Format.TEXT: "text",
    Format.JSON: "json_report",
    Format.GITHUB: "github",
    Format.SARIF: "sarif",
    Format.JUNIT: "junit",
}


class _Reporters(Mapping[Format, Reporter]):
    """Format → reporter, each module imported when it is looked up: the text reporter
    brings rich, which a run writing JSON for CI should not load."""

    def __getitem__(self, fmt: Format) -> Reporter:
        reporter: Reporter = import_module(f"{__name__}.{_MODULES[Format(fmt)]}").render
        return reporter

    def __iter__(self) -> Iterator[Format]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


REPORTER_BY_NAME: Mapping[Format, Reporter] = _Reporters()

__all__ = ["REPORTER_BY_NAME", "Format", "RenderOptions", "Reporter"]
