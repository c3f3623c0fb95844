"""``diff --upstream``: each deviation from the upstream item classified, and the share of
items in full conformance per region."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import catalog_tool
from catalog_tool.diff import Category
from catalog_tool.errors import CatalogError
from tests.diff.gitrepo import SAMPLE, edit

COUNTY = Path("370811") / "000101001000.yaml"


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    root = tmp_path / "items"
    shutil.copytree(SAMPLE, root)
    return root


def _deviations(root: Path, region: str = "370811") -> dict[str, tuple[Category, str]]:
    result = catalog_tool.diff.drift(root, region, descendants=False)
    (item,) = [i for i in result.items if i.code == "000101001000"]
    return {d.path: (d.category, d.owner) for d in item.deviations}


def test_the_sample_catalog_conforms_everywhere() -> None:
    result = catalog_tool.diff.drift(SAMPLE, "370000")
    shares = {r.region: (r.items, r.with_upstream, r.conforming) for r in result.regions}
    assert shares == {
        "370000": (5, 5, 5),
        "370800": (8, 8, 8),
        "370811": (7, 7, 7),
        "370826": (6, 6, 6),
    }
    assert not result.has_differences


def test_local_fields_are_allowed(catalog: Path) -> None:
    found = _deviations(catalog)
    assert found["venue.phone"] == (Category.ALLOWED, "local")
    assert found["agency.name"] == (Category.ALLOWED, "local")
    assert found["online.url"] == (Category.ALLOWED, "local")
    assert all(category is Category.ALLOWED for category, _ in found.values())


def test_four_same_fields_and_standard_content_are_forbidden(catalog: Path) -> None:
    target = catalog / COUNTY
    edit(target, "name: 食品经营许可", "name: 食品经营许可证核发")
    edit(target, "  - name: 授权委托书", "  - name: 营业执照\n    required: true\n    form: 原件\n"
         "    copies: 1\n    media: 纸质\n    source: 申请人自备\n  - name: 授权委托书")  # fmt: skip
    found = _deviations(catalog)
    assert found["name"] == (Category.FORBIDDEN, "upstream")
    assert found["materials[营业执照]"] == (Category.FORBIDDEN, "upstream")


def test_what_upstream_has_and_the_item_lacks_is_missing(catalog: Path) -> None:
    target = catalog / COUNTY
    edit(target, "  - 具有合理的设备布局和工艺流程\n", "")
    found = _deviations(catalog)
    assert found["conditions[具有合理的设备布局和工艺流程]"] == (Category.MISSING, "upstream")


def test_promised_days_beyond_the_legal_limit_are_forbidden(catalog: Path) -> None:
    target = catalog / COUNTY
    edit(target, "promised_days: 5", "promised_days: 25")
    assert _deviations(catalog)["time_limit.promised_days"] == (Category.FORBIDDEN, "local")
    edit(target, "promised_days: 25", "promised_days: 3")
    assert _deviations(catalog)["time_limit.promised_days"] == (Category.ALLOWED, "local")


def test_a_local_regulation_may_be_added_to_the_basis(catalog: Path) -> None:
    target = catalog / COUNTY
    edit(target, "basis:\n  - 《中华人民共和国食品安全法》第三十五条第一款\n",
         "basis:\n  - 《中华人民共和国食品安全法》第三十五条第一款\n"
         "  - 《山东省食品小作坊小餐饮和食品摊点管理条例》第十条\n"
         "  - 《食品经营许可和备案管理办法》第二条\n")  # fmt: skip
    found = _deviations(catalog)
    assert found["basis[《山东省食品小作坊小餐饮和食品摊点管理条例》第十条]"][0] is Category.ALLOWED
    assert found["basis[《食品经营许可和备案管理办法》第二条]"][0] is Category.FORBIDDEN


def test_differences_only_in_form_are_not_deviations(catalog: Path) -> None:
    target = catalog / COUNTY
    edit(target, "  - name: 食品安全管理制度文本", "  - name: 食品安全 管理制度文本")
    edit(target, "具有合理的设备布局和工艺流程", "具有合理的设备布局 和工艺流程")
    edit(target, "name: 食品经营许可", "name: 食品经营许可 ")
    edit(target, "name: 食品经营许可 ", "name: 食品经营 许可")
    found = _deviations(catalog)
    assert "name" not in found and not any(p.startswith(("materials", "conditions")) for p in found)


def test_conformance_share_per_region(catalog: Path) -> None:
    edit(catalog / COUNTY, "name: 食品经营许可", "name: 食品经营许可证核发")
    result = catalog_tool.diff.drift(catalog, "370800")
    shares = {r.region: r.share for r in result.regions}
    assert shares == {"370800": 1.0, "370811": 6 / 7, "370826": 1.0}
    assert result.has_differences


def test_an_unknown_region_is_unusable_input(catalog: Path) -> None:
    with pytest.raises(CatalogError) as error:
        catalog_tool.diff.drift(catalog, "379999")
    assert "379999" in error.value.text.zh
