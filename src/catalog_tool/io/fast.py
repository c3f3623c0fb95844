"""The fast reader: rapidyaml → JSON → ``json.loads``, for files a prescan finds plain.

rapidyaml types scalars differently from ruamel in places (``True``, ``Null``, ``+1``,
``0x1F``, ``007``, dates), expands nothing for aliases, and ignores duplicate keys. The
prescan sends every file that holds such a construct to the careful reader instead, so the
fast path returns either exactly what :func:`catalog_tool.io.compose.compose` would, or
``None``. A differential test holds the two to that.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import ryml

from catalog_tool.io import yaml_factory

_RISKY = re.compile(
    rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\t\\]"  # control characters, tabs, escapes
    rb"|\r(?!\n)"  # a lone CR is a line break of its own
    # C1 controls, NEL, U+2028/2029 and U+FFFE/FFFF: libyaml rejects or breaks lines on them.
    rb"|\xc2[\x80-\x9f]|\xe2\x80[\xa8\xa9]|\xef\xbf[\xbe\xbf]"
    rb"|(?:^|[\s\[{,])[&*!]"  # anchors, aliases, tags
    rb"|(?:^|[\s\[{,])[@`%]"  # reserved indicators: libyaml rejects them
    rb"|(?:^[ ]*|[:\-][ ]+)[\]}]"  # a block value cannot start with a closing bracket
    rb"|^(?:%|---|\.\.\.)"  # directives, document markers
    rb"|<<[ ]*:"  # merge keys
    # inside flow collections libyaml (YAML 1.1) rejects '?' and ':x' that rapidyaml reads;
    # and a flow collection left open at the end of a line spans lines
    rb"|[\[{](?:[^\n\]}\"']|\"[^\"\n]*\"|'[^'\n]*')*(?:\?|:[^\s\"']|$)"
    rb"|^[ ]*(?:-[ ]+)*\?(?:[ ]|\r?$)"  # complex keys
    rb"|^[ ]*(?:-[ ]+)?[-+]?\.?(?:inf|nan|Inf|NaN|INF|NAN|null|Null|NULL|true|false|True"
    rb"|False|TRUE|FALSE|~)[ ]*:"  # keys rapidyaml misreads
    rb"|^[ ]*(?:-[ ]+)?(?:code|region|credit_code|impl_code|phone|complaint_phone|hash)"
    rb"[ ]*:[ ]+[-+]?[0-9][0-9_]*(?:\.[0-9]*)?[ ]*(?:#.*)?\r?$",  # unquoted codes (Y005)
    re.MULTILINE,
)

# Plain scalars that may mean something other than a string. Each is checked against
# _PLAIN_OK, the forms on which rapidyaml and ruamel agree.
_SCALAR = re.compile(
    rb"(?:^|[:\-\[{,?][ ]+|[\[{,])"
    rb"([-+.]?[0-9][0-9A-Za-z_:.+\-]*|~|[Tt]rue|TRUE|[Ff]alse|FALSE|[Nn]ull|NULL"
    rb"|[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN))"
    rb"[ ]*(?=\r?$|#|[,\]}])",  # CRLF files: \r is not part of the value
    re.MULTILINE,
)
_PLAIN_OK = re.compile(
    rb"(?:0|-?[1-9][0-9]*)(?:\.[0-9]+)?|true|false|null"
    # phone numbers such as 0537-2967000 (but not dates, which ruamel reads as dates)
    rb"|(?![0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$)[0-9]+(?:-[0-9]+)+"
    # credit codes such as 11370811MB2822030B: a letter beyond hex digits and exponents
    rb"|(?!0[xXoObB])[0-9][0-9A-Za-z]*[G-Zg-z][0-9A-Za-z]*"
)


class DuplicateKeyError(Exception):
    """A mapping repeats a key; the careful reader reports where."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise DuplicateKeyError
    return result


def plain_enough(source: bytes) -> bool:
    """True when ``source`` holds nothing the fast reader could read differently."""
    if _RISKY.search(source):
        return False
    return all(_PLAIN_OK.fullmatch(m.group(1)) for m in _SCALAR.finditer(source))


def fast_load(source: bytes) -> tuple[bool, Any]:
    """``(True, value)`` when rapidyaml read ``source`` faithfully, else ``(False, None)``.

    The source must be UTF-8 without a BOM. A mapping or nothing at the top is expected;
    anything else is left to the careful reader, which reports it with a position.
    """
    if not plain_enough(source):
        return False, None
    try:
        emitted = yaml_factory.ryml_json(source)
    except (ryml.ExceptionParse, ryml.ExceptionBasic, RuntimeError):
        return False, None
    if not emitted.strip().startswith(b"{"):
        return False, None
    try:
        return True, json.loads(emitted, object_pairs_hook=_pairs)
    except (ValueError, DuplicateKeyError):
        return False, None


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
