"""Charts of the dashboard as plain SVG, drawn here: horizontal bars with optional targets.

No chart library and no script: the SVG is part of the page, prints as it shows, and
its numbers are text that can be selected and searched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from catalog_tool.publish.html import Markup, el, join
from catalog_tool.publish.steps_svg import text_width

WIDTH = 680
LABEL_W = 170
BAR_X = LABEL_W + 8
BAR_W = 400
ROW = 26
BAR_H = 16
TOP = 8
FONT = 13


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: its label, value, the text shown after it, and an optional target."""

    label: str
    value: float
    text: str
    target: float | None = None
    state: str = ""
    """A CSS class for the bar: ``ok`` or ``low`` against its target."""


def fit(label: str, width: float, size: float = FONT) -> str:
    """``label`` shortened with an ellipsis to fit ``width`` (estimated)."""
    if text_width(label, size) <= width:
        return label
    out = label
    while out and text_width(out + "…", size) > width:
        out = out[:-1]
    return out + "…"


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def bar_chart(title: str, bars: Sequence[Bar], maximum: float, target_label: str = "") -> Markup:
    """Horizontal bars scaled to ``maximum``; a dashed line marks each bar's target."""
    scale = BAR_W / maximum if maximum > 0 else 0.0
    parts: list[Markup] = []
    for i, bar in enumerate(bars):
        y = TOP + i * ROW
        length = max(0.0, min(bar.value, maximum)) * scale
        parts.append(
            el(
                "text",
                fit(bar.label, LABEL_W - 4),
                x=LABEL_W,
                y=_n(y + BAR_H - 3),
                text_anchor="end",
                class_="label",
            )
        )
        parts.append(el("rect", x=BAR_X, y=y, width=BAR_W, height=BAR_H, class_="track"))
        parts.append(
            el(
                "rect",
                el("title", f"{bar.label}: {bar.text}"),
                x=BAR_X,
                y=y,
                width=_n(length),
                height=BAR_H,
                class_=f"bar {bar.state}".strip(),
            )
        )
        parts.append(
            el("text", bar.text, x=_n(BAR_X + BAR_W + 6), y=_n(y + BAR_H - 3), class_="value")
        )
        if bar.target is not None:
            x = _n(BAR_X + min(bar.target, maximum) * scale)
            parts.append(el("line", x1=x, y1=y - 3, x2=x, y2=y + BAR_H + 3, class_="target"))
    height = TOP + len(bars) * ROW + (18 if target_label else 4)
    if target_label:
        y = height - 8
        parts.append(el("line", x1=BAR_X, y1=y - 4, x2=BAR_X + 18, y2=y - 4, class_="target"))
        parts.append(el("text", target_label, x=BAR_X + 24, y=y, class_="value"))
    return el(
        "svg",
        el("title", title),
        join(parts),
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {WIDTH} {height}",
        width=WIDTH,
        height=height,
        class_="chart",
        role="img",
        aria_label=title,
    )
