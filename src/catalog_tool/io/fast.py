"""The fast reader: rapidyaml → JSON, for files that cannot be read differently by ruamel.

rapidyaml types some scalars differently from ruamel (``True``, ``Null``, ``0x1F``, ``007``,
dates), ignores duplicate keys, reads an alias as the text ``*name``, and accepts some text
libyaml rejects. Three guards keep the fast path faithful; whatever they doubt goes to the
careful reader (:mod:`catalog_tool.io.compose`), which is the reference:

1. :func:`plain_enough` scans the source for constructs with a second meaning (anchors,
   aliases, tags, reserved and closing indicators, tabs, escapes, control characters,
   document markers, ``?`` and ``:x`` inside flow collections). Each check is a substring
   test; a regular expression runs only when the substring is there.
2. :func:`suspicious_strings` finds strings in the JSON that were plain in the source and
   that ruamel would read as a bool, null, number or date.
3. Duplicate keys: the JSON must hold exactly as many keys as the value read from it.

A differential test holds the fast path to the careful one on the sample catalog, the
fixtures and generated documents.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import ryml
from ruamel.yaml.nodes import ScalarNode

from catalog_tool.io import yaml_factory
from catalog_tool.io.compose import MAX_VALUES

_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 13)) + b"\x7f"
_RARE = _CONTROL + b"\t\r\\&*!@`%<?"
_UNREMARKABLE = bytes(b for b in range(256) if b not in _RARE)
_SEPARATORS = (b"\xe2\x80\xa8", b"\xe2\x80\xa9")
_NONCHARACTERS = (b"\xef\xbf\xbe", b"\xef\xbf\xbf")
_CLOSING = re.compile(rb"(?:^|[:-]) +[\]}]", re.MULTILINE)
# A flow collection whose line holds '?', a colon glued to the next character, or no end.
_FLOW_DOUBT = re.compile(rb"[\[{](?:[^\n\]}?:]|: )*+(?:[?]|:[^ \r\n]|\n|$)")
_INDICATOR = re.compile(rb"(?:^|[ \[{,])[&*!@`%]", re.MULTILINE)
_LONE_CR = re.compile(rb"\r(?!\n)")
_COMPLEX_KEY = re.compile(rb"^ *(?:- +)*\?(?: |\r?$)", re.MULTILINE)
_QUOTED = re.compile(rb"\"[^\"\n]*\"|'[^'\n]*'")
_COLON_GLUED = re.compile(rb":[^\s]")
_C1 = re.compile(rb"\xc2[\x80-\x9f]")

# A JSON string that starts like a YAML bool, null, number or date.
_CANDIDATE = re.compile(rb'"([-+.~0-9TFN][^"\\\n]{0,63})"')
# A superset of what ruamel's YAML 1.2 resolver reads as bool, null, int, float or timestamp;
# the resolver itself decides for strings that match.
_MAYBE_TYPED = re.compile(
    rb"[-+]?(?:[0-9][0-9_]*(?::[0-9_]+)*(?:\.[0-9_.]*)?(?:[eE][-+]?[0-9]+)?"
    rb"|\.[0-9_.]+(?:[eE][-+]?[0-9]+)?|0[xXoObB][0-9a-fA-F_]+|\.(?:inf|Inf|INF|nan|NaN|NAN))"
    rb"|[Tt]rue|TRUE|[Ff]alse|FALSE|[Nn]ull|NULL|~"
    rb"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?"
)
_TYPED_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("bool", "null", "int", "float", "timestamp")
)
_KEY_SEPARATOR = b'": '


def plain_enough(source: bytes) -> bool:
    """False when ``source`` holds a construct the two readers may read differently."""
    # One pass deletes every byte that cannot start trouble; usually nothing is left.
    if source.translate(None, _UNREMARKABLE) and not _rare_bytes_plain(source):
        return False
    if b"\xc2" in source and _C1.search(source):
        return False
    if b"\xe2\x80" in source and any(s in source for s in _SEPARATORS):
        return False
    if b"\xef\xbf" in source and any(s in source for s in _NONCHARACTERS):
        return False
    if source.startswith((b"---", b"...")) or b"\n---" in source or b"\n..." in source:
        return False
    if (b" ]" in source or b" }" in source) and _CLOSING.search(source):
        return False
    return _flow_plain(source)


def _rare_bytes_plain(source: bytes) -> bool:
    """The slower checks, for the few files that hold one of the rare bytes."""
    if len(source.translate(None, _CONTROL)) != len(source):
        return False
    if b"\t" in source or b"\\" in source or b"<<" in source or source.startswith(b"%"):
        return False
    if _INDICATOR.search(source):
        return False
    if b"\r" in source and _LONE_CR.search(source):
        return False
    return not (b"?" in source and _COMPLEX_KEY.search(source))


def _flow_plain(source: bytes) -> bool:
    """Flow collections close on their line and hold no ``?`` or ``:x`` outside quotes."""
    for opener in (b"[", b"{"):
        # bytes.find is far faster than a regex scan over mostly non-ASCII text.
        first = source.find(opener)
        while first >= 0:
            if _FLOW_DOUBT.match(source, first) and not _segment_plain(source, first):
                return False
            first = source.find(opener, first + 1)
    return True


def _segment_plain(source: bytes, first: int) -> bool:
    end = source.find(b"\n", first)
    end = len(source) if end < 0 else end
    segment = source[first:end].split(b" #", 1)[0]
    if b'"' in segment or b"'" in segment:
        segment = _QUOTED.sub(b'""', segment)
    if b"?" in segment or (b":" in segment and _COLON_GLUED.search(segment)):
        return False
    return segment.count(b"[") == segment.count(b"]") and segment.count(b"{") == segment.count(b"}")


def suspicious_strings(emitted: bytes, source: bytes) -> bool:
    """True when a JSON string was a plain scalar that ruamel reads as something else."""
    for match in _CANDIDATE.finditer(emitted):
        value = match.group(1)
        if not _MAYBE_TYPED.fullmatch(value):
            continue  # cannot be a bool, null, number or date in any spelling
        if b'"' + value + b'"' in source or b"'" + value + b"'" in source:
            continue  # quoted in the source: a string for both readers
        text = value.decode("utf-8", errors="replace").rstrip()
        tag = yaml_factory.resolver().resolve(ScalarNode, text, (True, False))
        if str(getattr(tag, "value", tag)) in _TYPED_TAGS:
            return True
    return False


def emit(source: bytes) -> bytes | None:
    """rapidyaml's JSON for ``source`` when it is a mapping that passes the guards, else None."""
    if source.count(b"\n") + source.count(b",") > MAX_VALUES or not plain_enough(source):
        return None  # too many values for an item: the careful reader rejects it cheaply
    try:
        emitted = bytes(yaml_factory.ryml_json(source))
    except (ryml.ExceptionParse, ryml.ExceptionBasic, RuntimeError):
        return None
    if not emitted.lstrip().startswith(b"{") or suspicious_strings(emitted, source):
        return None
    return emitted


