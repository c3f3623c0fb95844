"""``catalog stats --format text``: aligned plain text for the terminal."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from catalog_tool.publish.labels import labelled
from catalog_tool.stats import labels as lb
from catalog_tool.stats.model import FAMILIES, Share, Stats
from catalog_tool.stats.numbers import percent, scope, share, target_state
from catalog_tool.text import Lang


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(rows: Sequence[Sequence[str]], indent: str = "  ") -> list[str]:
    """Rows as lines with aligned columns (first column left, the rest right)."""
    if not rows:
        return []
    widths = [max(width(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell + " " * (widths[i] - width(cell))
            if i == 0
            else " " * (widths[i] - width(cell)) + cell
            for i, cell in enumerate(row)
        ]
        lines.append((indent + "  ".join(cells)).rstrip())
    return lines


def render_text(stats: Stats, lang: Lang) -> bytes:
    """The statistics as text."""
    t = lang
    out = [
        labelled(lb.TITLE, scope(stats, t), t),
        lb.SUMMARY.format(
            t,
            items=stats.items,
            files=stats.files,
            skipped=stats.skipped,
            applications=stats.applications,
        ),
        "",
        lb.BY_TYPE_LEVEL.get(t),
    ]
    levels = [lv for lv, _ in stats.by_level]
    rows = [[lb.TYPE.get(t), *levels, lb.TOTAL.get(t)]]
    totals = dict(stats.by_type)
    for type_name, per_level in stats.by_type_level:
        rows.append([type_name, *(str(n) for _, n in per_level), str(totals[type_name])])
    rows.append([lb.TOTAL.get(t), *(str(n) for _, n in stats.by_level), str(sum(totals.values()))])
    out += table(rows)
    out += ["", lb.ONLINE_BY_LEVEL.get(t)]
    out += table(
        [
            [
                row.level,
                share(row.online),
                f"{lb.TARGET.get(t)} {percent(row.target, 0)}" if row.target is not None else "",
                target_state(row.met, row.target is not None, t),
            ]
            for row in stats.online_by_level
        ]
    )
    out += [
        "",
        labelled(lb.ONLINE, share(stats.online), t),
        labelled(lb.IMMEDIATE, share(stats.immediate), t),
        labelled(
            lb.RATIO,
            f"{percent(stats.promised_ratio)} ({lb.RATIO_NOTE.format(t, n=stats.ratio_items)})",
            t,
        ),
        labelled(lb.AT_MOST_ONCE, share(stats.at_most_once), t),
        labelled(lb.ZERO_VISITS, share(stats.zero_visits), t),
        "",
        lb.VISITS.get(t),
    ]
    out += table([[lb.VISITS_N.format(t, visits=v), str(n)] for v, n in stats.visits])
    out += ["", lb.FINDINGS.get(t)]
    if not stats.validated:
        out.append("  " + lb.NOT_VALIDATED.get(t))
    else:
        out += table(_findings_rows(stats, t))
        if not stats.families:
            out.append("  " + lb.NO_FINDINGS.get(t))
    return ("\n".join(out) + "\n").encode("utf-8")


def _findings_rows(stats: Stats, t: Lang) -> list[list[str]]:
    """Per region: compliance, findings in all, findings per rule family; then the totals
    (compliance over every item file covered)."""
    head = [
        lb.REGION.get(t),
        lb.COMPLIANCE.get(t),
        lb.FINDINGS_COUNT.get(t),
        *(f"{f} {FAMILIES[f].get(t)}" if f in FAMILIES else f for f in stats.families),
    ]
    rows = [head]
    for region in stats.regions:
        rows.append(
            [
                f"{region.name} {region.code}",
                percent(region.compliance.rate),
                str(sum(n for _, n in region.findings)),
                *(str(n) for _, n in region.findings),
            ]
        )
    files = sum(r.files for r in stats.regions)
    clean = sum(r.compliance.part for r in stats.regions)
    rows.append(
        [
            lb.TOTAL.get(t),
            percent(Share(clean, files).rate),
            str(sum(n for _, n in stats.findings)),
            *(str(n) for _, n in stats.findings),
        ]
    )
    return rows
