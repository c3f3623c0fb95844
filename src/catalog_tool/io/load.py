"""Read one YAML file: decode, then the fast or the careful reader, and say what was wrong."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from catalog_tool.io.compose import Composed, Problem, compose
from catalog_tool.io.decode import decode
from catalog_tool.io.fast import fast_load
from catalog_tool.io.nodes import Node


@dataclass(slots=True)
class Loaded:
    """A parsed YAML file."""

    text: str | None
    """The decoded text; None when the bytes are not text at all."""
    data: Any
    """The parsed value; None when unusable."""
    usable: bool
    """False when the file could not be read into a value."""
    problems: list[Problem] = field(default_factory=list)
    """Hygiene problems (encoding, syntax, duplicates, anchors …) with positions."""
    tree: Node | None = None
    """Node tree, when the careful reader ran (it did for every file with problems)."""

    def positions(self) -> Node | None:
        """The node tree, composing the text now if the fast reader was used."""
        if self.tree is None and self.text is not None:
            self.tree = compose(self.text).root
        return self.tree


def load_yaml(source: bytes, *, fast: bool = True) -> Loaded:
    """Read ``source``. Never raises on bad input: problems are in the result."""
    decoded = decode(source)
    if decoded.text is None or decoded.bad_offset is not None:
        problem = Problem(
            "not_utf8",
            decoded.line,
            decoded.column,
            {"gb18030": decoded.gb18030, "offset": decoded.bad_offset},
        )
        if decoded.text is None:
            return Loaded(text=None, data=None, usable=False, problems=[problem])
        result = _careful(decoded.text)
        result.problems.insert(0, problem)
        return result
    if fast and not decoded.bom:
        ok, data = fast_load(source)
        if ok:
            return Loaded(text=decoded.text, data=data, usable=True)
    return _careful(decoded.text)


def _careful(text: str) -> Loaded:
    composed: Composed = compose(text)
    return Loaded(
        text=text,
        data=composed.data,
        usable=composed.usable,
        problems=composed.problems,
        tree=composed.root,
    )
