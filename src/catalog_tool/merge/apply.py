"""Write merged data into a local file, changing only the lines that change.

The file is loaded with ruamel's round-trip loader (:mod:`catalog_tool.io.roundtrip`) and
brought to the merged data in place: a key whose value is unchanged is not touched, a
changed scalar keeps its quoting, list elements are removed and inserted by key (new
elements take the flow or block style of their siblings), and a new key goes where format
v1 puts it. Comments, key order, quoting and blank lines survive; the comment and blank
lines above a key or element belong to it, and go with it when it is removed
(:func:`catalog_tool.io.entry_comments.replace_entries`, :func:`~catalog_tool.io.entry_comments.lines_kept`).

ruamel reproduces nearly every file exactly; for the rare line it would rewrite on its
own (odd spacing, say), :func:`splice` carries the original line over, so the only lines
that change are the ones the merge changed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from contextlib import nullcontext
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    ScalarString,
    SingleQuotedScalarString,
)

from catalog_tool.diff.fields import FIELD_ORDER, clean, keyed, same
from catalog_tool.io import entry_comments, roundtrip
from catalog_tool.model.item import (
    Agency,
    Fee,
    Material,
    Online,
    Result,
    Step,
    SyncedFrom,
    TimeLimit,
    Venue,
)

_QUOTED = frozenset({"code", "region", "impl_code", "credit_code", "hash"})
"""Keys whose values are codes: always written as double-quoted strings."""
_FLOW_BY_DEFAULT = frozenset({"synced_from", "time_limit", "online", "result"})
_ORDER: Mapping[str, tuple[str, ...]] = {
    name: tuple(model.model_fields)
    for name, model in (
        ("agency", Agency),
        ("materials", Material),
        ("steps", Step),
        ("time_limit", TimeLimit),
        ("fees", Fee),
        ("online", Online),
        ("venue", Venue),
        ("result", Result),
        ("synced_from", SyncedFrom),
    )
}


def rewrite(text: str, merged: Mapping[str, Any], *, where: str = "") -> str:
    """``text`` (an item file) brought to the plain data ``merged``; its line breaks are
    kept, CRLF or LF."""

    def reconciled(text: str) -> str:
        document, yaml = roundtrip.load(text, where=where)
        before = roundtrip.dump(document, yaml)
        if not isinstance(document, CommentedMap):
            return text
        reconcile_map(document, merged, FIELD_ORDER, "")
        return splice(text, before, roundtrip.dump(document, yaml))

    return roundtrip.keeping_line_ends(text, reconciled)


_SYNC_LINE = re.compile(r"^synced_from:[ \t]*\{[^\n#{}]*\}(?P<tail>[ \t]*(?:#[^\n]*)?)$", re.M)


def record_sync(text: str, region: str, digest: str) -> str | None:
    """``text`` with its ``synced_from`` record set, by editing the text alone; None when
    the record is not one flow mapping on a line of its own (use :func:`rewrite` then).

    The first merge of a catalog changes nothing but this record in most items; going
    through ruamel for each of tens of thousands of files would take many minutes.
    """
    record = f'synced_from: {{region: "{region}", hash: "{digest}"}}'
    newline = "\r\n" if "\r\n" in text else "\n"
    if "synced_from" not in text:
        if text and not text.endswith("\n"):
            text += newline
        return text + record + newline
    found = list(_SYNC_LINE.finditer(text))
    if len(found) != 1 or text.count("synced_from") != 1:
        return None
    match = found[0]
    return text[: match.start()] + record + match.group("tail") + text[match.end() :]


def render_new(data: Mapping[str, Any], header: Sequence[str]) -> str:
    """The text of a new item file holding ``data``, with comment lines ``header``."""
    document = CommentedMap()
    reconcile_map(document, data, FIELD_ORDER, "")
    if header:
        document.yaml_set_start_comment("\n".join(header))
    _, yaml = roundtrip.load("")
    return roundtrip.dump(document, yaml)


def plain(node: Any) -> Any:
    """Round-trip data as plain Python data (ruamel's scalar types unwrapped)."""
    if isinstance(node, Mapping):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


def reconcile_map(
    node: CommentedMap, target: Mapping[str, Any], order: Sequence[str], field: str
) -> None:
    """Change ``node`` in place until its plain data equals ``target``; a key that goes
    takes its comments with it."""
    doomed = [key for key in node if key not in target and node[key] is not None]
    edits = doomed or any(key not in node for key in target)
    with entry_comments.lines_kept(node) if edits else nullcontext():
        for key in doomed:
            del node[key]
        _reconcile_values(node, target, order)


def _reconcile_values(node: CommentedMap, target: Mapping[str, Any], order: Sequence[str]) -> None:
    for key, value in target.items():
        if key in node:
            current = node[key]
            if same(clean(plain(current)), value):
                continue
            if isinstance(current, CommentedMap) and isinstance(value, Mapping):
                reconcile_map(current, value, _ORDER.get(key, ()), key)
            elif isinstance(current, CommentedSeq) and isinstance(value, list):
                reconcile_seq(node, key, value)
            else:
                node[key] = _styled(current, value, key)
        else:
            node.insert(_position(node, key, order), key, to_node(value, key))


def reconcile_seq(parent: CommentedMap, field: str, target: list[Any]) -> None:
    """Change the list ``parent[field]`` in place: remove, update and insert elements by
    key. Elements keep their order and their comments; a removed element takes its
    comments with it."""
    node = parent[field]
    current = list(keyed(field, [clean(plain(v)) for v in node]))
    wanted = keyed(field, target)
    kept = [key for key in current if key in wanted]
    entries: dict[str, entry_comments.Entry] = {}
    for key, (_, value) in wanted.items():
        if key not in current:
            sibling = node[0] if len(node) else None
            entries[key] = (None, to_node(value, field, sibling=sibling))
            kept.insert(_after_predecessor(kept, list(wanted), key), key)
            continue
        index = current.index(key)
        element = node[index]
        if not same(clean(plain(element)), value):
            if isinstance(element, CommentedMap) and isinstance(value, Mapping):
                reconcile_map(element, value, _ORDER.get(field, ()), field)
            else:
                element = _styled(element, value, field)
        entries[key] = (index, element)
    entry_comments.replace_entries(parent, field, [entries[key] for key in kept])


def _after_predecessor(current: list[str], wanted: list[str], key: str) -> int:
    for previous in reversed(wanted[: wanted.index(key)]):
        if previous in current:
            return current.index(previous) + 1
    return 0


def _position(node: CommentedMap, key: str, order: Sequence[str]) -> int:
    """Where format v1 puts ``key`` among the keys ``node`` has."""
    keys = list(node)
    if key not in order:
        return len(keys)
    rank = order.index(key)
    for index, existing in enumerate(keys):
        if existing in order and order.index(existing) > rank:
            return index
    return len(keys)


def _styled(old: Any, new: Any, key: str) -> Any:
    """``new`` written the way ``old`` was (its quotes), as a node."""
    if isinstance(new, str):
        if isinstance(old, DoubleQuotedScalarString) or key in _QUOTED:
            return DoubleQuotedScalarString(new)
        if isinstance(old, SingleQuotedScalarString):
            return SingleQuotedScalarString(new)
        return new
    return to_node(new, key, sibling=old)


def to_node(value: Any, key: str, *, sibling: Any = None, flow: bool | None = None) -> Any:
    """Plain data as round-trip nodes, styled like ``sibling`` (a node of the same kind
    already in the file, e.g. the previous list element); without one, per key."""
    if isinstance(value, Mapping):
        node = CommentedMap()
        order = _ORDER.get(key, ())
        keys = sorted(value, key=lambda k: order.index(k) if k in order else len(order))
        for sub in keys:
            twin = sibling.get(sub) if isinstance(sibling, Mapping) else None
            node[sub] = to_node(value[sub], sub, sibling=twin)
        if _flow(flow, sibling, key in _FLOW_BY_DEFAULT):
            node.fa.set_flow_style()
        return node
    if isinstance(value, list):
        seq = CommentedSeq()
        first = sibling[0] if isinstance(sibling, list) and sibling else None
        for element in value:
            seq.append(to_node(element, key, sibling=first))
        if _flow(flow, sibling, False):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and not isinstance(value, ScalarString) and key in _QUOTED:
        return DoubleQuotedScalarString(value)
    return value


def _flow(flow: bool | None, sibling: Any, default: bool) -> bool:
    if flow is not None:
        return flow
    if isinstance(sibling, CommentedMap | CommentedSeq):
        return bool(sibling.fa.flow_style())
    return default


def splice(original: str, before: str, after: str) -> str:
    """Apply the change ``before`` → ``after`` to ``original``.

    ``before`` is ruamel's rendering of ``original`` unchanged; where the two differ (a
    line ruamel writes its own way), the original line is kept unless the merge changed it.
    """
    if before == original:
        return after
    source = original.splitlines(keepends=True)
    old = before.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    anchor = _line_map(old, source)
    out: list[str] = []
    edits = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in edits:
        if tag == "equal":
            out.extend(source[anchor[i1] : anchor[i2]])
        else:
            out.extend(new[j1:j2])
    return "".join(out)


def _line_map(rendered: list[str], source: list[str]) -> list[int]:
    """For each line boundary of ``rendered``, the matching boundary in ``source``.

    Where ``source`` has lines ``rendered`` lacks, the boundary is before them, so the
    segment after it carries them over.
    """
    boundary = [len(source)] * (len(rendered) + 1)
    matcher = difflib.SequenceMatcher(None, rendered, source, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for offset in range(i2 - i1 + 1):
            index = i1 + offset
            if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
                value = j1 + offset  # the same lines, or lines ruamel wrote its own way
            elif tag == "insert" or index < i2:
                value = j1
            else:
                value = j2
            boundary[index] = min(boundary[index], value)
    boundary[len(rendered)] = len(source)
    return boundary
