"""The careful YAML reader: libyaml events → values, a node tree, and hygiene problems.

It never expands aliases (no "billion laughs"), reports anchors, aliases, explicit tags,
duplicate keys, several documents and unquoted codes with exact positions, and types plain
scalars exactly as ruamel's YAML 1.2 loader does, so it is the reference for the fast path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.nodes import ScalarNode as RuamelScalar
from ruamel.yaml.reader import ReaderError

from catalog_tool.io import yaml_factory
from catalog_tool.io.nodes import MapNode, Node, ScalarNode, SeqNode
from catalog_tool.io.syntax_text import syntax_text

MAX_DEPTH = 64
"""Deeper nesting is rejected: no item needs more than a handful of levels."""

MAX_VALUES = 20_000
"""More values (scalars, lists, mappings) are rejected: an item with 30 materials has about
a thousand, and reading a file of hundreds of thousands of tiny values carefully would take
minutes."""

CODE_KEYS = frozenset(
    {"code", "region", "credit_code", "impl_code", "phone", "complaint_phone", "hash"}
)
"""Keys whose values are identifiers: written unquoted, YAML turns them into numbers."""

_NUMBER_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
_TYPED_TAGS = _NUMBER_TAGS | {
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9_]")


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with how a file is written, at a 1-based position."""

    kind: str
    """One of: syntax, tab, control_char, duplicate_key, anchor, alias, tag, multi_doc,
    unquoted_code, too_deep, too_many_values, complex_key."""
    line: int
    column: int
    params: dict[str, object] = field(default_factory=dict)


@dataclass(slots=True)
class Composed:
    """What the careful reader makes of a text."""

    data: Any = None
    """The value of the first document (None when empty or unreadable)."""
    root: Node | None = None
    """The node tree of that value, for positions."""
    problems: list[Problem] = field(default_factory=list)
    usable: bool = True
    """False when the text could not be read into a value at all."""


@dataclass(slots=True)
class _Frame:
    node: MapNode | SeqNode
    value: dict[str, Any] | list[Any]
    key: ScalarNode | None = None


def _mark(event: Any) -> tuple[int, int]:
    mark = event.start_mark
    return mark.line + 1, mark.column + 1


def _scalar(event: Any, key_name: str | None, problems: list[Problem]) -> tuple[ScalarNode, Any]:
    line, column = _mark(event)
    raw: str = event.value
    style: str = event.style or ""
    node = ScalarNode(line, column, raw=raw, style=style)
    if event.tag is not None and not any(event.implicit):
        problems.append(Problem("tag", line, column, {"tag": event.tag}))
        return node, raw
    if style:
        return node, raw
    tag = yaml_factory.resolver().resolve(RuamelScalar, raw, (True, False))
    # ruamel returns a Tag object: compare by its text (Tag hashes differently from str).
    tag_name = str(getattr(tag, "value", tag))
    if tag_name not in _TYPED_TAGS:
        return node, raw  # str, and YAML 1.1 leftovers such as "=" (tag:yaml.org,2002:value)
    if tag_name in _NUMBER_TAGS and (key_name in CODE_KEYS or _LEADING_ZERO.match(raw)):
        problems.append(Problem("unquoted_code", line, column, {"value": raw}))
        return node, raw
    value = yaml_factory.constructor().construct_object(RuamelScalar(tag, raw))
    return node, value


def compose(text: str) -> Composed:
    """Read ``text`` carefully. Never raises on bad input: problems are returned."""
    composer = _Composer()
    try:
        for event in yaml_factory.event_parser(text):
            if not composer.feed(event):
                break
    except YAMLError as err:
        composer.out.problems.append(_syntax_problem(err, text))
        composer.out.usable = False
        composer.out.data, composer.out.root = None, None
    return composer.out


