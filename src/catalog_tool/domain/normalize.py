"""Canonical text: how names, citations and material names are written.

Chinese text takes full-width punctuation （），；：？！ and half-width digits and letters;
there are no spaces between Chinese characters; document numbers use 〔〕; there are no
invisible characters (zero-width spaces and joiners, direction marks, control characters:
:data:`catalog_tool.text.INVISIBLE`). ``catalog fmt``
writes this form, N003 reports text that is not in it, and :func:`form_key` compares two
texts while ignoring form altogether (F001, F006, M005, N002).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from catalog_tool.text import INVISIBLE

_CJK = "\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef《》“”‘’、"
_FULLWIDTH_ALNUM = {
    **{0xFF10 + i: chr(0x30 + i) for i in range(10)},
    **{0xFF21 + i: chr(0x41 + i) for i in range(26)},
    **{0xFF41 + i: chr(0x61 + i) for i in range(26)},
    0x3000: " ",
    0x00A0: " ",
    0xFE5D: "〔",
    0xFE5E: "〕",
}
_TO_FULL = {"(": "（", ")": "）", ",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_SPACES_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
_INVISIBLE = re.compile(f"[{INVISIBLE}]+")
_HALF_PUNCT = re.compile(r"[(),;:?!]")
_DOC_YEAR = re.compile(r"[\[［【(（]\s*((?:19|20)\d{2})\s*[\]］】)）](?=\s*\d+\s*号)")
_WHITESPACE = re.compile(r"\s+")
# Every character that canonical_text may change, besides a document year in brackets
# (_DOC_YEAR): whitespace, invisible characters, those _FULLWIDTH_ALNUM maps, and the
# half-width marks. Text holding none of them (most catalog text) is canonical as it is.
_CHANGEABLE = re.compile(
    rf"[\s{INVISIBLE}(),;:?!\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\ufe5d\ufe5e]"
)
_PUNCT_FOLD = str.maketrans(
    {
        "（": "(",
        "）": ")",
        "，": ",",
        "；": ";",
        "：": ":",
        "？": "?",
        "！": "!",
        "〔": "[",
        "〕": "]",
        "［": "[",
        "］": "]",
        "【": "[",
        "】": "]",
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "—": "-",
        "－": "-",
        "–": "-",
        "、": ",",
        "。": ".",
        "．": ".",
    }
)


def _is_cjk(ch: str) -> bool:
    return bool(ch) and bool(re.match(rf"[{_CJK}]", ch))


@lru_cache(maxsize=65536)
def canonical_text(text: str) -> str:
    """``text`` in canonical form (idempotent)."""
    if _CHANGEABLE.search(text) is None and _DOC_YEAR.search(text) is None:
        return text  # two searches cost less than the rounds: most catalog text is canonical
    return canonical_text_rounds(text)


def canonical_text_rounds(text: str) -> str:
    """:func:`canonical_text` without its shortcut for text that is canonical already."""
    out = _WHITESPACE.sub(" ", _INVISIBLE.sub("", text).translate(_FULLWIDTH_ALNUM).strip())
    # Until nothing changes: widening a mark makes its neighbours Chinese-adjacent, as in
    # "(五)" or "1 :", so spaces and marks next to it change on the next round.
    while True:
        step = _HALF_PUNCT.sub(_widen, _DOC_YEAR.sub(r"〔\1〕", _SPACES_NEAR_CJK.sub("", out)))
        if step == out:
            return out
        out = step


def _widen(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return _TO_FULL[match.group(0)] if _is_cjk(before) or _is_cjk(after) else match.group(0)


@lru_cache(maxsize=65536)
def form_key(text: str) -> str:
    """A key equal for texts that differ only in punctuation form, width, spaces or
    invisible characters."""
    folded = unicodedata.normalize("NFKC", canonical_text(text)).translate(_PUNCT_FOLD)
    return _WHITESPACE.sub("", folded).lower()


def has_invisible(text: str) -> bool:
    """True when ``text`` holds an invisible character that canonical text drops."""
    return _INVISIBLE.search(text) is not None


def differs_only_in_form(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ, but only in punctuation, width, spaces or invisible
    characters."""
    return a != b and form_key(a) == form_key(b)
