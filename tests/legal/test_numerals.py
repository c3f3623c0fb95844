"""Chinese numerals in citations."""

from __future__ import annotations

import pytest

from catalog_tool.legal.numerals import format_number, parse_number, to_int

VALID = [
    ("一", 1),
    ("十", 10),
    ("一十", 10),
    ("十五", 15),
    ("二十", 20),
    ("三十", 30),
    ("三十五", 35),
    ("一百", 100),
    ("一百零五", 105),
    ("一百一十", 110),
    ("一百十", 110),
    ("一百二十五", 125),
    ("二百", 200),
    ("两百", 200),
    ("二百零一", 201),
    ("九百九十九", 999),
    ("一千", 1000),
    ("一千零一", 1001),
    ("一千零一十", 1010),
    ("一千零十", 1010),
    ("一千一百", 1100),
    ("一千二百六十", 1260),
    ("两千", 2000),
    ("九千九百九十九", 9999),
    ("零", 0),
    ("〇", 0),
    ("二〇一九", 2019),
    ("一九九九", 1999),
    ("12", 12),
    ("１２", 12),
    (" 八 ", 8),
]

INVALID = [
    "",
    " ",
    "条",
    "abc",
    "一百五",  # colloquial 150 or 105: ambiguous, so rejected
    "十十",
    "一二百",
    "百一千",
    "一百零",
    "零五十",
    "两",
    "一千万",
    "1234567",
    "十-",
]


@pytest.mark.parametrize(("text", "value"), VALID)
def test_parse_valid(text: str, value: int) -> None:
    assert parse_number(text) == value
    assert to_int(text) == value


@pytest.mark.parametrize("text", INVALID)
def test_parse_invalid(text: str) -> None:
    assert parse_number(text) is None
    with pytest.raises(ValueError, match="not a numeral"):
        to_int(text)


def test_positional_digit_string() -> None:
    # Digit strings without units read position by position, as years are written.
    assert parse_number("一零零") == 100


@pytest.mark.parametrize("value", [1, 9, 10, 15, 20, 99, 100, 101, 105, 110, 999, 1000, 1001, 1010])
def test_format_round_trip(value: int) -> None:
    assert parse_number(format_number(value)) == value


def test_format_examples() -> None:
    assert format_number(10) == "十"
    assert format_number(15) == "十五"
    assert format_number(105) == "一百零五"
    assert format_number(1001) == "一千零一"
    assert format_number(1260) == "一千二百六十"
    assert format_number(0) == "零"


def test_format_round_trip_all() -> None:
    for value in range(10_000):
        assert parse_number(format_number(value)) == value


def test_format_out_of_range() -> None:
    with pytest.raises(ValueError, match="out of range"):
        format_number(10_000)
