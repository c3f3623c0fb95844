"""Canonical text and form keys."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog_tool.diagnostics import fill
from catalog_tool.domain.normalize import (
    canonical_text,
    canonical_text_rounds,
    differs_only_in_form,
    form_key,
)
from catalog_tool.text import Text, visible


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("食品经营许可 ", "食品经营许可"),
        ("食品 经营许可", "食品经营许可"),
        ("第三十二条第一款第(五)项", "第三十二条第一款第（五）项"),
        ("国发[2019]6号", "国发〔2019〕6号"),
        ("国发﹝2019﹞6号", "国发〔2019〕6号"),
        ("食品经营许可,备案", "食品经营许可，备案"),
        ("《中华人民共和国食品安全法》第３５条", "《中华人民共和国食品安全法》第35条"),
        ("9:00-17:00", "9:00-17:00"),
        ("ABC 公司", "ABC公司"),
        ("Hello world", "Hello world"),
    ],
)
def test_canonical_text(text: str, canonical: str) -> None:
    assert canonical_text(text) == canonical


@given(st.text(alphabet="食品许可（）() ,，、;；:：ＡA１1〔〕[]", max_size=20))
def test_canonical_text_is_idempotent(text: str) -> None:
    once = canonical_text(text)
    assert canonical_text(once) == once


# A text canonical_text returns unchanged without the rounds must be one they leave unchanged.
_EDGES = "食品许可（）()[]【】〔〕﹝﹞ ,，;；:：?？!！ＡAａa１1０20192020号\u3000\xa0\t\n\x1c\x85\u2028\u200b\ufeff\x07"


@given(st.text(alphabet=_EDGES, max_size=24))
def test_canonical_text_shortcut_agrees_with_the_rounds(text: str) -> None:
    assert canonical_text(text) == canonical_text_rounds(text)


def test_the_shortcut_passes_only_characters_the_rounds_keep() -> None:
    """Every character that canonical_text lets through unexamined is kept by the rounds,
    alone and between Chinese characters or digits (the Basic Multilingual Plane and the
    tag characters of plane 14)."""
    changed = []
    for point in [*range(0xD800), *range(0xE000, 0x10000), *range(0xE0000, 0xE0080)]:
        char = chr(point)
        for text in (char, f"食{char}品", f"1{char}1"):
            if canonical_text(text) == text and canonical_text_rounds(text) != text:
                changed.append(f"U+{point:04X}")
    assert changed == []


def test_form_key_ignores_form_only() -> None:
    assert differs_only_in_form("食品经营许可(新办)", "食品经营许可（新办）")
    assert differs_only_in_form("食品经营许可、备案", "食品经营许可，备案")
    assert not differs_only_in_form("食品经营许可", "食品经营许可")
    assert not differs_only_in_form("食品经营许可", "食品经营许可证")
    assert form_key("授权委托书 ") == form_key("授权委托书")


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("食品经营\u200b许可", "食品经营许可"),
        ("食品经营\u200c\u200d许可", "食品经营许可"),
        ("\ufeff食品经营许可\u2060", "食品经营许可"),
        ("食品经营\x07许可", "食品经营许可"),
        ("食品经营\u202e许可\u202c", "食品经营许可"),
        ("食品\u00ad经营许可", "食品经营许可"),
        ("食品 \u200b经营许可", "食品经营许可"),
        ("Hello\u200b world", "Hello world"),
        ("国发[2019]\u200b6号", "国发〔2019〕6号"),
    ],
)
def test_canonical_text_drops_invisible_characters(text: str, canonical: str) -> None:
    assert canonical_text(text) == canonical


def _invisible_kinds() -> list[str]:
    """Every control character but tab and line breaks, and every format character that
    shows nothing (the visible ones, such as the Arabic number sign, are letters' marks)."""
    shown = {0x600, 0x601, 0x602, 0x603, 0x604, 0x605, 0x6DD, 0x70F, 0x890, 0x891, 0x8E2}
    shown |= {0x110BD, 0x110CD, *range(0x13430, 0x13440), *range(0x1BCA0, 0x1BCA4)}
    shown |= set(range(0x1D173, 0x1D17B))
    return [
        chr(c)
        for c in range(sys.maxunicode + 1)
        if (category := unicodedata.category(chr(c))) in ("Cc", "Cf")
        and not chr(c).isspace()
        and not (category == "Cf" and c in shown)
    ]


def test_every_invisible_character_is_dropped_and_shown() -> None:
    for ch in _invisible_kinds():
        assert canonical_text(f"食品{ch}经营") == "食品经营", f"U+{ord(ch):04X}"
        assert visible(f"食品{ch}经营") == f"食品<U+{ord(ch):04X}>经营"


@pytest.mark.parametrize(
    "text",
    [
        "食品经营许可（新办）；备案：核发？",
        "《中华人民共和国食品安全法》第三十五条第（五）项",
        "葛\U000e0100某某的授权委托书",  # an ideographic variation sequence
        "ISO 9001认证",
    ],
)
def test_legitimate_characters_are_kept(text: str) -> None:
    assert canonical_text(text) == text
    assert visible(text) == text


def test_form_key_ignores_invisible_characters() -> None:
    assert differs_only_in_form("食品经营\u200b许可", "食品经营许可")
    assert differs_only_in_form("食品经营\x07许可", "食品经营许可")
    assert not differs_only_in_form("食品经营\u200b许可证", "食品经营许可")
    assert form_key("\ufeff授权委托书") == form_key("授权委托书")


@given(st.text(alphabet="食品许可（）() ,，\u200b\u200d\ufeff\x07\u202e\t\r\n", max_size=20))
def test_canonical_text_with_invisible_characters_is_idempotent_and_visible(text: str) -> None:
    once = canonical_text(text)
    assert canonical_text(once) == once
    assert visible(once) == once


def test_messages_show_invisible_characters_instead_of_sending_them() -> None:
    message = fill(Text('名称"{value}"', 'name "{value}"'), {"value": "食品经营\u200b许可\x07"})
    assert message == Text(
        '名称"食品经营<U+200B>许可<U+0007>"', 'name "食品经营<U+200B>许可<U+0007>"'
    )
    assert visible("第一行\n第二行\r") == "第一行\n第二行<U+000D>"
