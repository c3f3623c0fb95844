"""One item's 办事指南 as HTML: every element in the order of :data:`GUIDE_ORDER`.

:func:`item_article` is the guide itself, shared by the site's item pages and the
printable pages the PDF is made from; :func:`item_page` wraps it in the site's frame.
"""

from __future__ import annotations

from functools import lru_cache

from catalog_tool.model.enums import TimeUnit
from catalog_tool.publish import labels as lb
from catalog_tool.publish.chrome import Chrome, link, page
from catalog_tool.publish.html import Child, Markup, each, el, join, render_all, text
from catalog_tool.publish.model import GuideItem, MaterialRow, TimeView
from catalog_tool.publish.steps_svg import steps_svg
from catalog_tool.text import Lang

ITEM_DEPTH = 2
"""Item pages live at ``items/<region>/<code>.html``."""


@lru_cache(maxsize=256)
def _th(label: str) -> Markup:
    return el("th", label, scope="row")


def _row(label: str, *value: Child) -> Markup:
    return Markup(f"<tr>{_th(label)}<td>{render_all(value)}</td></tr>")


def _list(values: tuple[str, ...], lang: Lang, empty: str | None = None) -> Markup:
    if not values:
        return el("p", empty if empty is not None else lb.NONE.get(lang), class_="empty")
    return Markup(f"<ol>{each('li', values)}</ol>")


def _section(label: str, *content: Child, key: str) -> Markup:
    return el("section", el("h2", label), *content, class_=f"el el-{key}")


def item_article(
    g: GuideItem, lang: Lang, depth: int, qr: str | None, *, files: bool = True
) -> Markup:
    """The guide of ``g``; links are relative to a page ``depth`` folders deep, and ``qr``
    is the site path of the QR code of the online address (None: no code). Without
    ``files`` the blank forms and samples are named but not linked (for print)."""
    t = lang
    identity = el(
        "table",
        _row(lb.NAME.get(t), g.name),
        _row(lb.CODE.get(t), el("code", g.code)),
        _row(lb.IMPL_CODE.get(t), el("code", g.impl_code) if g.impl_code else lb.NONE.get(t)),
        _row(lb.TYPE.get(t), g.type),
        class_="facts",
    )
    agency = el(
        "table",
        _row(
            lb.AGENCY.get(t),
            g.agency_name or lb.NONE.get(t),
            el(
                "span",
                f"{lb.labelled(lb.AGENCY_NATURE, g.agency_nature, t)}"
                f" · {lb.labelled(lb.CREDIT_CODE, g.agency_credit_code, t)}",
                class_="aside",
            )
            if g.agency_name
            else None,
        ),
        _row(lb.SERVICE_OBJECTS.get(t), "、".join(g.service_objects) or lb.NONE.get(t)),
        class_="facts",
    )
    na = lb.NOT_APPLICABLE.get(t)
    parts: list[Child] = [
        el("nav", _trail(g.trail, depth, t), class_="trail", aria_label="breadcrumb"),
        el("h1", g.name),
        el("p", g.region_name, " · ", g.agency_name or "", class_="subtitle"),
        el("p", lb.SUSPENDED.get(t), class_="notice") if g.suspended else None,
        identity,
        _section(lb.BASIS.get(t), _list(g.basis, t), key="basis"),
        agency,
        _section(
            lb.CONDITIONS.get(t),
            _list(g.conditions, t, na if g.enforcement else None),
            key="conditions",
        ),
        _section(
            lb.MATERIALS.get(t),
            el("p", na, class_="empty")
            if g.enforcement and not g.materials
            else _materials(g.materials, t, depth, files),
            key="materials",
        ),
        _section(
            lb.STEPS.get(t),
            steps_svg(g.steps, g.time.unit if g.time else TimeUnit.WORKING_DAY.value, t)
            if g.steps
            else el("p", lb.NONE.get(t), class_="empty"),
            key="steps",
        ),
        _section(lb.TIME_LIMIT.get(t), _time(g.time, g.handling, t), key="time"),
        _section(lb.FEES.get(t), _fees(g, t), key="fees"),
        el(
            "table",
            _row(
                lb.VISITS.get(t),
                lb.TIMES.format(t, visits=g.visits) if g.visits is not None else lb.NONE.get(t),
                el("span", lb.labelled(lb.VISITS_REASON, g.visits_reason, t), class_="aside")
                if g.visits_reason
                else None,
            ),
            _row(lb.ONLINE.get(t), _online(g, t, depth, qr)),
            _row(lb.DELIVERY.get(t), _yes_no(g.delivery, t)),
            _row(lb.ADDRESS.get(t), g.address or lb.NONE.get(t)),
            _row(lb.HOURS.get(t), g.hours or lb.NONE.get(t)),
            _row(lb.PHONE.get(t), g.phone or lb.NONE.get(t)),
            _row(lb.COMPLAINT_PHONE.get(t), g.complaint_phone or lb.NONE.get(t)),
            class_="facts",
        ),
        _section(lb.RESULT.get(t), _result(g, t, depth, files), key="result"),
    ]
    return el("article", *parts, class_="item", id=f"item-{g.region}-{g.code}")


