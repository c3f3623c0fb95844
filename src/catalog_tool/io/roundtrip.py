"""Rewrite YAML files keeping comments, key order, quoting and the file's own layout."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from catalog_tool.errors import CatalogError
from catalog_tool.io import yaml_factory
from catalog_tool.text import Text

_KEY_THEN_DASH = re.compile(r"^( *)[^\s#-][^\n]*:[ \t]*(?:#.*)?\n(?:[ \t]*(?:#.*)?\n)*( *)- ", re.M)
_TOP_LEVEL_DASH = re.compile(r"^- ", re.M)
_NESTED_KEY = re.compile(r"^( *)[^\s#-][^\n:]*:[ \t]*(?:#.*)?\n( +)[^\s#-][^\n]*:", re.M)


_NULL_WORD = re.compile(r":[ \t]+null[ \t]*(?:#.*)?$", re.M)
_NULL_TILDE = re.compile(r":[ \t]+~[ \t]*(?:#.*)?$", re.M)


@dataclass(frozen=True, slots=True)
class Layout:
    """How a file indents mappings and sequences, and writes an empty value."""

    mapping: int = 2
    sequence: int = 4
    offset: int = 2
    null: str = "null"


def detect_layout(text: str) -> Layout:
    """The indentation ``text`` uses (the house layout where it cannot tell)."""
    offset = 2
    match = _KEY_THEN_DASH.search(text)
    if match:
        offset = max(0, len(match.group(2)) - len(match.group(1)))
    elif _TOP_LEVEL_DASH.search(text):
        offset = 0  # a top-level sequence, like regions.yaml
    mapping = 2
    nested = _NESTED_KEY.search(text)
    if nested:
        mapping = max(1, len(nested.group(2)) - len(nested.group(1)))
    null = "null" if _NULL_WORD.search(text) else "~" if _NULL_TILDE.search(text) else "null"
    return Layout(mapping=mapping, sequence=offset + 2, offset=offset, null=null)


def load(text: str, *, where: str = "") -> tuple[Any, YAML]:
    """Parse ``text`` for rewriting; the YAML returned dumps it back in the same layout."""
    layout = detect_layout(text)
    yaml = yaml_factory.round_trip(layout.mapping, layout.sequence, layout.offset, layout.null)
    try:
        return yaml.load(text), yaml
    except YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        at = f"{where}:{mark.line + 1}:{mark.column + 1}" if mark is not None else where
        raise CatalogError(
            Text(
                f"{at}: 无法改写,YAML 语法错误:{getattr(err, 'problem', err)}",
                f"{at}: cannot rewrite, YAML error: {getattr(err, 'problem', err)}",
            ),
            Text(
                "先修正语法错误(catalog validate 会指出位置)。",
                "Fix the syntax first (catalog validate shows where).",
            ),
        ) from None


def keeping_line_ends(text: str, rewrite: Callable[[str], str]) -> str:
    """``rewrite(text)``, run on ``text`` with LF line breaks, given back the CRLF line
    breaks ``text`` had (a file edited on Windows stays a Windows file).

    The layout is detected and the file parsed with LF breaks: with CR before each, ruamel
    and the layout patterns would see neither the indentation nor the comments' lines,
    and a rewrite would re-indent the file and mix the two kinds of breaks.
    """
    if "\r\n" not in text:
        return rewrite(text)
    return rewrite(text.replace("\r\n", "\n")).replace("\n", "\r\n")


def dump(data: Any, yaml: YAML) -> str:
    """Serialize ``data`` with ``yaml``."""
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()
