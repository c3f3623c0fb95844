"""``--format docx``: one Word document per region, opened again with python-docx."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn

from catalog_tool.publish import GuideFormat, export_guide
from tests.publish.catalog import DRUG, FOOD, FOOD_MATERIALS, PENALTY, items, write_item


def test_one_document_per_region(tiny: Path, tmp_path: Path) -> None:
    out = tmp_path / "docx"
    result = export_guide(tiny, out, GuideFormat.DOCX)
    assert result.documents == ("370811-任城区.docx", "370826-微山县.docx")
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == list(
        result.documents
    )


def test_cover_contents_field_and_a_section_per_item(tiny: Path, tmp_path: Path) -> None:
    out = tmp_path / "docx"
    export_guide(tiny, out, GuideFormat.DOCX)
    doc = docx.Document(str(out / "370826-微山县.docx"))
    paragraphs = doc.paragraphs
    assert (paragraphs[0].style.name, paragraphs[0].text) == ("Title", "微山县政务服务事项办事指南")
    assert (paragraphs[1].style.name, paragraphs[1].text) == (
        "Subtitle",
        "山东省 · 济宁市 · 微山县",
    )
    instructions = [t.text for t in doc.element.body.iter(qn("w:instrText"))]
    assert instructions == ['TOC \\o "1-1" \\h \\z \\u']
    update = doc.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"
    assert [p.text for p in paragraphs if p.style.name == "Heading 1"] == [FOOD, DRUG]
    assert len(doc.sections) == 3  # the cover and contents, then one section per item
    headings = [p.text for p in paragraphs if p.style.name == "Heading 2"]
    assert headings[:6] == ["设定依据", "受理条件", "申请材料", "办理流程", "办结时限", "收费"]


def test_materials_and_steps_tables(tiny: Path, tmp_path: Path) -> None:
    out = tmp_path / "docx"
    export_guide(tiny, out, GuideFormat.DOCX)
    doc = docx.Document(str(out / "370811-任城区.docx"))
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    materials = next(t for t in tables if t[0][:2] == ["序号", "材料名称"])
    assert [row[1].split("（")[0] for row in materials[1:]] == FOOD_MATERIALS
    assert materials[1][2:5] == ["原件\n纸质和电子", "1", "申请人自备"]
    assert materials[1][6] == (
        "空白表格：forms/食品经营许可申请书.pdf\n示例样表：forms/食品经营许可申请书-示例.pdf"
    )
    steps = next(t for t in tables if t[0] == ["序号", "办理流程", "办结时限"])
    assert steps[1:] == [
        ["1", "受理", "1 个工作日"],
        ["2", "审查", "2 个工作日"],
        ["3", "现场核查", "不计入法定时限 · 3 个工作日"],
        ["4", "决定", "1 个工作日"],
    ]
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"] == [FOOD, PENALTY]


def test_east_asian_fonts_are_set_on_every_style(tiny: Path, tmp_path: Path) -> None:
    out = tmp_path / "docx"
    export_guide(tiny, out, GuideFormat.DOCX)
    doc = docx.Document(str(out / "370811-任城区.docx"))

    def east_asia(style: str) -> str | None:
        fonts = doc.styles[style].element.rPr.find(qn("w:rFonts"))
        return fonts.get(qn("w:eastAsia"))

    assert east_asia("Normal") == "宋体"
    assert east_asia("Heading 1") == "黑体"
    assert east_asia("Heading 2") == "黑体"
    assert east_asia("Title") == "黑体"
    styles = doc.styles.element
    # A theme attribute would win over the name in Word: none may be left.
    assert not [f for f in styles.iter(qn("w:rFonts")) if f.get(qn("w:eastAsiaTheme"))]
    default = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert default.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "宋体"
    assert default.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"


def test_documents_are_reproducible(tiny: Path, tmp_path: Path) -> None:
    export_guide(tiny, tmp_path / "a", GuideFormat.DOCX)
    export_guide(tiny, tmp_path / "b", GuideFormat.DOCX)
    name = "370811-任城区.docx"
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_an_item_with_errors_is_left_out(tiny: Path, tmp_path: Path) -> None:
    data = items()["370811/000201001000.yaml"]
    data["time_limit"] = {"legal_days": 90, "promised_days": 120, "unit": "自然日"}
    write_item(tiny, "370811/000201001000.yaml", data)
    result = export_guide(tiny, tmp_path / "docx", GuideFormat.DOCX)
    # At the promised days (line 39 of the JSON file), where validate reports T001.
    assert [(s.where, s.reason.zh) for s in result.skipped] == [
        ("370811/000201001000.yaml:39:5", "有错误(T001),未发布(运行 catalog validate 查看)")
    ]
    assert result.items == 3
    doc = docx.Document(str(tmp_path / "docx" / "370811-任城区.docx"))
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"] == [FOOD]


def test_the_document_xml_as_word_reads_it(tiny: Path, tmp_path: Path) -> None:
    """The raw parts of the package: the TOC field, the East-Asian fonts, fixed times."""
    export_guide(tiny, tmp_path / "docx", GuideFormat.DOCX)
    with zipfile.ZipFile(tmp_path / "docx" / "370811-任城区.docx") as package:
        document = package.read("word/document.xml").decode("utf-8")
        styles = package.read("word/styles.xml").decode("utf-8")
        core = package.read("docProps/core.xml").decode("utf-8")
        times = {info.date_time for info in package.infolist()}
    assert '<w:instrText xml:space="preserve">TOC \\o "1-1" \\h \\z \\u</w:instrText>' in document
    assert document.count('<w:fldChar w:fldCharType="begin"/>') == 1
    assert document.count("<w:sectPr") == 3  # the cover and contents, then each item
    assert 'w:eastAsia="宋体"' in styles and 'w:eastAsia="黑体"' in styles
    assert "eastAsiaTheme" not in styles
    heading = re.search(r'<w:style [^>]*w:styleId="Heading1".*?</w:style>', styles, re.S)
    assert heading is not None and 'w:eastAsia="黑体"' in heading.group(0)
    normal = re.search(r'<w:style [^>]*w:styleId="Normal".*?</w:style>', styles, re.S)
    assert normal is not None and 'w:eastAsia="宋体"' in normal.group(0)
    assert (
        '<dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created>' in core
    )
    assert (
        '<dcterms:modified xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:modified>'
        in core
    )
    assert times == {(1980, 1, 1, 0, 0, 0)}