def item_page(g: GuideItem, chrome: Chrome, qr: str | None) -> bytes:
    """The site page of ``g``."""
    body = item_article(g, chrome.lang, ITEM_DEPTH, qr)
    return page(
        chrome, title=f"{g.name} · {g.region_name}", depth=ITEM_DEPTH, body=body, page_class="guide"
    )


@lru_cache(maxsize=4096)
def _trail(trail: tuple[tuple[str, str], ...], depth: int, lang: Lang) -> Markup:
    """The breadcrumb (cached: a region's items share it)."""
    crumbs: list[Child] = [el("a", lb.HOME.get(lang), href=link(depth, "index.html"))]
    for code, name in trail:
        crumbs.append(el("a", name, href=link(depth, f"regions/{code}.html")))
    return join(crumbs, " › ")


def _yes_no(value: bool | None, lang: Lang) -> str:
    if value is None:
        return lb.NONE.get(lang)
    return (lb.YES if value else lb.NO).get(lang)


def _file_links(m: MaterialRow, lang: Lang, depth: int, files: bool) -> Markup:
    links = [
        el("a", label.get(lang), href=link(depth, path), class_="file")
        if files
        else el("span", label.get(lang), class_="file")
        for label, path in ((lb.BLANK_FORM, m.blank_form), (lb.SAMPLE, m.sample))
        if path is not None
    ]
    return join(links, " ") if links else Markup("")


@lru_cache(maxsize=8)
def _materials_head(t: Lang) -> Markup:
    return el(
        "tr",
        el("th", lb.MATERIAL_NO.get(t), scope="col"),
        el("th", lb.MATERIAL_NAME.get(t), scope="col"),
        el("th", lb.MATERIAL_FORM.get(t), scope="col"),
        el("th", lb.MATERIAL_COPIES.get(t), scope="col"),
        el("th", lb.MATERIAL_SOURCE.get(t), scope="col"),
        el("th", lb.MATERIAL_BASIS.get(t), scope="col"),
        el("th", lb.MATERIAL_FILES.get(t), scope="col"),
    )


