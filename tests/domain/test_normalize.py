"""Canonical text and form keys."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog_tool.domain.normalize import canonical_text, differs_only_in_form, form_key


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


def test_form_key_ignores_form_only() -> None:
    assert differs_only_in_form("食品经营许可(新办)", "食品经营许可（新办）")
    assert differs_only_in_form("食品经营许可、备案", "食品经营许可，备案")
    assert not differs_only_in_form("食品经营许可", "食品经营许可")
    assert not differs_only_in_form("食品经营许可", "食品经营许可证")
    assert form_key("授权委托书 ") == form_key("授权委托书")
