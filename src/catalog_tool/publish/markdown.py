"""``catalog export guide --format md``: one Markdown file per item, and an index.

Layout: ``README.md`` (regions and their items), ``<region>/<code>.md``, and the forms
and QR codes the guides link to, under the same paths as in the site. All catalog text
is escaped, so that a name such as ``<script>`` or ``*`` shows as written in any renderer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from catalog_tool.catalog.regions import RegionTree
from catalog_tool.model.item import Item
from catalog_tool.publish import labels as lb
from catalog_tool.publish import plain
from catalog_tool.publish.html import href
from catalog_tool.publish.load import catalog_file
from catalog_tool.publish.model import GuideItem, guide_item, publishable
from catalog_tool.publish.output import write_later
from catalog_tool.publish.qrcode import ensure_qr
from catalog_tool.text import Lang

_SPECIAL = re.compile(r"([\\`*_\[\]|~!])")
_LEADING = re.compile(r"^(\s*)([-+#>=])|^(\s*\d+)([.)])")


def md(value: object) -> str:
    """Catalog text as Markdown text: HTML and inline Markdown syntax escaped, and what
    would start a list, heading or quote at the start of a line; lines joined."""
    text = " ".join(str(value).splitlines())
    text = _SPECIAL.sub(r"\\\1", text)
    text = _LEADING.sub(lambda m: f"{m[1] or m[3] or ''}\\{m[2] or m[4]}", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def md_page(region: str, code: str) -> str:
    """The path of an item's Markdown file in the output."""
    return f"{region}/{code}.md"


def _link(label: str, path: str) -> str:
    return f"[{md(label)}](../{href(path)})"


def _rows(rows: list[tuple[str, str]], lang: Lang) -> list[str]:
    """A two-column table (Markdown tables need a header: 要素 | 内容)."""
    head = ("要素", "内容") if lang is Lang.ZH else ("Element", "Detail")
    lines = [f"| {head[0]} | {head[1]} |", "|---|---|"]
    lines += [f"| {label} | {value} |" for label, value in rows]
    return [*lines, ""]


def _numbered(values: tuple[str, ...], lang: Lang, empty: str | None = None) -> list[str]:
    if not values:
        return [empty or lb.NONE.get(lang), ""]
    return [*(f"{i}. {md(v)}" for i, v in enumerate(values, start=1)), ""]


def _lines(values: list[str]) -> str:
    return "<br>".join(md(v) for v in values)


def _materials(g: GuideItem, lang: Lang) -> list[str]:
    if not g.materials:
        return [(lb.NOT_APPLICABLE if g.enforcement else lb.NONE).get(lang), ""]
    out = [
        "| " + " | ".join(c.get(lang) for c in lb.MATERIAL_COLUMNS) + " |",
        "|" + "---|" * len(lb.MATERIAL_COLUMNS),
    ]
    for m in g.materials:
        name = _lines(plain.material_name(m.name, m.need.get(lang), m.notes, lang))
        files = " ".join(
            _link(label.get(lang), path)
            for label, path in ((lb.BLANK_FORM, m.blank_form), (lb.SAMPLE, m.sample))
            if path is not None
        )
        basis = _lines(list(m.basis)) or lb.NONE.get(lang)
        form = _lines([m.form, m.media])
        out.append(
            f"| {m.number} | {name} | {form} | {m.copies} | {md(m.source)} | {basis} | {files} |"
        )
    return [*out, ""]


def _steps(g: GuideItem, lang: Lang) -> list[str]:
    if not g.steps:
        return [lb.NONE.get(lang), ""]
    out = []
    for s in g.steps:
        meta = plain.step_text(s, g, lang)
        out.append(f"{s.number}. {md(s.name)}" + (md(lb.paren(meta, lang)) if meta else ""))
        if s.description:
            out.append(f"   {md(s.description)}")
    return [*out, ""]


def _fees(g: GuideItem, lang: Lang) -> list[str]:
    if not g.fees:
        return [lb.FREE.get(lang), ""]
    return [
        f"| {lb.FEE_NAME.get(lang)} | {lb.FEE_STANDARD.get(lang)} | {lb.FEE_BASIS.get(lang)} |",
        "|---|---|---|",
        *(f"| {md(f.name)} | {md(f.standard)} | {_lines(list(f.basis))} |" for f in g.fees),
        "",
    ]


def _online(g: GuideItem, lang: Lang, qr: str | None) -> str:
    text = md(plain.online_text(g, lang))
    if g.online_url:
        text += f" · <{g.online_url.replace('>', '%3E').replace(' ', '%20')}>"
    if qr is not None:
        text += f"<br>![{md(lb.SCAN.get(lang))}](../{qr})"
    return text


def _result(g: GuideItem, lang: Lang) -> str:
    text = md(plain.result_text(g, lang))
    if g.result_sample:
        text += " " + _link(lb.RESULT_SAMPLE.get(lang), g.result_sample)
    return text


