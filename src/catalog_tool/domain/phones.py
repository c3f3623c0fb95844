"""Telephone numbers in service guides: fixed lines, mobiles, hotlines."""

from __future__ import annotations

import re
from functools import lru_cache

_SEPARATORS = re.compile(r"[、，,;；/\s]+|或|和|及")
_VALID = re.compile(
    r"0\d{2,3}-?\d{7,8}(?:(?:-|转)\d{1,6})?"  # fixed line with area code (and extension)
    r"|(?:\+?86-?)?1[3-9]\d{9}"  # mobile
    r"|(?:0\d{2,3}-?)?1\d{4}"  # 12345-style hotlines, optionally with an area code
    r"|[48]00-?\d{3}-?\d{4}"  # 400/800 service numbers
    r"|95\d{3,4}"  # 95xxx service numbers
)
_DASHES = str.maketrans({"－": "-", "—": "-", "–": "-", "‐": "-", "（": "(", "）": ")"})


def numbers(text: str) -> list[str]:
    """The numbers written in one phone field (several may be given)."""
    folded = text.translate(_DASHES)
    folded = re.sub(r"[０-９]", lambda m: chr(ord(m.group(0)) - 0xFEE0), folded)
    folded = re.sub(r"\((0\d{2,3})\)\s*", r"\1-", folded)
    return [part for part in _SEPARATORS.split(folded) if part]


def is_valid(number: str) -> bool:
    """Whether ``number`` is a dialable Chinese telephone number."""
    return _VALID.fullmatch(number) is not None


@lru_cache(maxsize=16384)
def bad_numbers(text: str) -> tuple[str, ...]:
    """The numbers in ``text`` that are not valid (an empty field counts as one)."""
    found = numbers(text)
    if not found:
        return (text,)
    return tuple(n for n in found if not is_valid(n))
