"""The template files of ``catalog init`` (package data) and their ``@NAME@`` placeholders.

``@NAME@`` (upper case between at signs) because the templates hold GitHub expressions
(``${{ }}``), YAML flow mappings (``{}``) and action references (``actions/checkout@v4``):
no other marker is free in all of them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from importlib import resources

PLACEHOLDER = re.compile(r"@([A-Z][A-Z_]*)@")
_PLAIN = re.compile(r"^(?:[\u3400-\u9fff·（）]+|[A-Za-z/][A-Za-z0-9_./:@+~-]*)$")
"""Text YAML reads back as the same string when written plain: Chinese names, and URLs,
paths and tags that start with a letter or a slash (never a number)."""
_KEYWORDS = frozenset({"yes", "no", "true", "false", "on", "off", "null", "y", "n"})


def template(name: str) -> str:
    """The text of template ``name`` as shipped."""
    return resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")


def fill(name: str, values: Mapping[str, str]) -> str:
    """Template ``name`` with every placeholder replaced; a placeholder without a value
    is a bug in the caller, not something to write into a user's file."""

    def value(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in values:
            raise KeyError(f"template {name}: no value for @{key}@")
        return values[key]

    return PLACEHOLDER.sub(value, template(name))


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when that reads back as the same string, else
    double-quoted (a JSON string is a valid YAML double-quoted scalar)."""
    if _PLAIN.match(text) and text.lower() not in _KEYWORDS:
        return text
    return json.dumps(text, ensure_ascii=False)
