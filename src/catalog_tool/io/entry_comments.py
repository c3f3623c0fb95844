"""Editing a YAML document's lists and mappings so that each comment stays with its entry.

ruamel keeps a comment line with the node *before* it: the previous entry's last value, or
for a list's first entry the key that holds the list. Deleting, inserting or moving
entries with ruamel's own operations therefore hands comments to the wrong entries. The
functions below first give every entry the lines above it as its own "pre" comment
(which ruamel writes above the entry), so the lines travel with their entry.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

Entry = tuple[int | None, Any]
"""A list entry to write: the index it had in the list (None for a new entry), and its node."""


def replace_entries(parent: CommentedMap, key: Any, entries: Sequence[Entry]) -> None:
    """Make the list ``parent[key]`` hold ``entries``, in this order, each entry taken from
    the list keeping its own comments: the comment and blank lines above it and the comment
    at the end of its last line. The comments of entries left out go with them; the lines
    after the list stay after it."""
    seq = parent[key]
    if [index for index, _ in entries] == list(range(len(seq))):
        return  # the same entries in the same place: their nodes may have changed, not their lines
    held = parent.ca.items.get(key)
    key_eol, first = _split(held[2] if held else None)
    if held:
        first += _text(held[3])
        held[2], held[3] = key_eol, None
    after = _own_lines(seq)
    if len(seq):
        _add_pre(seq, 0, first)
    own = [seq.ca.items.get(index, [None] * 4) for index in range(len(seq))]
    del seq[:]
    for position, (index, node) in enumerate(entries):
        seq.append(node)
        if index is not None and (own[index][0] or own[index][1]):
            seq.ca.items[position] = [own[index][0], own[index][1], None, None]
    if entries:
        _put_after(seq, after)
    else:
        seq.fa.set_flow_style()  # written `[]`, with the lines after it below
        _set_lines(parent.ca.items, key, 2, key_eol, after + _text(seq.ca.end))
        seq.ca.end = []


@contextmanager
def lines_kept(node: CommentedMap | CommentedSeq) -> Iterator[None]:
    """Within the block, entries of ``node`` can be deleted and inserted with ruamel's own
    operations: each keeps the lines above it, and the lines after the last entry stay
    after whichever entry is last at the end."""
    after = _own_lines(node)
    yield
    if len(node):
        _put_after(node, after)


def _own_lines(node: CommentedMap | CommentedSeq) -> str:
    """Give each entry of ``node`` but the first the comment and blank lines above it as its
    own. Gives the lines after the last entry, taken off it."""
    slots = list(node) if isinstance(node, CommentedMap) else list(range(len(node)))
    after = ""
    for position, slot in enumerate(slots):
        lines = _take_after(node, slot)
        if position + 1 < len(slots):
            _add_pre(node, slots[position + 1], lines)
        else:
            after = lines
    return after


def _put_after(node: CommentedMap | CommentedSeq, lines: str) -> None:
    """Write ``lines`` after the last line of ``node`` (which has an entry)."""
    while lines and _is_block(node[_last(node)]):
        node = node[_last(node)]
    if lines:
        slot, at = _last(node), 2 if isinstance(node, CommentedMap) else 0
        eol, held = _split(node.ca.items.get(slot, [None] * 4)[at])
        _set_lines(node.ca.items, slot, at, eol, held + lines)


def _add_pre(node: CommentedMap | CommentedSeq, slot: Any, lines: str) -> None:
    """Write ``lines`` above entry ``slot``, before those already there."""
    if lines:
        entry = node.ca.items.setdefault(slot, [None, None, None, None])
        entry[1] = _tokens(lines) + (entry[1] or [])


def _take_after(node: Any, slot: Any) -> str:
    """Take the whole lines after entry ``slot``'s last line off the nodes that hold them:
    the comment after its last value, and the lines after each block it ends with."""
    value = node[slot]
    if _is_block(value):
        lines = _take_after(value, _last(value)) + _text(value.ca.end)
        value.ca.end = []
        return lines
    at = 2 if isinstance(node, CommentedMap) else 0
    eol, lines = _split(node.ca.items.get(slot, [None] * 4)[at])
    if slot in node.ca.items:
        node.ca.items[slot][at] = eol
    return lines


def _is_block(value: Any) -> bool:
    """True for a collection in block style: its last line is one of its entries'."""
    if not isinstance(value, CommentedMap | CommentedSeq) or not value:
        return False
    return not value.fa.flow_style()


def _last(node: CommentedMap | CommentedSeq) -> Any:
    """The key or index of the last entry of ``node``."""
    return next(reversed(node)) if isinstance(node, CommentedMap) else len(node) - 1


def _split(token: Any) -> tuple[Any, str]:
    """A comment token as (a token with only the comment at the end of its line, or None;
    the whole lines after it)."""
    if token is None:
        return None, ""
    eol, _, lines = token.value.partition("\n")
    if not eol:
        return None, lines
    kept = copy.copy(token)
    kept.value = eol + "\n"
    return kept, lines


def _set_lines(items: dict[Any, Any], slot: Any, at: int, eol: Any, lines: str) -> None:
    """Set the comment at ``items[slot][at]`` to ``eol`` followed by ``lines``."""
    token = None
    if eol is not None:
        token = copy.copy(eol)
        token.value = eol.value + lines
    elif lines:
        token = CommentToken("\n" + lines, CommentMark(0))
    if token is not None or slot in items:
        items.setdefault(slot, [None, None, None, None])[at] = token


def _text(tokens: list[Any] | None) -> str:
    """Comment tokens that each hold one whole line (indented by their column) as text."""
    return "".join(
        t.value if t.value.startswith("\n") else " " * t.column + t.value for t in tokens or []
    )


def _tokens(text: str) -> list[CommentToken]:
    """Whole lines of text as comment tokens of one line each, the inverse of :func:`_text`."""
    tokens = []
    for line in text.splitlines(keepends=True):
        body = line.lstrip(" ")
        tokens.append(CommentToken(body, CommentMark(len(line) - len(body) if body.strip() else 0)))
    return tokens
