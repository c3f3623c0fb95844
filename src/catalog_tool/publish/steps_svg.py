"""The procedure (办理流程) as a numbered step diagram in plain SVG.

A vertical line of numbered steps: each with its name, its time, and, for a step that
does not count toward the statutory limit (不计时环节/特别程序: 听证, 检验, 现场核查 …),
a dashed marker and the words 不计入法定时限 with the days it takes — the applicant must
be told how long such a step lasts (优化营商环境条例 第36条). SVG text cannot wrap, so
long names are broken into lines here, by an estimate of each character's width.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

from catalog_tool.publish import labels as lb
from catalog_tool.publish.html import Markup, text
from catalog_tool.publish.model import StepView
from catalog_tool.text import Lang

WIDTH = 640
TEXT_X = 52
NAME_SIZE = 15
META_SIZE = 13
LINE = 20
META_LINE = 18
PAD = 10


def text_width(text: str, size: float) -> float:
    """Estimated drawn width of ``text``: CJK and full-width characters are 1em, others 0.6em."""
    return sum(size if ord(ch) > 0x2E7F else size * 0.6 for ch in text)


def wrap(text: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (by the estimate above)."""
    lines: list[str] = []
    current = ""
    used = 0.0
    for ch in text:
        w = size if ord(ch) > 0x2E7F else size * 0.6
        if current and used + w > width:
            lines.append(current)
            current, used = "", 0.0
        current += ch
        used += w
    if current or not lines:
        lines.append(current)
    return lines


def step_meta(step: StepView, unit: str, lang: Lang) -> str:
    """The time line of a step: ``1 个工作日``, or ``不计入法定时限 · 5 个工作日``."""
    time = lb.days(step.days, unit, lang) if step.days is not None else ""
    if step.counted:
        return time
    return f"{lb.UNCOUNTED.get(lang)} · {time}" if time else lb.UNCOUNTED.get(lang)


@lru_cache(maxsize=4096)
def steps_svg(steps: tuple[StepView, ...], unit: str, lang: Lang) -> Markup:
    """The diagram of ``steps``; ``unit`` is the item's time unit (工作日/自然日).

    Cached: items of one code usually share their steps across regions (三级五统一).
    Drawn with format strings (every piece of data through :func:`text`): a catalog has
    tens of thousands of diagrams.
    """
    if not steps:
        return Markup("")
    usable = WIDTH - TEXT_X - 8
    parts: list[str] = []
    centres: list[float] = []
    y = 0.0
    summary: list[str] = []
    for step in steps:
        top = y + PAD
        meta = step_meta(step, unit, lang)
        centre = top + 14
        centres.append(centre)
        dot = "dot" if step.counted else "dot dashed"
        parts.append(
            f'<circle cx="24" cy="{_n(centre)}" r="14" class="{dot}"></circle>'
            f'<text x="24" y="{_n(centre + 5)}" class="num" text-anchor="middle">'
            f"{step.number}</text>"
        )
        line_y = top + NAME_SIZE + 4
        for name in wrap(step.name, NAME_SIZE, usable):
            parts.append(f'<text x="{TEXT_X}" y="{_n(line_y)}" class="name">{text(name)}</text>')
            line_y += LINE
        if meta:
            kind = "meta" if step.counted else "meta warn"
            parts.append(
                f'<text x="{TEXT_X}" y="{_n(line_y - 2)}" class="{kind}">{text(meta)}</text>'
            )
            line_y += META_LINE
        for note in wrap(step.description, META_SIZE, usable) if step.description else ():
            parts.append(
                f'<text x="{TEXT_X}" y="{_n(line_y - 2)}" class="note">{text(note)}</text>'
            )
            line_y += META_LINE
        y = line_y + PAD - 8
        summary.append(f"{step.number} {step.name}" + (lb.paren(meta, lang) if meta else ""))
    lines = [
        f'<line x1="24" y1="{_n(a + 14)}" x2="24" y2="{_n(b - 14)}" class="link"></line>'
        for a, b in itertools.pairwise(centres)
    ]
    height = _n(y + 4)
    label = text(lb.labelled(lb.STEPS, ("；" if lang is Lang.ZH else "; ").join(summary), lang))
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}"'
        f' height="{height}" class="steps" role="img" aria-label="{label}">'
        f"<title>{label}</title>{''.join(lines)}{''.join(parts)}</svg>"
    )


def _n(value: float) -> str:
    """A coordinate without a needless ``.0`` (stable text for stable output)."""
    return f"{value:.1f}".removesuffix(".0")
