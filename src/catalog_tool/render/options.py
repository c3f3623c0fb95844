"""Options every reporter accepts."""

from __future__ import annotations

from dataclasses import dataclass

from catalog_tool.text import Lang


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How to render: language, colour for terminals, and the command that checked."""

    lang: Lang = Lang.ZH
    color: bool | None = None
    """None: decide from the stream (colour on terminals only)."""
    command: str = "catalog validate"
    """What produced the report, for formats that name it (the JUnit suite)."""
