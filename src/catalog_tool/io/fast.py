"""The fast reader: rapidyaml → JSON, for files that cannot be read differently by ruamel.

rapidyaml types some scalars differently from ruamel (``True``, ``Null``, ``0x1F``, ``007``,
dates), ignores duplicate keys, reads an alias as the text ``*name``, and accepts some text
libyaml rejects. Three guards keep the fast path faithful; whatever they doubt goes to the
careful reader (:mod:`catalog_tool.io.compose`), which is the reference:

1. :func:`plain_enough` scans the source for constructs with a second meaning (anchors,
   aliases, tags, reserved and closing indicators, tabs, escapes, control characters,
   document markers). Each check is a substring test on the few bytes such constructs are
   made of; the source itself is searched only when that test finds something. Every flow
   collection must match a plain one-line form whole: no ``?``, ``#`` or ``:x`` in it,
   quotes only around whole scalars (see :func:`_flow_pattern`).
2. :func:`suspicious_strings` finds strings in the JSON that ruamel would read as a bool,
   null, number or date and that the source does not quote each time they occur.
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
_NOT_RARE = bytes(b for b in range(256) if b not in _RARE)
# The bytes of the constructs plain_enough looks for besides the rare bytes (document
# markers, C1 controls, line separators, noncharacters) and the brackets. Deleting all
# others leaves a short string in which each construct, were it in the source, still
# appears whole: a test there that finds nothing needs no test of the source.
_TELLING = _RARE + b"\n-.[]{}\xc2\xe2\xef\xbf\xbe"
_UNTELLING = bytes(b for b in range(256) if b not in _TELLING)
# U+2028 and U+2029, and U+FFFE and U+FFFF. A pattern finds either faster than two
# substring tests: their lead bytes start much Chinese punctuation.
_SEPARATORS = re.compile(rb"\xe2\x80[\xa8\xa9]")
_NONCHARACTERS = re.compile(rb"\xef\xbf[\xbe\xbf]")
_CLOSING = re.compile(rb"(?:^|[:-]) +[\]}]", re.MULTILINE)
_INDICATOR = re.compile(rb"(?:^|[ \[{,])[&*!@`%]", re.MULTILINE)
_LONE_CR = re.compile(rb"\r(?!\n)")
_COMPLEX_KEY = re.compile(rb"^ *(?:- +)*\?(?: |\r?$)", re.MULTILINE)
_C1 = re.compile(rb"\xc2[\x80-\x9f]")


def _flow_pattern(depth: int) -> bytes:
    """A flow collection that closes on its line, nested at most ``depth`` deep.

    Inside it: no ``?``, no ``#``, a colon only after a scalar and before a space, quotes
    only around a whole scalar without brackets (where a scalar starts, and followed by
    what may follow one), and no closing bracket after ``:`` or ``-`` and spaces (as
    ``_CLOSING``). Runs of other bytes are one step. Its brackets balance.
    """
    run = rb"""[^\n\[\]{}?#"':]++"""
    colon = rb"(?<=[^ \[{,]): "
    quoted = (
        rb"""(?:(?<=[\[{,])|(?<=[\[{,:] ))"""
        rb"""(?:"[^"\n\[\]{}]*"|'[^'\n\[\]{}]*')(?= *[,\]}:])"""
    )
    steps = [run, colon, quoted]
    if depth > 1:
        steps.append(_flow_pattern(depth - 1))
    body = rb"(?:" + rb"|".join(steps) + rb")*+"
    close = rb"(?<![:-] )(?<![:-]  )(?<!   )"
    return rb"(?:\[" + body + close + rb"\]|\{" + body + close + rb"\})"


_FLOW = re.compile(_flow_pattern(3))

# A JSON string that starts like a YAML bool, null, number or date.
_CANDIDATE_LENGTH = 64
_CANDIDATE = re.compile(rb'"([-+.~0-9TFN][^"\\\n]{0,%d})"' % (_CANDIDATE_LENGTH - 1))
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
_SCALAR_START = rb"(?:(?<=[:\-?\[{,\n] .)|(?<=[\[{,\n].))"
_QUOTED_DOUBLE = re.compile(rb'"' + _SCALAR_START + rb'([^"\n]*)"')
_QUOTED_EITHER = re.compile(
    rb"[\"']" + _SCALAR_START + rb"""(?:(?<=")([^"\n]*)"|(?<=')([^'\n]*(?:''[^'\n]*)*)')"""
)


def plain_enough(source: bytes) -> bool:
    """False when ``source`` holds a construct the two readers may read differently."""
    # One pass keeps only the bytes the constructs are made of: a few dozen in an item.
    telling = source.translate(None, _UNTELLING)
    if telling.translate(None, _NOT_RARE) and not _rare_bytes_plain(source):
        return False
    if b"\xc2" in telling and _C1.search(source):
        return False
    if b"\xe2" in telling and _SEPARATORS.search(source):
        return False
    if b"\xef\xbf" in telling and _NONCHARACTERS.search(source):
        return False
    if (telling.startswith((b"---", b"...")) or b"\n---" in telling or b"\n..." in telling) and (
        source.startswith((b"---", b"...")) or b"\n---" in source or b"\n..." in source
    ):
        return False
    # Every opener starts or is nested in a flow collection _flow_plain matches, and their
    # brackets balance: only more closing brackets than opening ones can be outside them.
    closers = telling.count(b"]") + telling.count(b"}")
    if closers > telling.count(b"[") + telling.count(b"{") and _CLOSING.search(source):
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
    """Every flow collection is plain (see :func:`_flow_pattern`).

    ``bytes.find`` (memchr) visits the openers: far faster than a regular expression
    scanning mostly non-ASCII text. The search goes on after each collection: the openers
    nested in it are not matched again.
    """
    find = source.find
    match = _FLOW.match
    square, curly = find(b"["), find(b"{")
    while square >= 0 or curly >= 0:
        start = curly if square < 0 or 0 <= curly < square else square
        found = match(source, start)
        if found is None:
            return False
        end = found.end()
        if 0 <= square < end:
            square = find(b"[", end)
        if 0 <= curly < end:
            curly = find(b"{", end)
    return True


def suspicious_strings(emitted: bytes, source: bytes) -> bool:
    """True when a JSON string was a plain scalar that ruamel reads as something else.

    Each string that may be typed must be matched by its own quoted scalar in the source:
    a value quoted once and plain elsewhere is suspicious too.
    """
    values = _CANDIDATE.findall(emitted)
    if not values:
        return False
    quoted = _quoted_scalars(source)
    for value in set(values):
        if values.count(value) <= quoted.count(value):
            continue  # quoted in the source each time: a string for both readers
        if not _MAYBE_TYPED.fullmatch(value):
            continue  # cannot be a bool, null, number or date in any spelling
        text = value.decode("utf-8", errors="replace").rstrip()
        tag = yaml_factory.resolver().resolve(ScalarNode, text, (True, False))
        if str(getattr(tag, "value", tag)) in _TYPED_TAGS:
            return True
    return False


def _quoted_scalars(source: bytes) -> list[bytes]:
    """The text of the quoted scalars of ``source`` that start where a scalar may start.

    A quote inside a plain scalar starts none: a quote counts right after a line break,
    ``[``, ``{`` or ``,``, or after one of those, ``:``, ``-`` or ``?`` and one space.
    Without single quotes in the source the search is for double quotes alone, which is
    much faster (a literal first byte instead of a set).
    """
    if b"'" in source:
        return [d or s for d, s in _QUOTED_EITHER.findall(source)]
    return _QUOTED_DOUBLE.findall(source)


def emit(source: bytes) -> bytes | None:
    """rapidyaml's JSON for ``source`` when it is a mapping that passes the guards, else None."""
    if len(source) > MAX_VALUES and source.count(b"\n") + source.count(b",") > MAX_VALUES:
        return None  # too many values for an item: the careful reader rejects it cheaply
    if not plain_enough(source):
        return None
    try:
        emitted = yaml_factory.ryml_json(source)
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
    """True when a code was written unquoted: a number, or digits without quotes (Y005).

    For JSON that passed :func:`suspicious_strings` (as :func:`emit`'s does): an unquoted
    string of at most 64 ASCII digits is an int to ruamel, so that check has declined it
    already. Only longer ones and other digits (``str.isdigit`` is also true for full-width
    and other Unicode digits) are looked for among the source's quoted text.
    """
    for value in values:
        if isinstance(value, str):
            if not value.isdigit() or (value.isascii() and len(value) <= _CANDIDATE_LENGTH):
                continue
            raw = value.encode()
            if b'"' + raw + b'"' not in source and b"'" + raw + b"'" not in source:
                return True
        elif isinstance(value, int | float) and not isinstance(value, bool):
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
