"""``catalog export guide --format docx``: one Word document per region (python-docx).

Each document has a cover, a table of contents field (Word and WPS fill it when the
document is opened: ``updateFields`` is set), and one section per item, starting on a new
page, with tables for the materials and the steps.

Chinese fonts: Word picks the font of Chinese characters from the ``w:eastAsia``
attribute of ``w:rFonts``, and the default template points it at the theme
(``w:eastAsiaTheme``), which wins over any name. So every style gets an explicit
``w:eastAsia`` — 宋体 for text, 黑体 for the title and headings — and loses the theme
attributes; the document's language for East Asian text is zh-CN.

Output is reproducible: fixed document properties and zip entry times, so an unchanged
catalog gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Sequence

import segno
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table

from catalog_tool.publish import labels as lb
from catalog_tool.publish import plain
from catalog_tool.publish.model import GuideItem
from catalog_tool.text import Lang

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"
HEADING_STYLES = frozenset({"Title", "Subtitle", "TOC Heading"}) | {
    f"Heading {i}" for i in range(1, 10)
}
FIXED_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
"""Document created/modified time: fixed, so that output depends on the catalog only."""


def set_fonts(doc: DocumentObject) -> None:
    """Explicit East-Asian fonts on every style and the document defaults (see above)."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            _fonts(rpr, BODY_FONT, LATIN_FONT)
            _lang(rpr)
    for style in doc.styles:
        name = style.name or ""
        heading = name in HEADING_STYLES or name.removesuffix(" Char") in HEADING_STYLES
        rpr = style.element.get_or_add_rPr()
        if heading:
            color = rpr.find(qn("w:color"))
            if color is not None:  # black headings: the guide is printed
                rpr.remove(color)
        east_asia = HEADING_FONT if heading else BODY_FONT
        _fonts(rpr, east_asia, LATIN_FONT)
        # Table styles also set fonts for their header rows and bands (w:tblStylePr).
        for fonts in style.element.iter(qn("w:rFonts")):
            _fonts(fonts.getparent(), east_asia, LATIN_FONT)


def _fonts(rpr: object, east_asia: str, latin: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)  # type: ignore[attr-defined]
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def _lang(rpr: object) -> None:
    lang = rpr.find(qn("w:lang"))  # type: ignore[attr-defined]
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)  # type: ignore[attr-defined]
    lang.set(qn("w:eastAsia"), "zh-CN")


def _toc(doc: DocumentObject, lang: Lang) -> None:
    """A table of contents field over heading 1 (the items), filled when opened."""
    doc.add_paragraph("目录" if lang is Lang.ZH else "Contents", style="TOC Heading")
    paragraph = doc.add_paragraph()
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = 'TOC \\o "1-1" \\h \\z \\u'
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = (
        "打开文档时更新域即可生成目录" if lang is Lang.ZH else "Update fields to build the contents"
    )
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for part in (begin, instruction, separate, placeholder, end):
        run._r.append(part)
    settings = doc.settings.element
    update = settings.find(qn("w:updateFields"))
    if update is None:
        update = OxmlElement("w:updateFields")
        settings.append(update)
    update.set(qn("w:val"), "true")


