"""``catalog stats --format html``: a one-page dashboard, charts as plain SVG.

The page is self-contained (its stylesheet inline, no script, nothing loaded from
elsewhere), so the file can be mailed, opened from disk, or served; the guide site
publishes the same page as ``stats.html`` and links it from its home page.
"""

from __future__ import annotations

from catalog_tool.publish.html import Child, Markup, el, join
from catalog_tool.stats import labels as lb
from catalog_tool.stats.charts import Bar, bar_chart
from catalog_tool.stats.model import FAMILIES, Stats
from catalog_tool.stats.numbers import percent, scope, share, target_state
from catalog_tool.text import Lang

STYLE = """
:root { --ink: #1d2430; --muted: #5b6575; --line: #d5dbe3; --brand: #1f5fa8; --soft: #f3f6fa; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
  "WenQuanYi Micro Hei", SimSun, sans-serif; color: var(--ink); line-height: 1.5; }
body { margin: 0; }
header { background: var(--brand); color: #fff; padding: 0.8rem 1.25rem; }
header h1 { margin: 0; font-size: 1.4rem; }
header p { margin: 0.2rem 0 0; }
header a { color: #fff; }
main { max-width: 1040px; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
h2 { font-size: 1.1rem; margin: 1.8rem 0 0.6rem; padding-left: 0.5rem; border-left: 4px solid var(--brand); }
.kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 0.8rem; }
.kpi { background: var(--soft); border-radius: 6px; padding: 0.7rem 0.9rem; }
.kpi .value { font-size: 1.6rem; font-weight: bold; display: block; }
.kpi .label, .kpi .note { color: var(--muted); font-size: 0.85rem; }
table { border-collapse: collapse; margin: 0.6rem 0; min-width: 50%; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.55rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
thead th { background: var(--soft); }
svg.chart { max-width: 100%; height: auto; display: block; font-family: inherit; }
svg.chart .label, svg.chart .value { font-size: 13px; fill: var(--ink); }
svg.chart .track { fill: var(--soft); }
svg.chart .bar { fill: var(--brand); }
svg.chart .bar.ok { fill: #1b7f3b; }
svg.chart .bar.low { fill: #c0392b; }
svg.chart .target { stroke: var(--ink); stroke-width: 2; stroke-dasharray: 3 2; }
footer { color: var(--muted); font-size: 0.85rem; text-align: center; padding: 1.5rem; }
@media print { @page { size: A4; margin: 15mm; } header { background: none; color: #000; }
  header a { display: none; } section { break-inside: avoid; } }
"""


def _kpi(label: str, value: str, note: str = "") -> Markup:
    return el(
        "div",
        el("span", value, class_="value"),
        el("span", label, class_="label"),
        el("div", note, class_="note") if note else None,
        class_="kpi",
    )


def _table(head: list[str], rows: list[list[Child]]) -> Markup:
    return el(
        "table",
        el("thead", el("tr", [el("th", h, scope="col") for h in head])),
        el("tbody", [el("tr", [el("td", c) for c in row]) for row in rows]),
    )


