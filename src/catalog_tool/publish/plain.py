"""Guide elements as plain text, for the formats that are not HTML (Word, Markdown).

Each function says one element the way the site says it, so every format reads alike.
"""

from __future__ import annotations

from catalog_tool.model.enums import TimeUnit
from catalog_tool.publish import labels as lb
from catalog_tool.publish.model import GuideItem, StepView
from catalog_tool.publish.steps_svg import step_meta
from catalog_tool.text import Lang


def yes_no(value: bool | None, lang: Lang) -> str:
    """是/否, or 无 when not stated."""
    if value is None:
        return lb.NONE.get(lang)
    return (lb.YES if value else lb.NO).get(lang)


def agency_lines(g: GuideItem, lang: Lang) -> list[str]:
    """实施主体: its name, then its nature and credit code."""
    if not g.agency_name:
        return [lb.NONE.get(lang)]
    return [
        g.agency_name,
        f"{lb.labelled(lb.AGENCY_NATURE, g.agency_nature, lang)} · "
        f"{lb.labelled(lb.CREDIT_CODE, g.agency_credit_code, lang)}",
    ]


def legal_time(g: GuideItem, lang: Lang) -> str:
    """法定办结时限."""
    time = g.time
    if time is None or time.legal is None:
        return lb.NONE.get(lang)
    return lb.days(time.legal, time.unit, lang)


def promised_time(g: GuideItem, lang: Lang) -> str:
    """承诺办结时限, with how much shorter it is than the statutory limit."""
    time = g.time
    if time is None or time.promised is None:
        return lb.NONE.get(lang)
    text = (
        lb.ON_THE_SPOT.get(lang) if time.promised == 0 else lb.days(time.promised, time.unit, lang)
    )
    if time.compression is not None:
        text += lb.paren(lb.COMPRESSION.format(lang, share=f"{time.compression:.0%}"), lang)
    return text


def visits_lines(g: GuideItem, lang: Lang) -> list[str]:
    """到办事现场次数, and the reason for a visit."""
    count = lb.TIMES.format(lang, visits=g.visits) if g.visits is not None else lb.NONE.get(lang)
    return (
        [count, lb.labelled(lb.VISITS_REASON, g.visits_reason, lang)]
        if g.visits_reason
        else [count]
    )


def online_text(g: GuideItem, lang: Lang) -> str:
    """是否网办 and the depth (the address is given apart, as a link)."""
    text = yes_no(g.online, lang)
    if g.online and g.online_depth is not None:
        text += f" · {lb.ONLINE_DEPTH.get(lang)} {lb.DEPTH.format(lang, depth=g.online_depth)}"
    return text


def step_text(step: StepView, g: GuideItem, lang: Lang) -> str:
    """One step: its time, or 不计入法定时限 with its days."""
    return step_meta(step, g.time.unit if g.time else TimeUnit.WORKING_DAY.value, lang)


def result_text(g: GuideItem, lang: Lang) -> str:
    """审批结果 and its kind."""
    if g.result_name is None:
        return lb.NONE.get(lang)
    return g.result_name + (lb.paren(g.result_kind, lang) if g.result_kind else "")


def material_name(name: str, need: str, notes: str | None, lang: Lang) -> list[str]:
    """A material's name with 必要/非必要, and its notes."""
    first = name + lb.paren(need, lang)
    return [first, lb.labelled(lb.NOTES, notes, lang)] if notes else [first]
