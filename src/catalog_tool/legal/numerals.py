"""Chinese numerals as written in legal citations (第三十五条, 第一百零五条, 第（五）项).

Only the range that legal texts use is supported: 0 to 9999. Arabic digits (half- or
full-width) are accepted too, because catalogs often write ``第12条``.
"""

from __future__ import annotations

from typing import Final

DIGITS: Final[dict[str, int]] = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
"""Chinese digit characters and their values."""

UNITS: Final[dict[str, int]] = {"十": 10, "百": 100, "千": 1000}
"""Chinese unit characters and their values."""

NUMERAL_CHARS: Final[str] = "".join(DIGITS) + "".join(UNITS)
"""Every character that may appear in a Chinese numeral (for building regexes)."""

_FULL_WIDTH_DIGITS: Final = str.maketrans("０１２３４５６７８９", "0123456789")
_MAX_ARABIC_LEN: Final = 6  # nothing in a citation needs more; guards against huge ints


def parse_number(text: str) -> int | None:
    """Return the value of a Chinese or arabic numeral, or None when it is not one.

    Accepts ``十`` (10), ``十五`` (15), ``一百零五`` (105), ``二百`` (200), ``一千零一`` (1001),
    ``两百`` (200), digit strings such as ``二〇一九`` (2019) and arabic digits (``12``, ``１２``).
    Surrounding whitespace is ignored. Ambiguous colloquial forms such as ``一百五`` (150 or
    105?) are rejected rather than guessed.
    """
    s = text.strip().translate(_FULL_WIDTH_DIGITS)
    if not s:
        return None
    if s.isascii() and s.isdigit():
        return int(s) if len(s) <= _MAX_ARABIC_LEN else None
    if all(ch in DIGITS for ch in s):
        return _parse_positional(s)
    return _parse_with_units(s)


def to_int(text: str) -> int:
    """Like :func:`parse_number` but raise ``ValueError`` for text that is not a numeral."""
    value = parse_number(text)
    if value is None:
        raise ValueError(f"not a numeral: {text!r}")
    return value


def _parse_positional(s: str) -> int | None:
    # 二〇一九: digit by digit, the way years are written; 两 is never used positionally.
    if len(s) > 4 or "两" in s:
        return None
    value = 0
    for ch in s:
        value = value * 10 + DIGITS[ch]
    return value


def _parse_with_units(s: str) -> int | None:
    total = 0
    pending: int | None = None  # a digit waiting for its unit
    last_unit = 10_000  # units must strictly decrease: 一千一百 but not 一百一千
    zero_seen = False  # a 零 marks a skipped place, which licenses a bare trailing digit
    for i, ch in enumerate(s):
        if ch in UNITS:
            unit = UNITS[ch]
            if unit >= last_unit:
                return None
            if pending is None:
                # Only a leading 十 may drop its 一 (十五); 一百十 is accepted as 一百一十.
                if unit != 10 or (i != 0 and not _after_unit(s, i)):
                    return None
                pending = 1
            if pending == 0:
                return None
            total += pending * unit
            pending = None
            last_unit = unit
            zero_seen = False
        elif ch in DIGITS:
            digit = DIGITS[ch]
            if pending is not None:
                return None  # two digits in a row: 一二百
            if digit == 0:
                if zero_seen or i == 0:
                    return None
                zero_seen = True
                continue
            pending = digit
        else:
            return None
    if pending is not None:
        # A bare last digit needs the place right below the last unit (十五, 一百二十五)
        # or an explicit 零 (一百零五); 一百五 is ambiguous and rejected.
        if not (last_unit == 10 or zero_seen):
            return None
        total += pending
    elif zero_seen:
        return None  # trailing 零: 一百零
    return total


def _after_unit(s: str, i: int) -> bool:
    """Whether position ``i`` directly follows a unit or a 零 (for 一百十, 一千零十)."""
    return i > 0 and (s[i - 1] in UNITS or DIGITS.get(s[i - 1]) == 0)


_DIGIT_CHARS: Final = "零一二三四五六七八九"


def format_number(value: int) -> str:
    """Write ``value`` (0 to 9999) in Chinese numerals the way legal texts do.

    ``10`` → ``十``, ``15`` → ``十五``, ``105`` → ``一百零五``, ``1010`` → ``一千零一十``.
    """
    if not 0 <= value <= 9999:
        raise ValueError(f"out of range: {value}")
    if value == 0:
        return "零"
    if 10 <= value < 20:
        # 十五, not 一十五: the leading 一 is dropped only when 十 is the highest place.
        return "十" + (_DIGIT_CHARS[value - 10] if value > 10 else "")
    parts: list[str] = []
    gap = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = value // unit % 10
        if digit == 0:
            gap = bool(parts)
            continue
        if gap:
            parts.append("零")
            gap = False
        parts.append(_DIGIT_CHARS[digit] + name)
    return "".join(parts)