def _table(doc: DocumentObject, head: Sequence[str] | None, rows: Sequence[Sequence[str]]) -> Table:
    """A grid table; a header row (bold, repeated on every page) when ``head`` is given."""
    lines = ([list(head)] if head else []) + [list(r) for r in rows]
    table: Table = doc.add_table(rows=len(lines), cols=len(lines[0]))
    table.style = "Table Grid"
    for row, values in zip(table.rows, lines, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    if head:
        for cell in table.rows[0].cells:
            for run in cell.paragraphs[0].runs:
                run.bold = True
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        table.rows[0]._tr.get_or_add_trPr().append(repeat)
    return table


def _facts(doc: DocumentObject, rows: Sequence[tuple[str, str]]) -> None:
    """A two-column table of labels (bold) and values."""
    table = _table(doc, None, rows)
    for row in table.rows:
        for run in row.cells[0].paragraphs[0].runs:
            run.bold = True


def _numbered(doc: DocumentObject, values: Sequence[str], empty: str) -> None:
    if not values:
        doc.add_paragraph(empty)
    for i, value in enumerate(values, start=1):
        doc.add_paragraph(f"{i}. {value}")


def _materials(doc: DocumentObject, g: GuideItem, t: Lang) -> None:
    if not g.materials:
        doc.add_paragraph((lb.NOT_APPLICABLE if g.enforcement else lb.NONE).get(t))
        return
    rows = [
        [
            str(m.number),
            "\n".join(plain.material_name(m.name, m.need.get(t), m.notes, t)),
            f"{m.form}\n{m.media}",
            str(m.copies),
            m.source,
            "\n".join(m.basis) or lb.NONE.get(t),
            "\n".join(
                lb.labelled(label, path, t)
                for label, path in ((lb.BLANK_FORM, m.blank_form), (lb.SAMPLE, m.sample))
                if path is not None
            ),
        ]
        for m in g.materials
    ]
    _table(doc, [c.get(t) for c in lb.MATERIAL_COLUMNS], rows)


def _steps(doc: DocumentObject, g: GuideItem, t: Lang) -> None:
    if not g.steps:
        doc.add_paragraph(lb.NONE.get(t))
        return
    rows = [
        [
            str(s.number),
            s.name + (f"\n{s.description}" if s.description else ""),
            plain.step_text(s, g, t),
        ]
        for s in g.steps
    ]
    _table(doc, [lb.MATERIAL_NO.get(t), lb.STEPS.get(t), lb.TIME_LIMIT.get(t)], rows)


def _item(doc: DocumentObject, g: GuideItem, t: Lang, qr_png: Callable[[str], bytes]) -> None:
    """One item's guide, in the order of GUIDE_ORDER."""
    none = lb.NONE.get(t)
    doc.add_heading(g.name, level=1)
    doc.add_paragraph(f"{g.region_name} · {g.agency_name or ''}")
    if g.suspended:
        doc.add_paragraph().add_run(lb.SUSPENDED.get(t)).bold = True
    identity = [
        (lb.NAME.get(t), g.name),
        (lb.CODE.get(t), g.code),
        (lb.IMPL_CODE.get(t), g.impl_code or none),
        (lb.TYPE.get(t), g.type),
    ]
    _facts(doc, identity)
    doc.add_heading(lb.BASIS.get(t), level=2)
    _numbered(doc, g.basis, none)
    agency = "\n".join(plain.agency_lines(g, t))
    _facts(
        doc,
        [
            (lb.AGENCY.get(t), agency),
            (lb.SERVICE_OBJECTS.get(t), "、".join(g.service_objects) or none),
        ],
    )
    doc.add_heading(lb.CONDITIONS.get(t), level=2)
    _numbered(doc, g.conditions, (lb.NOT_APPLICABLE if g.enforcement else lb.NONE).get(t))
    doc.add_heading(lb.MATERIALS.get(t), level=2)
    _materials(doc, g, t)
    doc.add_heading(lb.STEPS.get(t), level=2)
    _steps(doc, g, t)
    doc.add_heading(lb.TIME_LIMIT.get(t), level=2)
    time = [
        (lb.LEGAL_DAYS.get(t), plain.legal_time(g, t)),
        (lb.PROMISED_DAYS.get(t), plain.promised_time(g, t)),
        (lb.HANDLING.get(t), g.handling or none),
    ]
    _facts(doc, time)
    doc.add_heading(lb.FEES.get(t), level=2)
    if not g.fees:
        doc.add_paragraph(lb.FREE.get(t))
    else:
        fees = [[f.name, f.standard, "\n".join(f.basis)] for f in g.fees]
        _table(doc, [lb.FEE_NAME.get(t), lb.FEE_STANDARD.get(t), lb.FEE_BASIS.get(t)], fees)
    online = plain.online_text(g, t) + (f"\n{g.online_url}" if g.online_url else "")
    ways = [
        (lb.VISITS.get(t), "\n".join(plain.visits_lines(g, t))),
        (lb.ONLINE.get(t), online),
        (lb.DELIVERY.get(t), plain.yes_no(g.delivery, t)),
        (lb.ADDRESS.get(t), g.address or none),
        (lb.HOURS.get(t), g.hours or none),
        (lb.PHONE.get(t), g.phone or none),
        (lb.COMPLAINT_PHONE.get(t), g.complaint_phone or none),
    ]
    _facts(doc, ways)
    if g.online_url:
        doc.add_picture(io.BytesIO(qr_png(g.online_url)), width=Mm(25))
        doc.add_paragraph(lb.SCAN.get(t))
    doc.add_heading(lb.RESULT.get(t), level=2)
    doc.add_paragraph(plain.result_text(g, t))


def qr_png(url: str) -> bytes:
    """The QR code of ``url`` as PNG (Word does not take SVG)."""
    out = io.BytesIO()
    segno.make_qr(url, error="m").save(out, kind="png", scale=6, border=4)
    return out.getvalue()


def region_document(title: str, subtitle: str, guides: Sequence[GuideItem], lang: Lang) -> bytes:
    """The Word document of one region's ``guides``."""
    doc = Document()
    set_fonts(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(25)
    section.left_margin = section.right_margin = Mm(22)
    normal = doc.styles["Normal"].font
    normal.size = Pt(10.5)  # 五号
    properties = doc.core_properties
    properties.title = title
    properties.author = properties.last_modified_by = "catalog-tool"
    properties.created = properties.modified = properties.last_printed = FIXED_TIME
    properties.revision = 1
    doc.add_paragraph(title, style="Title")
    doc.add_paragraph(subtitle, style="Subtitle")
    doc.add_paragraph(lb.ALL_ITEMS.format(lang, n=len(guides)))
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _toc(doc, lang)
    codes: dict[str, bytes] = {}

    def qr(url: str) -> bytes:
        if url not in codes:
            codes[url] = qr_png(url)
        return codes[url]

    for g in guides:
        doc.add_section(WD_SECTION.NEW_PAGE)
        _item(doc, g, lang, qr)
    out = io.BytesIO()
    doc.save(out)
    return reproducible_zip(out.getvalue())


def reproducible_zip(data: bytes) -> bytes:
    """``data`` (a zip) rewritten with fixed entry times, entries in the same order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
