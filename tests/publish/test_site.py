"""The guide site, read as files: layout, links, content, escaping, rebuilds."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from catalog_tool.errors import CatalogError
from catalog_tool.publish import (
    GUIDE_ORDER,
    MANIFEST,
    GuideFormat,
    SiteResult,
    build_site,
    export_guide,
)
from catalog_tool.publish.load import NOT_AN_ITEM, UNREADABLE, catalog_scope, map_items
from catalog_tool.publish.qrcode import qr_path
from catalog_tool.stats.facts import facts_of
from catalog_tool.text import Lang
from tests.publish.catalog import (
    DRUG,
    FOOD,
    FOOD_MATERIALS,
    PENALTY,
    add_item,
    items,
    write_item,
)
from tests.publish.htmltext import page_text, read, table_rows

ITEM = "items/370811/000101001000.html"
SEVERITY_C005 = '\n[severity]\nC005 = "warning"\n'  # catalog.toml: C005 only warns
URL = "https://zwfw.example.gov.cn/item/1"


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder``: its bytes and modification time."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_layout_of_the_site(built: tuple[Path, SiteResult]) -> None:
    site, result = built
    files = set(snapshot(site))
    pages = {f for f in files if f.startswith("items/")}
    assert pages == {
        "items/370811/000101001000.html",
        "items/370811/000201001000.html",
        "items/370826/000101001000.html",
        "items/370826/000101002000.html",
    }  # national items have no guide
    assert {f for f in files if f.startswith("regions/")} == {
        f"regions/{c}.html" for c in ("000000", "370000", "370800", "370811", "370826")
    }
    assert {f for f in files if f.startswith("types/")} == {
        "types/index.html",
        "types/01.html",
        "types/02.html",
    }
    assert {f for f in files if f.startswith("forms/")} == {
        "forms/食品经营许可申请书.pdf",
        "forms/食品经营许可申请书-示例.pdf",
    }
    # Two items share one online address: one QR code.
    assert {f for f in files if f.startswith("qr/")} == {qr_path(URL)}
    assert {
        "index.html",
        "departments/index.html",
        "assets/site.css",
        "assets/search.js",
        "search-index.js",
        "stats.html",
        MANIFEST,
    } <= files
    assert result.items == 4
    assert result.skipped == ()
    assert result.output.files == len(files) - 1  # the manifest is not counted
    manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["files"] == sorted(files - {MANIFEST})


def test_every_page_works_offline(built: tuple[Path, SiteResult]) -> None:
    """Every stylesheet, script, image and link is a relative path to a file of the site;
    the only absolute URL is the online-handling address, as a link."""
    site, _ = built
    checked = 0
    for page in site.rglob("*.html"):
        for tag, value, attrs in read(page.read_text(encoding="utf-8")).links:
            parts = urlsplit(value)
            if value == "data:,":
                continue
            if parts.scheme:
                assert (tag, value, attrs.get("class")) == ("a", URL, "url"), (page, value)
                continue
            assert not value.startswith("/"), (page, value)
            target = (page.parent / unquote(parts.path)).resolve()
            if parts.path:
                assert target.is_file(), (page.relative_to(site), value)
            checked += 1
    assert checked > 100


def test_item_page_shows_every_element_in_the_standard_order(
    built: tuple[Path, SiteResult],
) -> None:
    site, _ = built
    html = (site / ITEM).read_text(encoding="utf-8")
    text = page_text(html)
    positions = [text.find(label.zh) for label in GUIDE_ORDER]
    assert -1 not in positions, [
        label.zh for label, p in zip(GUIDE_ORDER, positions, strict=True) if p < 0
    ]
    assert positions == sorted(positions)
    for value in (
        "000101001000",
        "《中华人民共和国食品安全法》第三十五条第一款",
        "济宁市任城区行政审批服务局",
        "具有与经营的食品品种、数量相适应的经营场所",
        "20 个工作日",
        "5 个工作日 比法定时限压缩 75%",
        "不收费",
        "0 次",
        "是 · 网上办理深度 4 级",
        "为民服务中心（政务服务大厅）",
        "0537-2216800",
        "食品经营许可证（证照）",
    ):
        assert value in text, value


def test_materials_table_rows_and_form_links(built: tuple[Path, SiteResult]) -> None:
    site, _ = built
    html = (site / ITEM).read_text(encoding="utf-8")
    rows = table_rows(html, "materials")
    assert rows[0] == ["序号", "材料名称", "形式", "份数", "来源", "依据", "表格"]
    assert [r[0] for r in rows[1:]] == ["1", "2", "3", "4"]
    assert [r[1] for r in rows[1:]] == [
        f"{FOOD_MATERIALS[0]} 必要",
        f"{FOOD_MATERIALS[1]} 必要",
        f"{FOOD_MATERIALS[2]} 必要",
        f"{FOOD_MATERIALS[3]} 非必要填报须知：委托他人办理的提供",
    ]
    assert [r[2:5] for r in rows[1:]] == [
        ["原件纸质和电子", "1", "申请人自备"],
        ["原件纸质和电子", "1", "申请人自备"],
        ["原件纸质", "1", "申请人自备"],
        ["原件纸质和电子", "2", "申请人自备"],
    ]
    assert rows[1][6] == "空白表格 示例样表"
    assert rows[2][6] == ""
    links = {v for tag, v, _ in read(html).links if tag == "a" and "forms/" in v}
    assert links == {
        "../../forms/%E9%A3%9F%E5%93%81%E7%BB%8F%E8%90%A5%E8%AE%B8%E5%8F%AF%E7%94%B3%E8%AF%B7%E4%B9%A6.pdf",
        "../../forms/%E9%A3%9F%E5%93%81%E7%BB%8F%E8%90%A5%E8%AE%B8%E5%8F%AF%E7%94%B3%E8%AF%B7%E4%B9%A6-%E7%A4%BA%E4%BE%8B.pdf",
    }


def test_steps_diagram_marks_uncounted_steps_with_their_days(
    built: tuple[Path, SiteResult],
) -> None:
    site, _ = built
    html = (site / ITEM).read_text(encoding="utf-8")
    svg = re.search(r'<svg[^>]*class="steps".*?</svg>', html, re.S)
    assert svg is not None
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg.group(0))
    assert texts == [
        "1", "受理", "1 个工作日",
        "2", "审查", "2 个工作日",
        "3", "现场核查", "不计入法定时限 · 3 个工作日",
        "4", "决定", "1 个工作日",
    ]  # fmt: skip
    assert svg.group(0).count('class="dot dashed"') == 1


def test_qr_code_is_a_local_svg_of_the_online_address(built: tuple[Path, SiteResult]) -> None:
    site, _ = built
    html = (site / ITEM).read_text(encoding="utf-8")
    assert f'<img src="../../{qr_path(URL)}" alt="扫码办理"' in html
    svg = (site / qr_path(URL)).read_text(encoding="utf-8")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox=')
    assert f"<title>{URL}</title>" in svg


def test_enforcement_items_have_no_conditions_or_materials(
    built: tuple[Path, SiteResult],
) -> None:
    site, _ = built
    text = page_text((site / "items/370811/000201001000.html").read_text(encoding="utf-8"))
    assert "受理条件 不适用 申请材料 不适用 办理流程" in text
    assert PENALTY in text


def test_index_pages_by_region_department_and_type(built: tuple[Path, SiteResult]) -> None:
    site, _ = built
    home = page_text((site / "index.html").read_text(encoding="utf-8"))
    assert "山东省政务服务事项办事指南" in home
    # The region tree follows regions.yaml, with the items at and below each region.
    assert "全国 4 项 山东省 4 项 济宁市 4 项 任城区 2 项 微山县 2 项" in home
    assert "行政许可 3 项 行政处罚 1 项" in home
    county = (site / "regions/370826.html").read_text(encoding="utf-8")
    assert [r[:2] for r in table_rows(county, "items")] == [
        ["事项名称", "基本编码"],
        [FOOD, "000101001000"],
        [DRUG, "000101002000"],
    ]
    departments = page_text((site / "departments/index.html").read_text(encoding="utf-8"))
    assert "任城区 济宁市任城区市场监督管理局 1 项 济宁市任城区行政审批服务局 1 项" in departments
    assert "微山县 微山县行政审批服务局 2 项" in departments
    licences = (site / "types/01.html").read_text(encoding="utf-8")
    # One table per region: 任城区, then 微山县.
    assert [r[0] for r in table_rows(licences, "items")] == [
        "事项名称",
        FOOD,
        "事项名称",
        FOOD,
        DRUG,
    ]


def test_search_index_lists_every_published_item(built: tuple[Path, SiteResult]) -> None:
    site, result = built
    script = (site / "search-index.js").read_text(encoding="utf-8")
    assert script.startswith("window.CATALOG_SEARCH={") and script.endswith("};\n")
    data = json.loads(script.removeprefix("window.CATALOG_SEARCH=").removesuffix(";\n"))
    items = data["items"]
    decoded = [
        (
            data["keys"][items[i]][0],
            data["keys"][items[i]][1],
            data["regions"][items[i + 1]][1],
            data["departments"][items[i + 2]],
        )
        for i in range(0, len(items), 3)
    ]
    assert decoded == [
        (FOOD, "000101001000", "任城区", "济宁市任城区行政审批服务局"),
        (PENALTY, "000201001000", "任城区", "济宁市任城区市场监督管理局"),
        (FOOD, "000101001000", "微山县", "微山县行政审批服务局"),
        (DRUG, "000101002000", "微山县", "微山县行政审批服务局"),
    ]
    assert result.search_index_bytes == len(script.encode())


def test_dashboard_is_linked_from_the_home_page(built: tuple[Path, SiteResult]) -> None:
    site, result = built
    home = read((site / "index.html").read_text(encoding="utf-8"))
    assert ("a", "stats.html") in {(tag, value) for tag, value, _ in home.links}
    dashboard = (site / "stats.html").read_text(encoding="utf-8")
    assert dashboard.count('<svg xmlns="http://www.w3.org/2000/svg"') == 3
    assert '<a href="index.html">返回办事指南</a>' in dashboard
    assert result.stats is not None and result.stats.items == 7


def test_item_text_is_escaped_everywhere(tiny: Path, tmp_path: Path) -> None:
    data = items()["370811/000101001000.yaml"]
    data["materials"][0]["name"] = '申请书"><img src=x onerror=alert(1)>'
    add_item(tiny, data, "000101003000", "<script>window.pwned=1</script>食品经营许可")
    site = tmp_path / "site"
    result = build_site(tiny, site)
    assert result.skipped == ()
    page = (site / "items/370811/000101003000.html").read_text(encoding="utf-8")
    assert "<h1>&lt;script&gt;window.pwned=1&lt;/script&gt;食品经营许可</h1>" in page
    assert "申请书&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "<script>window" not in text and "<img src=x" not in text, html


def test_rebuilding_an_unchanged_catalog_changes_no_file(tiny: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_site(tiny, site)
    before = snapshot(site)
    again = build_site(tiny, site)
    assert snapshot(site) == before  # same bytes, same modification times
    assert (again.output.written, again.output.removed) == (0, 0)


def test_rebuild_removes_what_no_longer_belongs_and_nothing_else(
    tiny: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    build_site(tiny, site)
    (site / "notes.txt").write_text("mine", encoding="utf-8")
    (tiny / "370826/000101002000.yaml").unlink()
    again = build_site(tiny, site)
    assert not (site / "items/370826/000101002000.html").exists()
    assert (site / "items/370826/000101001000.html").is_file()
    assert (site / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert again.output.removed == 1
    manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    assert "items/370826/000101002000.html" not in manifest["files"]


def test_a_folder_not_made_by_the_export_is_refused(tiny: Path, tmp_path: Path) -> None:
    site = tmp_path / "mine"
    site.mkdir()
    (site / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(CatalogError) as caught:
        build_site(tiny, site)
    assert "不是空文件夹" in caught.value.text.zh
    assert [p.name for p in site.iterdir()] == ["thesis.docx"]


def test_region_covers_the_region_and_the_regions_below(tiny: Path, tmp_path: Path) -> None:
    city = build_site(tiny, tmp_path / "city", region="370800")
    assert city.items == 4
    assert {p.name for p in (tmp_path / "city/regions").iterdir()} == {
        "370800.html",
        "370811.html",
        "370826.html",
    }
    county = build_site(tiny, tmp_path / "county", region="370826")
    assert county.items == 2
    home = page_text((tmp_path / "county/index.html").read_text(encoding="utf-8"))
    assert home.startswith("微山县政务服务事项办事指南")
    assert "微山县 2 项" in home and "任城区" not in home


def test_english_labels_with_lang_en(tiny: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_site(tiny, site, lang=Lang.EN)
    html = (site / ITEM).read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    text = page_text(html)
    positions = [text.find(label.en) for label in GUIDE_ORDER]
    assert -1 not in positions and positions == sorted(positions)
    assert "5 working days 75% shorter than the statutory limit" in text
    assert FOOD in text  # catalog data stays as written


def test_invalid_items_are_skipped_and_reported(tiny: Path, tmp_path: Path) -> None:
    data = items()["370826/000101002000.yaml"]
    del data["venue"]
    write_item(tiny, "370826/000101002000.yaml", data)
    result = build_site(tiny, tmp_path / "site")
    assert result.items == 3
    assert [(s.file, s.reason) for s in result.skipped] == [
        ("370826/000101002000.yaml", NOT_AN_ITEM)
    ]


def test_forms_outside_the_catalog_or_missing_are_not_linked(tiny: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"not for publication")
    data = items()["370811/000101001000.yaml"]
    data["materials"][0]["blank_form"] = "../secret.pdf"
    data["materials"][0]["sample"] = "forms/missing.pdf"
    write_item(tiny, "370811/000101001000.yaml", data)
    site = tmp_path / "site"
    build_site(tiny, site)
    rows = table_rows((site / ITEM).read_text(encoding="utf-8"), "materials")
    assert rows[1][6] == ""
    assert sorted(p.name for p in (site / "forms").iterdir()) == [
        "食品经营许可申请书-示例.pdf",
        "食品经营许可申请书.pdf",
    ]  # what the other county's guide links to
    assert not any(p.read_bytes() == b"not for publication" for p in site.rglob("*.pdf"))


def test_qr_codes_follow_the_online_addresses(tiny: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_site(tiny, site)
    other = "https://zwfw.example.gov.cn/item/2"
    for file in ("370811/000101001000.yaml", "370826/000101002000.yaml"):
        data = items()[file]
        data["online"]["url"] = other
        write_item(tiny, file, data)
    build_site(tiny, site)
    assert sorted(p.name for p in (site / "qr").iterdir()) == [qr_path(other)[3:]]
    for file in ("370811/000101001000.yaml", "370826/000101002000.yaml"):
        write_item(tiny, file, items()[file])
    build_site(tiny, site)  # back again: the code removed before is drawn again
    assert sorted(p.name for p in (site / "qr").iterdir()) == [qr_path(URL)[3:]]


def test_a_damaged_manifest_is_refused(tiny: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_site(tiny, site, dashboard=False)
    (site / MANIFEST).write_text("{not json", encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        build_site(tiny, site, dashboard=False)
    assert caught.value.text.zh == f"无法读取 {site / MANIFEST}"


def test_an_item_with_errors_is_not_published_and_is_listed(tiny: Path, tmp_path: Path) -> None:
    data = items()["370811/000101001000.yaml"]
    wrong = "11370811MB2822838X"  # the check character should be H (C005)
    data["agency"]["credit_code"] = wrong
    data["impl_code"] = wrong + data["impl_code"][18:]
    write_item(tiny, "370811/000101001000.yaml", data)
    site = tmp_path / "site"
    result = build_site(tiny, site)
    assert result.items == 3
    assert [(s.where, s.reason.zh) for s in result.skipped] == [
        # Line 12 of the JSON file: `    "credit_code": "11370811MB2822838X",`
        ("370811/000101001000.yaml:12:5", "有错误(C005),未发布(运行 catalog validate 查看)")
    ]
    assert not (site / ITEM).exists()
    assert ITEM.encode() not in (site / "regions/370811.html").read_bytes()
    script = (site / "search-index.js").read_text(encoding="utf-8")
    assert len(json.loads(script[script.index("{") : -2])["items"]) == 3 * 3
    # The dashboard still counts it: it is an item of the catalog, with an error.
    assert result.stats is not None and result.stats.items == 7
    # Fixed, it is published again.
    write_item(tiny, "370811/000101001000.yaml", items()["370811/000101001000.yaml"])
    again = build_site(tiny, site)
    assert (again.items, again.skipped) == (4, ())
    assert (site / ITEM).is_file()


def test_a_file_that_is_not_an_item_is_listed_at_its_first_error(
    tiny: Path, tmp_path: Path
) -> None:
    data = items()["370811/000101001000.yaml"]
    data["agency"]["remark"] = "备注"  # S002: agency has no such key
    write_item(tiny, "370811/000101001000.yaml", data)
    lines = (tiny / "370811/000101001000.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[13] == '    "remark": "备注"'  # line 14, the key at column 5
    result = build_site(tiny, tmp_path / "site", dashboard=False)
    assert [(s.where, s.reason) for s in result.skipped] == [
        ("370811/000101001000.yaml:14:5", NOT_AN_ITEM)
    ]
    # The same place without the validate report (the reader's own findings, located in
    # the file as validate locates them: not 1:1, the start of a flow-style file).
    scope = catalog_scope(tiny)
    assert [s.where for s in map_items(scope, facts_of, jobs=1).skipped] == [
        "370811/000101001000.yaml:14:5"
    ]


def test_a_file_with_no_place_to_point_at_is_listed_by_its_path(tiny: Path, tmp_path: Path) -> None:
    # A link to nothing: validate says Y007 "cannot read" (at 1:1, a place it does not have).
    (tiny / "370811/000101009000.yaml").symlink_to(tiny / "370811/gone.yaml")
    result = build_site(tiny, tmp_path / "site", dashboard=False)
    assert [(s.where, s.position, s.reason) for s in result.skipped] == [
        ("370811/000101009000.yaml", None, UNREADABLE)
    ]


def test_an_error_turned_into_a_warning_does_not_hold_an_item_back(
    tiny: Path, tmp_path: Path
) -> None:
    data = items()["370811/000101001000.yaml"]
    wrong = "11370811MB2822838X"
    data["agency"]["credit_code"] = wrong
    data["impl_code"] = wrong + data["impl_code"][18:]
    write_item(tiny, "370811/000101001000.yaml", data)
    config = tiny / "catalog.toml"
    config.write_text(config.read_text(encoding="utf-8") + SEVERITY_C005, encoding="utf-8")
    result = build_site(tiny, tmp_path / "site")
    assert (result.items, result.skipped) == (4, ())


def test_region_tree_follows_the_order_and_nesting_of_regions_yaml(
    tiny: Path, tmp_path: Path
) -> None:
    # 微山县 listed before 任城区, and a second city with no items yet.
    (tiny / "regions.yaml").write_text(
        "\n".join(
            [
                '- {code: "000000", name: 全国}',
                '- {code: "370000", name: 山东省, parent: "000000"}',
                '- {code: "370800", name: 济宁市, parent: "370000"}',
                '- {code: "370826", name: 微山县, parent: "370800"}',
                '- {code: "370811", name: 任城区, parent: "370800"}',
                '- {code: "370100", name: 济南市, parent: "370000"}',
                "",
            ]
        ),
        encoding="utf-8",
    )
    site = tmp_path / "site"
    build_site(tiny, site, dashboard=False)
    html = (site / "index.html").read_text(encoding="utf-8")
    tree = re.search(r'<ul class="tree">.*?</section>', html, re.S)
    assert tree is not None
    # Nesting as markup: each region's list item holds the list of its children.
    shape = re.sub(
        r'<a href="regions/(\d+)\.html">[^<]*</a> <span class="count">[^<]*</span>',
        r"\1",
        tree.group(0),
    )
    assert shape.startswith(
        '<ul class="tree"><li>000000<ul><li>370000<ul>'
        "<li>370800<ul><li>370826</li><li>370811</li></ul></li>"
        "<li>370100</li></ul></li></ul></li></ul>"
    )
    assert "全国 4 项 山东省 4 项 济宁市 4 项 微山县 2 项 任城区 2 项 济南市 0 项" in page_text(
        html
    )


def test_two_builds_give_the_same_bytes(
    tiny: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Deterministic output: two builds into different folders, file by file; the second
    on a pool of worker processes, as a large catalog is built."""
    for fmt in (GuideFormat.HTML, GuideFormat.MD, GuideFormat.DOCX):
        one = export_guide(tiny, tmp_path / f"{fmt}-a", fmt, jobs=1).output
        with monkeypatch.context() as patch:
            patch.setattr("catalog_tool.publish.load.PARALLEL_THRESHOLD", 1)
            patch.setattr("catalog_tool.publish.load.CHUNK", 2)
            two = export_guide(tiny, tmp_path / f"{fmt}-b", fmt, jobs=2).output
        assert (one.files, one.written) == (two.files, two.written) == (two.files, two.files)
        a = {k: v for k, (v, _) in snapshot(tmp_path / f"{fmt}-a").items()}
        b = {k: v for k, (v, _) in snapshot(tmp_path / f"{fmt}-b").items()}
        assert len(a) >= 3 and a == b, fmt
