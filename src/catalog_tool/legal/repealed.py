"""A curated list of repealed laws and regulations, with what replaced them and when.

The corpus marks some documents as no longer in force but says nothing about successors,
and it lacks many repealed laws altogether (执业医师法, 合同法). Catalogs keep citing them, so
the importer merges this list into the registry.

Every entry names its ``basis``: the provision that repealed it, almost always the final
article of the successor (“本法自…起施行。《…》同时废止。”), cited as it stands in the
successor's current text. The integration tests check each basis against the corpus text
where the corpus has it; the one entry whose basis is only in an older version
(食品卫生法, repealed by the 2009 text of 食品安全法) carries a version note in its basis.
The repeal date is the day the successor took effect.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from catalog_tool.legal.registry import LawLevel


@dataclass(frozen=True, slots=True)
class RepealedLaw:
    """One repealed law or regulation."""

    title: str
    """Its full title."""
    level: LawLevel
    """Its level (used only when the corpus does not have the document)."""
    successor: str | None
    """The full title of what replaced it, if anything did."""
    repealed: date
    """The day it ceased to be in force."""
    basis: str
    """The provision that repealed it, as a citation."""


def _many(
    titles: tuple[str, ...], level: LawLevel, successor: str, repealed: date, basis: str
) -> tuple[RepealedLaw, ...]:
    return tuple(RepealedLaw(t, level, successor, repealed, basis) for t in titles)


_LAW = LawLevel.LAW
_REG = LawLevel.ADMINISTRATIVE_REGULATION

REPEALED: Final[tuple[RepealedLaw, ...]] = (
    RepealedLaw(
        "中华人民共和国执业医师法",
        _LAW,
        "中华人民共和国医师法",
        date(2022, 3, 1),
        "《中华人民共和国医师法》第六十七条",
    ),
    RepealedLaw(
        "中华人民共和国食品卫生法",
        _LAW,
        "中华人民共和国食品安全法",
        date(2009, 6, 1),
        "《中华人民共和国食品安全法》（2009年公布）第一百零四条",
    ),
    RepealedLaw(
        "中华人民共和国城市规划法",
        _LAW,
        "中华人民共和国城乡规划法",
        date(2008, 1, 1),
        "《中华人民共和国城乡规划法》第七十条",
    ),
    *_many(
        (
            "中华人民共和国婚姻法",
            "中华人民共和国继承法",
            "中华人民共和国民法通则",
            "中华人民共和国收养法",
            "中华人民共和国担保法",
            "中华人民共和国合同法",
            "中华人民共和国物权法",
            "中华人民共和国侵权责任法",
            "中华人民共和国民法总则",
        ),
        _LAW,
        "中华人民共和国民法典",
        date(2021, 1, 1),
        "《中华人民共和国民法典》第一千二百六十条",
    ),
    *_many(
        (
            "中华人民共和国公司登记管理条例",
            "中华人民共和国企业法人登记管理条例",
            "中华人民共和国合伙企业登记管理办法",
            "农民专业合作社登记管理条例",
            "企业法人法定代表人登记管理规定",
        ),
        _REG,
        "中华人民共和国市场主体登记管理条例",
        date(2022, 3, 1),
        "《中华人民共和国市场主体登记管理条例》第五十五条",
    ),
    RepealedLaw(
        "个体工商户条例",
        _REG,
        "促进个体工商户发展条例",
        date(2022, 11, 1),
        "《促进个体工商户发展条例》第三十九条",
    ),
    RepealedLaw(
        "中华人民共和国环境噪声污染防治法",
        _LAW,
        "中华人民共和国噪声污染防治法",
        date(2022, 6, 5),
        "《中华人民共和国噪声污染防治法》第九十条",
    ),
    RepealedLaw(
        "中华人民共和国行政监察法",
        _LAW,
        "中华人民共和国监察法",
        date(2018, 3, 20),  # 监察法 took effect on promulgation, 2018-03-20
        "《中华人民共和国监察法》第七十八条",
    ),
    RepealedLaw(
        "中华人民共和国城市维护建设税暂行条例",
        _REG,
        "中华人民共和国城市维护建设税法",
        date(2021, 9, 1),
        "《中华人民共和国城市维护建设税法》第十一条",
    ),
    RepealedLaw(
        "中华人民共和国契税暂行条例",
        _REG,
        "中华人民共和国契税法",
        date(2021, 9, 1),
        "《中华人民共和国契税法》第十六条",
    ),
    RepealedLaw(
        "中华人民共和国资源税暂行条例",
        _REG,
        "中华人民共和国资源税法",
        date(2020, 9, 1),
        "《中华人民共和国资源税法》第十七条",
    ),
    RepealedLaw(
        "中华人民共和国印花税暂行条例",
        _REG,
        "中华人民共和国印花税法",
        date(2022, 7, 1),
        "《中华人民共和国印花税法》第二十条",
    ),
    RepealedLaw(
        "中华人民共和国车辆购置税暂行条例",
        _REG,
        "中华人民共和国车辆购置税法",
        date(2019, 7, 1),
        "《中华人民共和国车辆购置税法》第十九条",
    ),
    RepealedLaw(
        "中华人民共和国耕地占用税暂行条例",
        _REG,
        "中华人民共和国耕地占用税法",
        date(2019, 9, 1),
        "《中华人民共和国耕地占用税法》第十六条",
    ),
    RepealedLaw(
        "中华人民共和国烟叶税暂行条例",
        _REG,
        "中华人民共和国烟叶税法",
        date(2018, 7, 1),
        "《中华人民共和国烟叶税法》第十条",
    ),
    RepealedLaw(
        "中华人民共和国船舶吨税暂行条例",
        _REG,
        "中华人民共和国船舶吨税法",
        date(2018, 7, 1),
        "《中华人民共和国船舶吨税法》第二十二条",
    ),
    RepealedLaw(
        "中华人民共和国车船税暂行条例",
        _REG,
        "中华人民共和国车船税法",
        date(2012, 1, 1),
        "《中华人民共和国车船税法》第十三条",
    ),
    RepealedLaw(
        "中华人民共和国进出口关税条例",
        _REG,
        "中华人民共和国关税法",
        date(2024, 12, 1),
        "《中华人民共和国关税法》第七十二条",
    ),
    RepealedLaw(
        "中华人民共和国增值税暂行条例",
        _REG,
        "中华人民共和国增值税法",
        date(2026, 1, 1),
        "《中华人民共和国增值税法》第三十八条",
    ),
    RepealedLaw(
        "中华人民共和国学位条例",
        _LAW,
        "中华人民共和国学位法",
        date(2025, 1, 1),
        "《中华人民共和国学位法》第四十五条",
    ),
    RepealedLaw(
        "中华人民共和国预备役军官法",
        _LAW,
        "中华人民共和国预备役人员法",
        date(2023, 3, 1),
        "《中华人民共和国预备役人员法》第六十五条",
    ),
    *_many(
        ("中华人民共和国外国人入境出境管理法", "中华人民共和国公民出境入境管理法"),
        _LAW,
        "中华人民共和国出境入境管理法",
        date(2013, 7, 1),
        "《中华人民共和国出境入境管理法》第九十三条",
    ),
    *_many(
        (
            "中华人民共和国中外合资经营企业法",
            "中华人民共和国外资企业法",
            "中华人民共和国中外合作经营企业法",
        ),
        _LAW,
        "中华人民共和国外商投资法",
        date(2020, 1, 1),
        "《中华人民共和国外商投资法》第四十二条",
    ),
    *_many(
        (
            "中华人民共和国中外合资经营企业法实施条例",
            "中华人民共和国外资企业法实施细则",
            "中华人民共和国中外合作经营企业法实施细则",
        ),
        _REG,
        "中华人民共和国外商投资法实施条例",
        date(2020, 1, 1),
        "《中华人民共和国外商投资法实施条例》第四十九条",
    ),
    RepealedLaw(
        "化妆品卫生监督条例",
        _REG,
        "化妆品监督管理条例",
        date(2021, 1, 1),
        "《化妆品监督管理条例》第八十条",
    ),
    RepealedLaw(
        "排污费征收使用管理条例",
        _REG,
        "中华人民共和国环境保护税法实施条例",
        date(2018, 1, 1),
        "《中华人民共和国环境保护税法实施条例》第二十六条",
    ),
    RepealedLaw(
        "法规规章备案条例",
        _REG,
        "法规规章备案审查条例",
        date(2024, 11, 1),
        "《法规规章备案审查条例》第二十六条",
    ),
    RepealedLaw(
        "无照经营查处取缔办法",
        _REG,
        "无证无照经营查处办法",
        date(2017, 10, 1),
        "《无证无照经营查处办法》第十九条",
    ),
    RepealedLaw(
        "报废汽车回收管理办法",
        _REG,
        "报废机动车回收管理办法",
        date(2019, 6, 1),
        "《报废机动车回收管理办法》第二十八条",
    ),
    RepealedLaw(
        "中华人民共和国外商投资企业和外国企业所得税法",
        _LAW,
        "中华人民共和国企业所得税法",
        date(2008, 1, 1),
        "《中华人民共和国企业所得税法》第六十条",
    ),
    RepealedLaw(
        "中华人民共和国企业所得税暂行条例",
        _REG,
        "中华人民共和国企业所得税法",
        date(2008, 1, 1),
        "《中华人民共和国企业所得税法》第六十条",
    ),
    RepealedLaw(
        "中华人民共和国企业破产法（试行）",
        _LAW,
        "中华人民共和国企业破产法",
        date(2007, 6, 1),
        "《中华人民共和国企业破产法》第一百三十六条",
    ),
    RepealedLaw(
        "中华人民共和国民事诉讼法（试行）",
        _LAW,
        "中华人民共和国民事诉讼法",
        date(1991, 4, 9),  # the 1991 民事诉讼法 took effect on promulgation, 1991-04-09
        "《中华人民共和国民事诉讼法》第三百零六条",
    ),
    RepealedLaw(
        "中华人民共和国治安管理处罚条例",
        _LAW,
        "中华人民共和国治安管理处罚法",
        date(2006, 3, 1),
        "《中华人民共和国治安管理处罚法》第一百一十九条",
    ),
    RepealedLaw(
        "中华人民共和国居民身份证条例",
        _LAW,
        "中华人民共和国居民身份证法",
        date(2004, 1, 1),
        "《中华人民共和国居民身份证法》第二十三条",
    ),
    RepealedLaw(
        "中华人民共和国审计条例",
        _REG,
        "中华人民共和国审计法",
        date(1995, 1, 1),
        "《中华人民共和国审计法》第六十条",
    ),
    RepealedLaw(
        "中华人民共和国注册会计师条例",
        _REG,
        "中华人民共和国注册会计师法",
        date(1994, 1, 1),
        "《中华人民共和国注册会计师法》第四十六条",
    ),
    RepealedLaw(
        "中华人民共和国气象条例",
        _REG,
        "中华人民共和国气象法",
        date(2000, 1, 1),
        "《中华人民共和国气象法》第四十五条",
    ),
)
"""The curated list (see the module docstring for how each entry is backed)."""
