"""Bilingual user-facing text: Chinese by default, English on request."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

INVISIBLE = (
    "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f"  # control characters but tab and line breaks
    "\xad\u061c\u180e\u200b-\u200f"  # soft hyphen, marks, zero-width space and joiners
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f"  # bidi controls, word joiner, invisible operators
    "\ufeff\ufff9-\ufffb\U000e0001\U000e0020-\U000e007f"  # BOM, annotations, tags
)
"""A regex character class of the invisible characters that have no place in catalog text:
control characters other than whitespace, and format characters that show nothing (zero-width
space, joiners, direction marks and overrides, the byte order mark). Canonical text drops them
(:func:`catalog_tool.domain.normalize.canonical_text`); messages show them (:func:`visible`).
Visible format characters (Arabic number signs and the like) are not in it."""

_SHOWN = re.compile(f"[{INVISIBLE}\r\x0b\x0c\x85\u2028\u2029]")


def visible(text: str) -> str:
    """``text`` with each invisible character, and each line break other than a newline,
    written as ``<U+200B>``: a message quoting a value must not send raw control characters
    to the terminal, nor hide the difference between two names that look the same."""
    if _SHOWN.search(text) is None:
        return text
    return _SHOWN.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


class Lang(StrEnum):
    """Languages of user-facing messages."""

    ZH = "zh"
    EN = "en"


@dataclass(frozen=True, slots=True)
class Text:
    """One piece of user-facing text in both languages.

    Either language may hold ``str.format`` placeholders; :meth:`format` fills them.
    """

    zh: str
    """The Chinese text (the default)."""
    en: str
    """The English text."""

    def get(self, lang: Lang) -> str:
        """Return the text in ``lang``."""
        return self.zh if lang is Lang.ZH else self.en

    def format(self, lang: Lang, **params: object) -> str:
        """Return the text in ``lang`` with its placeholders filled from ``params``."""
        return self.get(lang).format(**params)


def counted(number: int, noun: str) -> str:
    """``number`` and an English ``noun`` that takes ``s`` in the plural: ``1 error``,
    ``2 errors``, ``0 warnings``."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
