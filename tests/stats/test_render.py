"""The renderers of ``catalog stats``, and the command itself."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import openpyxl

from catalog_tool.stats import RENDERER_BY_NAME, StatsFormat, collect_stats, renderer
from catalog_tool.text import Lang
from tests.conftest import Result
from tests.publish.catalog import items, write_item

Run = Callable[..., Result]


def test_text(tiny: Path) -> None:
    text = RENDERER_BY_NAME[StatsFormat.TEXT](collect_stats(tiny), Lang.ZH).decode()
    lines = text.splitlines()
    assert lines[0] == "事项目录统计：全部目录"
    assert lines[1] == "事项 7 项（事项文件 7 个，未计入 0 个）；依申请事项 3 项"
    assert lines[4:6] == [
        "  事项类型      国家级  县级  合计",
        "  行政许可           2     3     5",
    ]
    assert "  县级  2/3 (66.7%)  目标 90%  未达标" in lines
    assert "即办件占比：1/3 (33.3%)" in lines
    assert "平均承诺时限/法定时限：25.0% (3 项事项)" in lines
    assert "最多跑一次：3/3 (100.0%)" in lines
    assert "零跑腿：2/3 (66.7%)" in lines
    english = RENDERER_BY_NAME[StatsFormat.TEXT](collect_stats(tiny), Lang.EN).decode()
    assert "Settled on the spot (即办件): 1/3 (33.3%)" in english.splitlines()


def test_json(tiny: Path) -> None:
    data = json.loads(RENDERER_BY_NAME[StatsFormat.JSON](collect_stats(tiny), Lang.ZH))
    assert data["version"] == 1
    assert data["summary"] == {"files": 7, "items": 7, "skipped": 0, "applications": 3}
    assert data["by_level"] == {"国家级": 3, "县级": 4}
    assert data["online_by_level"] == [
        {"level": "县级", "part": 2, "total": 3, "rate": 2 / 3, "target": 0.9, "met": False}
    ]
    assert data["immediate"] == {"part": 1, "total": 3, "rate": 1 / 3}
    assert data["promised_ratio"] == {"average": 0.25, "items": 3}
    assert data["visits"]["distribution"] == {"0": 2, "1": 1}
    regions = {r["region"]: r for r in data["findings"]["regions"]}
    assert regions["370826"]["compliance"] == 1.0
    assert regions["370826"]["by_family"]["O"] == 1


def test_xlsx(tiny: Path) -> None:
    data = RENDERER_BY_NAME[StatsFormat.XLSX](collect_stats(tiny), Lang.ZH)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == [
        "事项目录统计",
        "按类型和层级（在用）",
        "网上可办率",
        "到现场次数分布",
        "区划",
    ]
    online = book["网上可办率"]
    assert [c.value for c in online[1]] == [
        "层级",
        "网上可办事项",
        "依申请事项",
        "网上可办率",
        "目标",
        "是否达标",
    ]
    assert [c.value for c in online[2]] == ["县级", 2, 3, 2 / 3, 0.9, "未达标"]
    regions = book["区划"]
    assert [c.value for c in regions[1]] == [
        "区划",
        "区划代码",
        "层级",
        "事项",
        "网上可办率",
        "目标",
        "合规率",
        "M 申请材料",
        "T 办结时限",
        "O 政策目标",
    ]
    assert [c.value for c in regions[6]] == ["微山县", "370826", "县级", 2, 0.5, 0.9, 1, 1, 1, 1]
    assert online["D2"].number_format == "0.0%"
    levels = book["按类型和层级（在用）"]
    assert [c.value for c in levels[1]] == ["事项类型", "国家级", "县级", "合计"]
    assert [c.value for c in levels[2]] == ["行政许可", 2, 3, 5]


def test_xlsx_headers_in_english(tiny: Path) -> None:
    data = RENDERER_BY_NAME[StatsFormat.XLSX](collect_stats(tiny), Lang.EN)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert [c.value for c in book["Region"][1]][:7] == [
        "Region",
        "Region code",
        "Level",
        "Items",
        "Online rate",
        "Target",
        "Compliance",
    ]
    assert [c.value for c in book["Online rate"][1]] == [
        "Level",
        "Online items",
        "Application items",
        "Online rate",
        "Target",
        "Met",
    ]


def test_html_dashboard_draws_its_charts_in_svg(tiny: Path) -> None:
    html = RENDERER_BY_NAME[StatsFormat.HTML](collect_stats(tiny), Lang.ZH).decode()
    assert html.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    charts = re.findall(r'<svg xmlns="http://www.w3.org/2000/svg"[^>]*aria-label="([^"]*)"', html)
    assert charts == [
        "各类型事项数",
        "各层级网上可办率与目标",
        "各区划合规率（无错误的事项文件占比）",
    ]
    online = html.split('aria-label="各层级网上可办率与目标"')[1].split("</svg>")[0]
    assert '<rect x="178" y="8" width="266.7" height="16" class="bar low">' in online
    assert '<line x1="538" y1="5" x2="538" y2="27" class="target">' in online  # 90% of 400 + 178
    assert "<script" not in html and "http" not in html.replace("http://www.w3.org/2000/svg", "")


def test_region_names_are_escaped_in_the_dashboard(tiny: Path) -> None:
    regions = (tiny / "regions.yaml").read_text(encoding="utf-8")
    (tiny / "regions.yaml").write_text(regions.replace("微山县", "<b>微山县</b>"), encoding="utf-8")
    html = RENDERER_BY_NAME[StatsFormat.HTML](collect_stats(tiny), Lang.ZH).decode()
    assert "&lt;b&gt;微山县&lt;/b&gt;" in html and "<b>" not in html


def test_command(run_cli: Run, tiny: Path, tmp_path: Path) -> None:
    result = run_cli("stats", str(tiny), "--region", "370826", "--no-findings")
    assert result.code == 0
    assert result.out.startswith("事项目录统计：微山县（370826）及下级区划\n")
    refused = run_cli("stats", str(tiny), "-f", "xlsx")
    assert (refused.code, refused.err) == (
        2,
        "错误: xlsx 格式须用 -o 指定输出文件\n例如:catalog stats -f xlsx -o stats.xlsx\n",
    )
    target = tmp_path / "stats.html"
    written = run_cli("stats", str(tiny), "-f", "html", "-o", str(target), "--lang", "en")
    assert (written.code, written.out) == (0, "")
    assert "<h1>Catalog statistics</h1>" in target.read_text(encoding="utf-8")


def test_findings_per_rule_family_and_region_in_every_format(tiny: Path) -> None:
    data = items()["370811/000101001000.yaml"]
    wrong = "11370811MB2822838X"  # the check character should be H (C005)
    data["agency"]["credit_code"] = wrong
    data["impl_code"] = wrong + data["impl_code"][18:]
    write_item(tiny, "370811/000101001000.yaml", data)
    stats = collect_stats(tiny)
    # Families with findings: C (C005 in 任城区); M (M004), T (T006), O (O002) in 微山县.
    expected = {
        "370811": ("50.0%", [1, 0, 0, 0]),
        "370826": ("100.0%", [0, 1, 1, 1]),
        "000000": ("100.0%", [0, 0, 0, 0]),
    }
    text = RENDERER_BY_NAME[StatsFormat.TEXT](stats, Lang.ZH).decode().splitlines()
    head = text.index("问题（按规则族和区划）")
    assert text[head:] == [
        "问题（按规则族和区划）",
        "  区划           合规率  问题数  C 标识  M 申请材料  T 办结时限  O 政策目标",
        "  全国 000000    100.0%       0       0           0           0           0",
        "  山东省 370000       —       0       0           0           0           0",
        "  济宁市 370800       —       0       0           0           0           0",
        "  任城区 370811   50.0%       1       1           0           0           0",
        "  微山县 370826  100.0%       3       0           1           1           1",
        # 6 of the 7 item files have no error.
        "  合计            85.7%       4       1           1           1           1",
    ]
    data_json = json.loads(RENDERER_BY_NAME[StatsFormat.JSON](stats, Lang.ZH))
    assert data_json["findings"]["by_family"] == {"C": 1, "M": 1, "T": 1, "O": 1}
    regions = {r["region"]: r for r in data_json["findings"]["regions"]}
    for code, (_, counts) in expected.items():
        assert list(regions[code]["by_family"].values()) == counts, code
    book = openpyxl.load_workbook(io.BytesIO(RENDERER_BY_NAME[StatsFormat.XLSX](stats, Lang.ZH)))
    rows = {r[1]: r for r in book["区划"].iter_rows(min_row=2, values_only=True)}
    for code, (_, counts) in expected.items():
        assert list(rows[code][-4:]) == counts, code
    assert rows["370811"][6] == 0.5
    html = RENDERER_BY_NAME[StatsFormat.HTML](stats, Lang.ZH).decode()
    table = html.split("<h2>问题（按规则族和区划）</h2>")[1].split("</table>")[0]
    cells = re.findall(r"<t[dh][^>]*>([^<]*)</t[dh]>", table)
    assert cells[:6] == ["区划", "合规率", "C 标识", "M 申请材料", "T 办结时限", "O 政策目标"]
    assert "".join(f"<td>{c}</td>" for c in ["任城区 370811", "50.0%", "1", "0", "0", "0"]) in table


def test_text_findings_table_when_the_checks_find_nothing(tiny: Path) -> None:
    stats = collect_stats(tiny)
    clean = replace(
        stats,
        families=(),
        findings=(),
        regions=tuple(replace(r, files_with_errors=0, findings=()) for r in stats.regions),
    )
    text = RENDERER_BY_NAME[StatsFormat.TEXT](clean, Lang.ZH).decode().splitlines()
    head = text.index("问题（按规则族和区划）")
    assert text[head:] == [
        "问题（按规则族和区划）",
        "  区划           合规率  问题数",
        "  全国 000000    100.0%       0",
        "  山东省 370000       —       0",
        "  济宁市 370800       —       0",
        "  任城区 370811  100.0%       0",
        "  微山县 370826  100.0%       0",
        "  合计           100.0%       0",
        "  检查没有发现问题。",
    ]
    english = RENDERER_BY_NAME[StatsFormat.TEXT](clean, Lang.EN).decode().splitlines()
    assert english[-2:] == [
        "  Total              100.0%         0",
        "  The checks found no problems.",
    ]


def test_importing_publish_and_stats_loads_no_format_library() -> None:
    """openpyxl, python-docx and segno are imported when a format needs them."""
    code = (
        "import sys, catalog_tool.publish, catalog_tool.stats\n"
        "print(sorted(m for m in ('openpyxl', 'docx', 'segno') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"
    assert set(RENDERER_BY_NAME) == set(StatsFormat)
    assert renderer(StatsFormat.JSON) is RENDERER_BY_NAME[StatsFormat.JSON]


def test_the_stats_package_imports_on_its_own() -> None:
    """``from catalog_tool.stats import …`` first thing in a program (it and
    catalog_tool.publish use each other)."""
    for module in ("catalog_tool.stats", "catalog_tool.publish", "catalog_tool.stats.render_html"):
        done = subprocess.run(
            [sys.executable, "-c", f"import {module}"], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
