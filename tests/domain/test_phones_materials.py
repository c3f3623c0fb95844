"""Phone numbers and material kinds."""

from __future__ import annotations

import pytest

from catalog_tool.domain.materials import infer_kind, matching_phrase
from catalog_tool.domain.phones import bad_numbers
from catalog_tool.model.enums import MaterialKind


@pytest.mark.parametrize(
    "field",
    [
        "0537-2967000",
        "05372967000",
        "(0537)2967000",
        "0537－2967000",
        "0531-86974000转801",
        "13812345678",
        "12345",
        "0537-12345",
        "400-123-4567",
        "95588",
        "0537-2967000、12345",
        "0537-2967000；13812345678",
    ],
)
def test_valid_phone_fields(field: str) -> None:
    assert bad_numbers(field) == ()


@pytest.mark.parametrize(
    ("field", "bad"),
    [("2967000", ["2967000"]), ("12345、0537-29", ["0537-29"]), ("无", ["无"]), ("", [""])],
)
def test_invalid_phone_fields(field: str, bad: list[str]) -> None:
    assert bad_numbers(field) == tuple(bad)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("食品经营许可申请书", MaterialKind.FORM),
        ("工伤认定申请表（一式两份）", MaterialKind.FORM),
        ("授权委托书(代理人填写)申请表", MaterialKind.FORM),
        ("终止或者解除劳动关系的证明", MaterialKind.PROOF),
        ("营业执照复印件", MaterialKind.LICENCE),
        ("授权委托书", MaterialKind.OTHER),
    ],
)
def test_kind_from_name(name: str, kind: MaterialKind) -> None:
    assert infer_kind(name) is kind


def test_catch_all_phrases_match_ignoring_form() -> None:
    phrases = ["其他需要提供的材料"]
    assert matching_phrase("其他需要提供的材料 ", phrases) == "其他需要提供的材料"
    assert matching_phrase("食品经营许可申请书", phrases) is None
