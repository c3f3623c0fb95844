"""Find the line and column of a JSON pointer by reading the text, without a YAML parser.

Composing a node tree costs about 3 ms a file even with libyaml; this reader of the text
costs a few microseconds. It understands block mappings, block sequences and flow
collections that sit on one line, which is how item files are written. Anything else
(multi-line flow, block scalars in the way, odd indentation) makes it answer None, and
the caller composes the file instead. A differential test holds it to the composer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEY = re.compile(
    r"""(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s"'#\[\]{},:][^:#]*?))"""  # the key
    r"""[ \t]*:(?:[ \t]|$)"""
)


@dataclass(frozen=True, slots=True)
class _Line:
    number: int
    """1-based line number."""
    indent: int
    """0-based column where the content starts."""
    content: str


def _content_lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.lstrip(" ")
        if not stripped or stripped.startswith("#") or stripped.rstrip("\r") in ("---", "..."):
            continue
        if "\t" in raw[: len(raw) - len(stripped)]:
            return []
        out.append(_Line(number, len(raw) - len(stripped), stripped.rstrip("\r")))
    return out


def _entries(lines: list[_Line]) -> list[_Line]:
    """Lines of a block, with each ``- `` entry's content as a line of its own (virtual)."""
    out: list[_Line] = []
    for line in lines:
        content, indent = line.content, line.indent
        out.append(line)
        while content.startswith("- ") or content == "-":
            rest = content[2:].lstrip(" ")
            indent += len(content) - len(rest)
            content = rest
            if not content:
                break
            out.append(_Line(line.number, indent, content))
    return out


def locate_text(text: str, tokens: list[str]) -> tuple[int, int] | None:
    """The 1-based (line, column) of the pointer ``tokens``, or None when unsure."""
    lines = _entries(_content_lines(text))
    if not lines:
        return None
    block = lines
    pos = (block[0].number, block[0].indent + 1)
    head: _Line | None = None  # the line whose value is the current node
    for i, token in enumerate(tokens):
        if head is not None and _inline_value(head) is not None:
            return _locate_flow(head, _inline_value(head) or "", tokens[i:], pos)
        if not block:
            return pos
        indent = block[0].indent
        siblings = [line for line in block if line.indent == indent]
        if block[0].content.startswith("-"):
            if not token.isdigit():
                return pos
            dashes = [line for line in siblings if line.content.startswith("-")]
            index = int(token)
            if index >= len(dashes):
                return pos
            entry = dashes[index]
            children = _children(block, entry)
            if not children or children[0].number != entry.number:
                return None  # an entry whose content starts on a later line
            first = children[0]
            pos = (first.number, first.indent + 1)
            head, block = _as_value(first, children)
            continue
        found = None
        for line in siblings:
            match = _KEY.match(line.content)
            if match and _key_text(match) == token:
                found = line
                break
        if found is None:
            return pos
        pos = (found.number, found.indent + 1)
        head = found
        block = _children(block, found)
    return pos


def _children(block: list[_Line], parent: _Line) -> list[_Line]:
    """Lines below ``parent`` (deeper, or its own entry content), up to its next sibling."""
    start = block.index(parent)
    out: list[_Line] = []
    for line in block[start + 1 :]:
        if line.indent <= parent.indent and line.number != parent.number:
            break
        if line.number == parent.number and line.indent <= parent.indent:
            continue
        out.append(line)
    if parent.content.startswith("-"):
        return [line for line in block[start + 1 :] if line.number == parent.number][:1] + [
            line for line in out if line.number != parent.number
        ]
    return out


def _as_value(first: _Line, children: list[_Line]) -> tuple[_Line | None, list[_Line]]:
    """A sequence entry's value: a mapping starting on the dash line, or a scalar/flow."""
    if _KEY.match(first.content):
        return None, children
    return first, []


def _key_text(match: re.Match[str]) -> str:
    if match.group(1) is not None:
        return match.group(1)
    if match.group(2) is not None:
        return match.group(2).replace("''", "'")
    return match.group(3).rstrip()


def _inline_value(line: _Line) -> str | None:
    """The text of a line's value when it is a flow collection on that line."""
    match = _KEY.match(line.content)
    value = line.content[match.end() :] if match else line.content
    value = value.lstrip(" ")
    return value if value.startswith(("{", "[")) else None


def _locate_flow(
    line: _Line, value: str, tokens: list[str], pos: tuple[int, int]
) -> tuple[int, int] | None:
    start = line.content.find(value) + line.indent
    scanner = _Flow(value)
    node = scanner.parse()
    if node is None:
        return None
    for token in tokens:
        if isinstance(node, _FlowMap):
            entry = node.entries.get(token)
            if entry is None:
                return pos
            pos = (line.number, start + entry[0] + 1)
            node = entry[1]
        elif isinstance(node, _FlowSeq):
            if not token.isdigit() or int(token) >= len(node.items):
                return pos
            column, node = node.items[int(token)]
            pos = (line.number, start + column + 1)
        else:
            return pos
    return pos


@dataclass(slots=True)
class _FlowMap:
    entries: dict[str, tuple[int, object]]


@dataclass(slots=True)
class _FlowSeq:
    items: list[tuple[int, object]]


class _Flow:
    """A tiny reader of one-line flow collections that keeps the column of each key/item."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0

    def parse(self) -> object | None:
        try:
            return self._value()
        except (IndexError, ValueError):
            return None

    def _skip(self) -> None:
        while self.i < len(self.text) and self.text[self.i] == " ":
            self.i += 1

    def _value(self) -> object:
        self._skip()
        ch = self.text[self.i]
        if ch == "{":
            return self._map()
        if ch == "[":
            return self._seq()
        return self._scalar()

    def _scalar(self) -> str:
        self._skip()
        ch = self.text[self.i]
        if ch in "\"'":
            end = self.i + 1
            while True:
                end = self.text.index(ch, end)
                if ch == "'" and self.text[end + 1 : end + 2] == "'":
                    end += 2
                    continue
                if ch == '"' and self.text[end - 1] == "\\":
                    end += 1
                    continue
                break
            value = self.text[self.i + 1 : end]
            self.i = end + 1
            return value
        start = self.i
        while self.i < len(self.text) and self.text[self.i] not in ",]}":
            if self.text[self.i] == ":" and self.text[self.i + 1 : self.i + 2] in (" ", ""):
                break
            self.i += 1
        return self.text[start : self.i].rstrip()

    def _map(self) -> _FlowMap:
        self.i += 1
        entries: dict[str, tuple[int, object]] = {}
        while True:
            self._skip()
            if self.text[self.i] == "}":
                self.i += 1
                return _FlowMap(entries)
            column = self.i
            key = self._scalar()
            self._skip()
            if self.text[self.i] != ":":
                raise ValueError("flow mapping without ':'")
            self.i += 1
            value = self._value()
            entries.setdefault(key, (column, value))
            self._skip()
            if self.text[self.i] == ",":
                self.i += 1

    def _seq(self) -> _FlowSeq:
        self.i += 1
        items: list[tuple[int, object]] = []
        while True:
            self._skip()
            if self.text[self.i] == "]":
                self.i += 1
                return _FlowSeq(items)
            column = self.i
            items.append((column, self._value()))
            self._skip()
            if self.text[self.i] == ",":
                self.i += 1
