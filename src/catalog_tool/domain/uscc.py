"""统一社会信用代码 (GB 32100-2015): 18 characters with a mod-31 check character."""

from __future__ import annotations

from functools import lru_cache

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
"""The 31 characters of GB 32100 (no I, O, S, V, Z)."""
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}


def check_character(first17: str) -> str:
    """The check character for the first 17 characters of a code."""
    if len(first17) != 17:
        raise ValueError("need exactly 17 characters")
    total = sum(_VALUE[ch] * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


@lru_cache(maxsize=16384)
def problem(code: str) -> str | None:
    """Why ``code`` is not a valid 统一社会信用代码, or None when it is.

    The answer is a key: ``length``, ``alphabet`` or ``checksum``.
    """
    if len(code) != 18:
        return "length"
    if any(ch not in _VALUE for ch in code) or not code[2:8].isdigit():
        return "alphabet"
    if check_character(code[:17]) != code[17]:
        return "checksum"
    return None
