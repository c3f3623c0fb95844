"""``--format md``: one Markdown file per item, escaped, in the standard order."""

from __future__ import annotations

from pathlib import Path

from catalog_tool.publish import GUIDE_ORDER, GuideFormat, export_guide
from catalog_tool.publish.markdown import md
from tests.publish.catalog import FOOD, FOOD_MATERIALS, add_item, items


def test_one_file_per_item_and_an_index(tiny: Path, tmp_path: Path) -> None:
    out = tmp_path / "md"
    result = export_guide(tiny, out, GuideFormat.MD)
    assert result.items == 4
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md")) == [
        "370811/000101001000.md",
        "370811/000201001000.md",
        "370826/000101001000.md",
        "370826/000101002000.md",
        "README.md",
    ]
    index = (out / "README.md").read_text(encoding="utf-8")
    assert "## 任城区 370811\n\n- [食品经营许可](370811/000101001000.md) `000101001000`" in index


def test_guide_in_the_standard_order_with_tables(tiny: Path, tmp_path: Path) -> None:
    out = tmp_path / "md"
    export_guide(tiny, out, GuideFormat.MD)
    text = (out / "370811/000101001000.md").read_text(encoding="utf-8")
    assert text.startswith(f"# {FOOD}\n")
    positions = [text.find(label.zh) for label in GUIDE_ORDER]
    assert -1 not in positions and positions == sorted(positions)
    lines = text.splitlines()
    head = lines.index("| 序号 | 材料名称 | 形式 | 份数 | 来源 | 依据 | 表格 |")
    rows = lines[head + 2 : head + 6]
    assert [r.split(" | ")[1] for r in rows] == [
        f"{FOOD_MATERIALS[0]}（必要）",
        f"{FOOD_MATERIALS[1]}（必要）",
        f"{FOOD_MATERIALS[2]}（必要）",
        f"{FOOD_MATERIALS[3]}（非必要）<br>填报须知：委托他人办理的提供",
    ]
    assert rows[0].endswith(
        "[空白表格](../forms/%E9%A3%9F%E5%93%81%E7%BB%8F%E8%90%A5%E8%AE%B8%E5%8F%AF%E7%94%B3%E8%AF%B7%E4%B9%A6.pdf) "
        "[示例样表](../forms/%E9%A3%9F%E5%93%81%E7%BB%8F%E8%90%A5%E8%AE%B8%E5%8F%AF%E7%94%B3%E8%AF%B7%E4%B9%A6-%E7%A4%BA%E4%BE%8B.pdf) |"
    )
    assert "3. 现场核查（不计入法定时限 · 3 个工作日）" in lines
    assert "| 承诺办结时限 | 5 个工作日（比法定时限压缩 75%） |" in lines
    assert (out / "forms/食品经营许可申请书.pdf").read_bytes() == b"%PDF-1.4\n% blank form\n"


def test_markdown_and_html_syntax_in_catalog_text_is_escaped(tiny: Path, tmp_path: Path) -> None:
    name = "<script>alert(1)</script> *食品* [经营](x) | 许可"
    add_item(tiny, items()["370811/000101001000.yaml"], "000101003000", name)
    out = tmp_path / "md"
    assert export_guide(tiny, out, GuideFormat.MD).skipped == ()
    text = (out / "370811/000101003000.md").read_text(encoding="utf-8")
    assert text.startswith(
        "# &lt;script&gt;alert(1)&lt;/script&gt; \\*食品\\* \\[经营\\](x) \\| 许可\n"
    )
    assert "<script>" not in text


def test_escaping_keeps_ordinary_text_readable() -> None:
    assert md("0537-2216800") == "0537-2216800"
    assert md("- 第一条") == "\\- 第一条"
    assert md("12. 条") == "12\\. 条"