def render_dashboard(stats: Stats, lang: Lang, home: str | None = None) -> bytes:
    """The dashboard page; ``home`` is a link back to the guide site, if any."""
    t = lang
    title = f"{lb.TITLE.get(t)} · {scope(stats, t)}"
    kpis = el(
        "section",
        _kpi(lb.ITEMS.get(t), str(stats.items), f"{lb.FILES.get(t)} {stats.files}"),
        _kpi(lb.ONLINE.get(t), percent(stats.online.rate), share(stats.online)),
        _kpi(lb.IMMEDIATE.get(t), percent(stats.immediate.rate), share(stats.immediate)),
        _kpi(
            lb.RATIO.get(t),
            percent(stats.promised_ratio),
            lb.RATIO_NOTE.format(t, n=stats.ratio_items),
        ),
        _kpi(lb.AT_MOST_ONCE.get(t), percent(stats.at_most_once.rate), share(stats.at_most_once)),
        _kpi(lb.ZERO_VISITS.get(t), percent(stats.zero_visits.rate), share(stats.zero_visits)),
        class_="kpis",
    )
    most = max((n for _, n in stats.by_type), default=0)
    types_chart = bar_chart(
        lb.TYPES_CHART.get(t),
        [Bar(name, n, str(n)) for name, n in stats.by_type],
        float(most),
    )
    online_chart = bar_chart(
        lb.ONLINE_CHART.get(t),
        [
            Bar(
                r.level,
                r.online.rate or 0.0,
                f"{percent(r.online.rate)} ({r.online.part}/{r.online.total})",
                r.target,
                "" if r.met is None else "ok" if r.met else "low",
            )
            for r in stats.online_by_level
        ],
        1.0,
        target_label=lb.TARGET.get(t),
    )
    parts: list[Child] = [
        kpis,
        el("section", el("h2", lb.TYPES_CHART.get(t)), types_chart),
        el(
            "section",
            el("h2", lb.ONLINE_CHART.get(t)),
            online_chart,
            _table(
                [lb.LEVEL.get(t), lb.ONLINE.get(t), lb.TARGET.get(t), ""],
                [
                    [
                        r.level,
                        share(r.online),
                        percent(r.target, 0) if r.target is not None else "—",
                        target_state(r.met, r.target is not None, t),
                    ]
                    for r in stats.online_by_level
                ],
            ),
        ),
    ]
    if stats.validated:
        compliance = bar_chart(
            lb.COMPLIANCE_CHART.get(t),
            [
                Bar(
                    f"{r.name}",
                    r.compliance.rate or 0.0,
                    f"{percent(r.compliance.rate)} ({r.compliance.part}/{r.compliance.total})",
                )
                for r in stats.regions
                if r.files
            ],
            1.0,
        )
        parts.append(el("section", el("h2", lb.COMPLIANCE_CHART.get(t)), compliance))
    levels = [lv for lv, _ in stats.by_level]
    totals = dict(stats.by_type)
    parts.append(
        el(
            "section",
            el("h2", lb.BY_TYPE_LEVEL.get(t)),
            _table(
                [lb.TYPE.get(t), *levels, lb.TOTAL.get(t)],
                [[name, *(n for _, n in per), totals[name]] for name, per in stats.by_type_level]
                + [[lb.TOTAL.get(t), *(n for _, n in stats.by_level), sum(totals.values())]],
            ),
        )
    )
    parts.append(
        el(
            "section",
            el("h2", lb.VISITS.get(t)),
            _table(
                [lb.VISITS.get(t), lb.COUNT.get(t)],
                [[lb.VISITS_N.format(t, visits=v), n] for v, n in stats.visits],
            ),
        )
    )
    if stats.validated:
        families = [f"{f} {FAMILIES[f].get(t)}" if f in FAMILIES else f for f in stats.families]
        parts.append(
            el(
                "section",
                el("h2", lb.FINDINGS.get(t)),
                _table(
                    [lb.REGION.get(t), lb.COMPLIANCE.get(t), *families],
                    [
                        [
                            f"{r.name} {r.code}",
                            percent(r.compliance.rate),
                            *(n for _, n in r.findings),
                        ]
                        for r in stats.regions
                    ]
                    + [[lb.TOTAL.get(t), "", *(n for _, n in stats.findings)]],
                ),
            )
        )
    header = el(
        "header",
        el("h1", lb.TITLE.get(t)),
        el("p", scope(stats, t), " ", el("a", lb.BACK.get(t), href=home) if home else None),
    )
    document = (
        "<!DOCTYPE html>\n"
        f'<html lang="{"zh-CN" if t is Lang.ZH else "en"}">\n<head>'
        f"{el('meta', charset='utf-8')}"
        f"{el('meta', name='viewport', content='width=device-width, initial-scale=1')}"
        f"{el('title', title)}{el('link', rel='icon', href='data:,')}"
        f"<style>{STYLE}</style></head>\n<body>\n{header}\n"
        f"<main>\n{join(parts)}\n</main>\n{el('footer', lb.GENERATED_BY.get(t))}\n</body>\n</html>\n"
    )
    return document.encode("utf-8")


def render_html(stats: Stats, lang: Lang) -> bytes:
    """The dashboard as a standalone page."""
    return render_dashboard(stats, lang)
