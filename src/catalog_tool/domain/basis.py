"""设定依据 as sets of atomic references, so two basis lists compare by what they cite.

``《中华人民共和国食品安全法》第一百一十条第（一）项、第（二）项`` becomes two atoms, each
(title key, one article reference); a document number is an atom of its own. Width,
brackets and the 中华人民共和国 prefix do not matter. Text the parser cannot read compares
by its :func:`form_key`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from catalog_tool.domain.normalize import form_key
from catalog_tool.legal.citation import ArticleRef, cached_parse


@dataclass(frozen=True, slots=True)
class Atom:
    """One thing a basis cites: an article of a law, a whole law, or a document number."""

    title: str | None
    """Canonical title key (without 中华人民共和国)."""
    article: ArticleRef | None = None
    doc_number: str | None = None
    raw: str | None = None
    """Form key of text that could not be parsed."""
    written: str | None = field(default=None, compare=False)
    """The title as written in the citation, for messages."""

    def display(self) -> str:
        """How the atom reads in a message."""
        if self.raw is not None:
            return self.raw
        title = self.written or self.title
        head = f"《{title}》" if title else ""
        if self.article is not None:
            return head + self.article.display()
        return head + (self.doc_number or "")


@lru_cache(maxsize=65536)
def atoms_of(text: str) -> tuple[Atom, ...]:
    """The atoms one basis string cites."""
    result = cached_parse(text)
    if not result.citations:
        return (Atom(None, raw=form_key(text)),)
    atoms: list[Atom] = []
    for citation in result.citations:
        key = citation.title_key
        if citation.articles:
            atoms.extend(Atom(key, article=a, written=citation.title) for a in citation.articles)
        elif key is not None:
            atoms.append(Atom(key, doc_number=citation.doc_number, written=citation.title))
        if key is None and citation.doc_number is not None:
            atoms.append(Atom(None, doc_number=citation.doc_number))
    return tuple(dict.fromkeys(atoms))


def atom_set(basis: Iterable[str]) -> dict[Atom, int]:
    """Atoms of a basis list, each with the index of the first string that cites it."""
    out: dict[Atom, int] = {}
    for index, text in enumerate(basis):
        for atom in atoms_of(text):
            out.setdefault(atom, index)
    return out
