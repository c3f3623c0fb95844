"""Write merged data into a local file, changing only the lines that change.

The file is loaded with ruamel's round-trip loader (:mod:`catalog_tool.io.roundtrip`) and
brought to the merged data in place: a key whose value is unchanged is not touched, a
changed scalar keeps its quoting, list elements are removed and inserted by key (new
elements take the flow or block style of their siblings), and a new key goes where format
v1 puts it. Comments, key order, quoting and blank lines survive.

ruamel reproduces nearly every file exactly; for the rare line it would rewrite on its
own (odd spacing, say), :func:`splice` carries the original line over, so the only lines
that change are the ones the merge changed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    ScalarString,
    SingleQuotedScalarString,
)

from catalog_tool.diff.fields import FIELD_ORDER, clean, keyed, same
from catalog_tool.io import roundtrip
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
        return splice(text, before, keep_comments(before, roundtrip.dump(document, yaml)))

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
    """Change ``node`` in place until its plain data equals ``target``."""
    for key in list(node):
        if key not in target and node[key] is not None:
            del node[key]
    for key, value in target.items():
        if key in node:
            current = node[key]
            if same(clean(plain(current)), value):
                continue
            if isinstance(current, CommentedMap) and isinstance(value, Mapping):
                reconcile_map(current, value, _ORDER.get(key, ()), key)
            elif isinstance(current, CommentedSeq) and isinstance(value, list):
                reconcile_seq(current, value, key)
            else:
                node[key] = _styled(current, value, key)
        else:
            node.insert(_position(node, key, order), key, to_node(value, key))


def reconcile_seq(node: CommentedSeq, target: list[Any], field: str) -> None:
    """Change the list ``node`` in place: remove, update and insert elements by key."""
    current = list(keyed(field, [clean(plain(v)) for v in node]))
    wanted = keyed(field, target)
    for index in reversed(range(len(current))):
        if current[index] not in wanted:
            del node[index]
            del current[index]
    for key, (_, value) in wanted.items():
        if key in current:
            index = current.index(key)
            element = node[index]
            if same(clean(plain(element)), value):
                continue
            if isinstance(element, CommentedMap) and isinstance(value, Mapping):
                reconcile_map(element, value, _ORDER.get(field, ()), field)
            else:
                node[index] = _styled(element, value, field)
            continue
        position = _after_predecessor(current, list(wanted), key)
        node.insert(position, to_node(value, field, sibling=node[0] if len(node) else None))
        current.insert(position, key)


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


def _is_note(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def keep_comments(before: str, after: str) -> str:
    """Put comment lines back with the lines they describe after ruamel's edit.

    ruamel keeps a comment with the value *before* it, while people write a comment above
    the thing it describes. So when an element or key is deleted, its own comment would
    stay and the next one's would go; when one is inserted, it would land between the next
    element and that element's comment. This pass fixes both on the text, by the rule that
    comment and blank lines belong to the line below them.
    """
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    out: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, old, new, autojunk=False
    ).get_opcodes():
        if tag in {"equal", "replace"}:
            out.extend(new[j1:j2])
        elif tag == "insert":
            at = len(out)
            while at > 0 and _is_note(out[at - 1]):
                at -= 1
            out[at:at] = new[j1:j2]
        else:
            deleted = old[i1:i2]
            if deleted and not _is_note(deleted[0]):
                while out and _is_note(out[-1]):
                    out.pop()  # the deleted line's own comment
            keep = len(deleted)
            while keep > 0 and _is_note(deleted[keep - 1]):
                keep -= 1
            out.extend(deleted[keep:])  # the next line's comment
    return "".join(out)


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
