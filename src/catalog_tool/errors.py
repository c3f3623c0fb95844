"""Errors that stop a command. The CLI turns each into a message and exit code 2."""

from __future__ import annotations

from catalog_tool.text import Lang, Text


class CatalogError(Exception):
    """Unusable input, configuration or environment: the user can fix it.

    ``text`` is the bilingual message; ``hint`` says how to fix it.
    """

    def __init__(self, text: Text, hint: Text | None = None) -> None:
        super().__init__(text.en)
        self.text = text
        self.hint = hint

    def render(self, lang: Lang) -> str:
        """The message, and the hint on its own line, in ``lang``."""
        out = self.text.get(lang)
        if self.hint is not None:
            out += "\n" + self.hint.get(lang)
        return out
