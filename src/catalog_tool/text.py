"""Bilingual user-facing text: Chinese by default, English on request."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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