def guide_markdown(g: GuideItem, lang: Lang, qr: str | None) -> str:
    """The guide of ``g`` as Markdown (links relative to ``<region>/<code>.md``)."""
    t = lang
    none = lb.NONE.get(t)
    out = [f"# {md(g.name)}", "", f"{md(g.region_name)} · {md(g.agency_name or '')}", ""]
    if g.suspended:
        out += [f"> **{lb.SUSPENDED.get(t)}**", ""]
    out += _rows(
        [
            (lb.NAME.get(t), md(g.name)),
            (lb.CODE.get(t), md(g.code)),
            (lb.IMPL_CODE.get(t), md(g.impl_code or none)),
            (lb.TYPE.get(t), md(g.type)),
        ],
        t,
    )
    out += [f"## {lb.BASIS.get(t)}", "", *_numbered(g.basis, t)]
    out += _rows(
        [
            (lb.AGENCY.get(t), _lines(plain.agency_lines(g, t))),
            (lb.SERVICE_OBJECTS.get(t), md("、".join(g.service_objects) or none)),
        ],
        t,
    )
    na = lb.NOT_APPLICABLE.get(t) if g.enforcement else None
    out += [f"## {lb.CONDITIONS.get(t)}", "", *_numbered(g.conditions, t, na)]
    out += [f"## {lb.MATERIALS.get(t)}", "", *_materials(g, t)]
    out += [f"## {lb.STEPS.get(t)}", "", *_steps(g, t)]
    out += [f"## {lb.TIME_LIMIT.get(t)}", ""]
    out += _rows(
        [
            (lb.LEGAL_DAYS.get(t), md(plain.legal_time(g, t))),
            (lb.PROMISED_DAYS.get(t), md(plain.promised_time(g, t))),
            (lb.HANDLING.get(t), md(g.handling or none)),
        ],
        t,
    )
    out += [f"## {lb.FEES.get(t)}", "", *_fees(g, t)]
    out += _rows(
        [
            (lb.VISITS.get(t), _lines(plain.visits_lines(g, t))),
            (lb.ONLINE.get(t), _online(g, t, qr)),
            (lb.DELIVERY.get(t), plain.yes_no(g.delivery, t)),
            (lb.ADDRESS.get(t), md(g.address or none)),
            (lb.HOURS.get(t), md(g.hours or none)),
            (lb.PHONE.get(t), md(g.phone or none)),
            (lb.COMPLAINT_PHONE.get(t), md(g.complaint_phone or none)),
        ],
        t,
    )
    out += [f"## {lb.RESULT.get(t)}", "", _result(g, t), ""]
    return "\n".join(out)


class MarkdownResult(NamedTuple):
    """What a worker returns for one item."""

    region: str
    code: str
    name: str
    page: str | None
    files: tuple[str, ...]
    qr: str | None
    written: int
    """1 when the worker drew the QR code anew (the page is written in the background)."""
    withheld: str | None = None
    """The item's file, when it would be published but has errors."""


@dataclass(frozen=True, slots=True)
class MarkdownTask:
    """Writes the Markdown file of one item (runs in the worker processes)."""

    out: Path
    root: Path
    lang: Lang
    regions: RegionTree
    published: frozenset[str]
    withheld: frozenset[str] = frozenset()
    """Files with errors: not published."""

    def __call__(self, file: str, item: Item) -> MarkdownResult:
        if not publishable(item):
            return MarkdownResult(item.region, item.code, item.name, None, (), None, 0)
        if file in self.withheld:
            return MarkdownResult(item.region, item.code, item.name, None, (), None, 0, file)
        root = self.root
        g = guide_item(item, self.regions, self.published, lambda rel: catalog_file(root, rel))
        written = 0
        qr = None
        if g.online_url:
            qr, made = ensure_qr(self.out, g.online_url)
            written += made
        page = md_page(g.region, g.code)
        write_later(self.out / page, (guide_markdown(g, self.lang, qr) + "\n").encode())
        return MarkdownResult(g.region, g.code, g.name, page, g.files, qr, written)


def markdown_index(
    title: str, order: tuple[str, ...], regions: RegionTree, results: list[MarkdownResult]
) -> str:
    """``README.md``: the regions in ``regions.yaml`` order, each with links to its items."""
    by_region: dict[str, list[MarkdownResult]] = {}
    for r in results:
        if r.page is not None:
            by_region.setdefault(r.region, []).append(r)
    out = [f"# {md(title)}", ""]
    for code in order:
        group = sorted(by_region.get(code, []), key=lambda r: r.code)
        if not group:
            continue
        out += [f"## {md(regions.name(code))} {code}", ""]
        out += [f"- [{md(r.name)}]({href(r.page or '')}) `{r.code}`" for r in group]
        out.append("")
    return "\n".join(out)