def _materials(rows: tuple[MaterialRow, ...], lang: Lang, depth: int, files: bool) -> Markup:
    if not rows:
        return el("p", lb.NONE.get(lang), class_="empty")
    t = lang
    none = text(lb.NONE.get(t))
    body: list[str] = []
    for m in rows:
        # A format string, not el(): this table is the largest part of most pages.
        notes = f'<div class="aside">{text(lb.labelled(lb.NOTES, m.notes, t))}</div>'
        basis = f"<ul>{each('li', m.basis)}</ul>" if m.basis else none
        body.append(
            f'<tr><td class="num">{m.number}</td>'
            f'<td><span class="material-name">{text(m.name)}</span> '
            f'<span class="tag">{text(m.need.get(t))}</span>{notes if m.notes else ""}</td>'
            f"<td>{text(m.form)}<br>{text(m.media)}</td>"
            f'<td class="num">{m.copies}</td><td class="source">{text(m.source)}</td>'
            f"<td>{basis}</td><td>{_file_links(m, t, depth, files)}</td></tr>"
        )
    return Markup(
        f'<table class="materials"><thead>{_materials_head(t)}</thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _time(time: TimeView | None, handling: str | None, lang: Lang) -> Markup:
    t = lang
    none = lb.NONE.get(t)
    legal: Child = none
    promised: Child = none
    if time is not None:
        if time.legal is not None:
            legal = lb.days(time.legal, time.unit, t)
        if time.promised == 0:
            promised = lb.ON_THE_SPOT.get(t)
        elif time.promised is not None:
            promised = lb.days(time.promised, time.unit, t)
        share = time.compression
        if share is not None and time.legal is not None and time.promised is not None:
            promised = join(
                [
                    promised,
                    " ",
                    el(
                        "span",
                        lb.COMPRESSION.format(t, share=f"{share:.0%}"),
                        class_="compression",
                    ),
                    _compression_bar(time.legal, time.promised),
                ]
            )
    return el(
        "table",
        _row(lb.LEGAL_DAYS.get(t), legal),
        _row(lb.PROMISED_DAYS.get(t), promised),
        _row(lb.HANDLING.get(t), handling or none),
        class_="facts",
    )


@lru_cache(maxsize=1024)
def _compression_bar(legal: int, promised: int) -> Markup:
    """The promised time as a share of the statutory limit, drawn as two bars."""
    width = 200
    part = round(width * min(promised, legal) / legal) if legal else 0
    return el(
        "svg",
        el("rect", x=0, y=0, width=width, height=10, class_="bar-legal"),
        el("rect", x=0, y=0, width=part, height=10, class_="bar-promised"),
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {width} 10",
        width=width,
        height=10,
        class_="compression-bar",
        aria_hidden="true",
    )


def _fees(g: GuideItem, lang: Lang) -> Markup:
    if not g.fees:
        return el("p", lb.FREE.get(lang))
    t = lang
    return el(
        "table",
        el(
            "thead",
            el(
                "tr",
                el("th", lb.FEE_NAME.get(t), scope="col"),
                el("th", lb.FEE_STANDARD.get(t), scope="col"),
                el("th", lb.FEE_BASIS.get(t), scope="col"),
            ),
        ),
        el(
            "tbody",
            [
                el(
                    "tr",
                    el("td", f.name),
                    el("td", f.standard),
                    el("td", el("ul", [el("li", b) for b in f.basis]) if f.basis else None),
                )
                for f in g.fees
            ],
        ),
        class_="fees",
    )


def _online(g: GuideItem, lang: Lang, depth: int, qr: str | None) -> Markup:
    t = lang
    if g.online is None:
        return Markup(lb.NONE.get(t))
    if not g.online:
        return Markup(lb.NO.get(t))
    parts: list[Child] = [lb.YES.get(t)]
    if g.online_depth is not None:
        parts.append(f" · {lb.ONLINE_DEPTH.get(t)} {lb.DEPTH.format(t, depth=g.online_depth)}")
    if g.online_url:
        parts.append(
            el(
                "div",
                el("a", g.online_url, href=g.online_url, class_="url", rel="noopener"),
                class_="online-url",
            )
        )
    if qr is not None:
        parts.append(
            el(
                "figure",
                el("img", src=link(depth, qr), alt=lb.SCAN.get(t), width=112, height=112),
                el("figcaption", lb.SCAN.get(t)),
                class_="qr",
            )
        )
    return join(parts)


def _result(g: GuideItem, lang: Lang, depth: int, files: bool) -> Markup:
    if g.result_name is None:
        return el("p", lb.NONE.get(lang), class_="empty")
    sample = None
    if g.result_sample and files:
        sample = el(
            "a", lb.RESULT_SAMPLE.get(lang), href=link(depth, g.result_sample), class_="file"
        )
    elif g.result_sample:
        sample = el("span", lb.RESULT_SAMPLE.get(lang), class_="file")
    kind = lb.paren(g.result_kind, lang) if g.result_kind else ""
    return el("p", g.result_name, kind, " ", sample)