def _syntax_problem(err: YAMLError, text: str) -> Problem:
    """Where and what: the parser's mark, or for a forbidden character its offset."""
    if isinstance(err, ReaderError):
        # ruamel names the character but gives no usable line and column (its offset
        # is not in characters): find the character itself.
        code = int(getattr(err, "character", 0))
        offset = max(text.find(chr(code)), 0)
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        return Problem("control_char", line, column, {"char": f"U+{code:04X}"})
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    line = mark.line + 1 if mark is not None else 1
    column = mark.column + 1 if mark is not None else 1
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        return Problem("tab", line, column)
    problem = str(getattr(err, "problem", None) or err).strip()
    return Problem("syntax", line, column, {"problem": syntax_text(problem)})


class _Composer:
    """Builds values and nodes from events, one event at a time."""

    def __init__(self) -> None:
        self.out = Composed()
        self.stack: list[_Frame] = []
        self.documents = 0
        self.values = 0

    def feed(self, event: Any) -> bool:
        """Take one event; False means stop reading."""
        problems = self.out.problems
        if isinstance(event, ScalarEvent | AliasEvent | MappingStartEvent | SequenceStartEvent):
            self.values += 1
            if self.values > MAX_VALUES:
                problems.append(Problem("too_many_values", *_mark(event), {"limit": MAX_VALUES}))
                self.out.usable = False
                self.out.data, self.out.root = None, None
                return False
        if isinstance(event, DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                problems.append(Problem("multi_doc", *_mark(event)))
                return False
            return True
        if isinstance(event, MappingStartEvent | SequenceStartEvent):
            return self._open(event)
        node: Node
        value: Any
        if isinstance(event, MappingEndEvent | SequenceEndEvent):
            done = self.stack.pop()
            node, value = done.node, done.value
        elif isinstance(event, ScalarEvent):
            if event.anchor is not None:
                problems.append(Problem("anchor", *_mark(event), {"anchor": event.anchor}))
            node, value = _scalar(event, self._key_name(), problems)
        elif isinstance(event, AliasEvent):
            # Never expanded: an alias reads as an empty value, and is reported.
            line, column = _mark(event)
            problems.append(Problem("alias", line, column, {"anchor": event.anchor}))
            node, value = ScalarNode(line, column, raw="*" + str(event.anchor)), None
        else:
            return True
        if self.stack:
            _attach(self.stack[-1], node, value, problems)
        else:
            self.out.root, self.out.data = node, value
        return True

    def _open(self, event: Any) -> bool:
        line, column = _mark(event)
        if event.anchor is not None:
            self.out.problems.append(Problem("anchor", line, column, {"anchor": event.anchor}))
        if len(self.stack) >= MAX_DEPTH:
            self.out.problems.append(Problem("too_deep", line, column, {"depth": MAX_DEPTH}))
            self.out.usable = False
            self.out.data, self.out.root = None, None
            return False
        if isinstance(event, MappingStartEvent):
            self.stack.append(_Frame(MapNode(line, column), {}))
        else:
            self.stack.append(_Frame(SeqNode(line, column), []))
        return True

    def _key_name(self) -> str | None:
        """The key whose value comes next, when inside a mapping."""
        if not self.stack:
            return None
        frame = self.stack[-1]
        if isinstance(frame.node, MapNode) and frame.key is not None:
            return frame.key.raw
        return None


def _attach(frame: _Frame, node: Node, value: Any, problems: list[Problem]) -> None:
    if isinstance(frame.node, SeqNode):
        assert isinstance(frame.value, list)
        frame.node.items.append(node)
        frame.value.append(value)
        return
    assert isinstance(frame.value, dict)
    if frame.key is None:
        if not isinstance(node, ScalarNode):
            problems.append(Problem("complex_key", node.line, node.column))
            node = ScalarNode(node.line, node.column, raw="?")
        frame.key = node
        return
    key, frame.key = frame.key, None
    first = frame.node.entries.get(key.raw)
    if first is not None:
        problems.append(
            Problem(
                "duplicate_key",
                key.line,
                key.column,
                {"key": key.raw, "first_line": first[0].line},
            )
        )
        return
    frame.node.entries[key.raw] = (key, node)
    frame.value[key.raw] = value