def key_count(emitted: bytes) -> int:
    """Keys in rapidyaml's JSON (a string holding ``": `` only makes this larger)."""
    return emitted.count(_KEY_SEPARATOR)


def count_keys(value: Any) -> int:
    """Keys in a parsed value, counting nested mappings."""
    total = 0
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            total += len(node)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return total


def fast_load(source: bytes) -> tuple[bool, Any]:
    """``(True, value)`` when rapidyaml read ``source`` faithfully, else ``(False, None)``."""
    emitted = emit(source)
    if emitted is None or key_count(emitted) > MAX_VALUES:
        return False, None  # the careful reader rejects it with a position
    try:
        data = json.loads(emitted)
    except ValueError:
        return False, None
    if key_count(emitted) != count_keys(data) or quoted_codes_missing(_code_values(data), source):
        return False, None
    return True, data


CODE_KEYS = frozenset(
    {"code", "region", "credit_code", "impl_code", "phone", "complaint_phone", "hash", "parent"}
)


def _code_values(data: Any) -> Iterator[object]:
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key in CODE_KEYS and not isinstance(value, dict | list):
                    yield value
                else:
                    stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)


def quoted_codes_missing(values: Iterable[object], source: bytes) -> bool:
    """True when a code was written unquoted: a number, or digits without quotes (Y005)."""
    for value in values:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return True
        if isinstance(value, str) and value.isdigit():
            raw = value.encode()
            if b'"' + raw + b'"' not in source and b"'" + raw + b"'" not in source:
                return True
    return False


@contextmanager
def quiet_stderr() -> Iterator[None]:
    """Silence file descriptor 2 while rapidyaml runs: it prints parse errors there itself.

    Those files go to the careful reader, which reports the error properly.
    """
    try:
        saved = os.dup(2)
    except OSError:  # no stderr at all: nothing to silence
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)
