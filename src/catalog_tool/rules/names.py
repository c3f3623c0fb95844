"""Names (N001–N003): clean, distinct and canonically written item names."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz

from catalog_tool.diagnostics import Finding, Ref, Severity
from catalog_tool.domain.normalize import canonical_text, differs_only_in_form, form_key
from catalog_tool.model.item import NATIONAL_REGION
from catalog_tool.rules.base import CatalogRule, ItemRule, Message, RuleDoc, register
from catalog_tool.text import Text as T

if TYPE_CHECKING:
    from catalog_tool.catalog.index import CatalogIndex, ItemSummary
    from catalog_tool.engine.context import CatalogContext, ItemContext
    from catalog_tool.model.item import Item

_DIGITS = re.compile(r"[0-9０-９]+")
_AGENCY_WORD = re.compile(r"[\u4e00-\u9fff]{2,}(?:局|厅|委员会|办公室)")


@register
class NameHoldsAgencyPlaceOrNumber(ItemRule):
    code = "N001"
    name = "names.agency-place-number"
    severity = Severity.WARNING
    national = True
    summary = T("事项名称含机关、地名或数字", "Name holds an agency, place or number")
    messages = {
        "default": Message(
            T('事项名称"{value}"含有{what}"{part}"', 'name "{value}" contains the {what} "{part}"'),
            T("事项名称只写行为本身,删去“{part}”。", 'Name the act only; drop "{part}".'),
        )
    }
    doc = RuleDoc(
        what=T(
            "事项名称含实施机关名称、regions.yaml 中的地名(全称或简称)或阿拉伯数字。",
            "An item name contains the agency's name, a place from regions.yaml (full or "
            "short) or digits.",
        ),
        why=T(
            "名称要在全国统一;带上“济宁市”“市场监管局”的名称无法与其他地区比对。",
            "Names are national; place or agency names make them incomparable.",
        ),
        source=T(
            "国家政务服务平台事项命名规范;GB/T 39046。",
            "The national platform's naming rules; GB/T 39046.",
        ),
        bad="name: 济宁市食品经营许可\n",
        good="name: 食品经营许可\n",
    )

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        name = item.name
        for place in ctx.regions.place_names:
            if place in name:
                yield self.finding("/name", value=name, what=T("地名", "place"), part=place)
                return
        if item.agency is not None:
            agency = item.agency.name
            core = agency
            for place in ctx.regions.place_names:
                core = core.replace(place, "")
            for part in (agency, core):
                if len(part) >= 4 and part in name:
                    yield self.finding("/name", value=name, what=T("机关名称", "agency"), part=part)
                    return
        word = _AGENCY_WORD.search(name)
        if word is not None:
            yield self.finding(
                "/name", value=name, what=T("机关名称", "agency"), part=word.group(0)
            )
            return
        digits = _DIGITS.search(name)
        if digits is not None:
            yield self.finding("/name", value=name, what=T("数字", "number"), part=digits.group(0))


class SimilarityOptions(BaseModel):
    """Options of N002."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    threshold: float = Field(
        default=0.9,
        gt=0.5,
        le=1,
        description="Similarity (0–1, rapidfuzz ratio) at which two names are near-duplicates.",
    )


def _grams(key: str) -> set[str]:
    return {key[i : i + 2] for i in range(len(key) - 1)} or {key}


def similar_pairs(keys: list[str], threshold: float) -> Iterator[tuple[int, int, float]]:
    """Index pairs (i < j) whose keys are at least ``threshold`` similar.

    Blocking by prefix filtering on character bigrams: two strings within indel distance
    D share at least ``n - 2D`` of the ``n`` bigrams of the first, and for a similarity of
    ``t`` D is at most ``2(1-t)/t`` times its length; so each string is indexed by its
    rarest bigrams only, and only strings meeting in that prefix are compared exactly.
    """
    grams = [_grams(k) for k in keys]
    frequency = Counter(g for gs in grams for g in gs)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        ordered = sorted(grams[i], key=lambda g: (frequency[g], g))
        distance = 2 * (1 - threshold) * len(key) / threshold
        overlap = max(1, math.floor(len(ordered) - 2 * distance))
        prefix = ordered[: max(1, len(ordered) - overlap + 1)]
        candidates: set[int] = set()
        for gram in prefix:
            candidates.update(postings[gram])
            postings[gram].append(i)
        for j in sorted(candidates):
            score = fuzz.ratio(keys[j], key) / 100
            if score >= threshold:
                yield j, i, score


@register
class NearDuplicateNames(CatalogRule):
    code = "N002"
    name = "names.near-duplicate"
    severity = Severity.WARNING
    summary = T("同一区划中事项名称近似重复", "Near-duplicate names in one region")
    Options = SimilarityOptions
    messages = {
        "default": Message(
            T(
                '事项名称"{value}"与 {ref} 的"{other}"近似(相似度 {score})',
                'name "{value}" is close to "{other}" in {ref} (similarity {score})',
            ),
            T(
                "同一事项应只有一个编码;确属不同事项的,把名称写得能区分开。",
                "One item should have one code; if they differ, make the names distinguishable.",
            ),
        )
    }
    doc = RuleDoc(
        what=T(
            "同一区划中两个事项(不同编码,且不是同一主项下的子项)的名称相似度达到阈值"
            "(rules.N002.threshold,默认 0.9,用 rapidfuzz 计算;用二元组前缀过滤分块,不做全量两两比较)。",
            "Two items of one region (different codes, not sub-items of one main item) have "
            "names at least rules.N002.threshold similar (default 0.9, rapidfuzz; candidates "
            "come from bigram prefix blocking, never all pairs).",
        ),
        why=T(
            "同一事项被重复认领成两个编码,办件量、好差评都被拆散;也可能是名称写错。",
            "One service claimed under two codes splits its statistics, or a name is misspelt.",
        ),
        source=T(
            "国发〔2022〕5号:事项统一规范、动态管理。",
            "国发〔2022〕5号 on unified item management.",
        ),
        bad="# 370811/000101001000.yaml: 食品经营许可\n# 370811/000101099000.yaml: 食品经营许可证\n",
        good="# 只保留 370811/000101001000.yaml: 食品经营许可\n",
    )

    def check(self, index: CatalogIndex, ctx: CatalogContext) -> Iterable[Finding]:
        assert isinstance(self.options, SimilarityOptions)
        for region in index.region_codes():
            items = [i for i in index.in_region(region) if i.name]
            keys = [form_key(i.name) for i in items]
            for first, second, score in similar_pairs(keys, self.options.threshold):
                a, b = items[first], items[second]
                if a.code[:9] == b.code[:9]:
                    continue  # sub-items (子项) of one main item share their first nine digits
                later, earlier = (b, a) if a.file < b.file else (a, b)
                yield self.finding(
                    "/name",
                    file=later.file,
                    value=later.name,
                    other=earlier.name,
                    score=f"{score:.2f}",
                    ref=Ref(earlier.file, "/name"),
                )


@register
class UnnormalizedText(CatalogRule):
    code = "N003"
    name = "names.unnormalized"
    severity = Severity.WARNING
    summary = T("标点、全半角或空格不规范", "Unnormalized punctuation, width or spaces")
    messages = {
        "default": Message(
            T(
                '"{value}"的标点、全半角或空格不规范,应为"{fixed}"',
                '"{value}" is not canonically written; expected "{fixed}"',
            ),
            T("运行 catalog fmt 自动修正。", "Run catalog fmt to fix it."),
        ),
        "upstream": Message(
            T(
                '名称"{value}"与上级({ref})"{upstream}"只差标点、全半角或空格',
                'name "{value}" differs from upstream ({ref}) "{upstream}" only in punctuation, width or spaces',
            ),
            T("改为与上级完全一致的写法:{upstream}", "Write it exactly as upstream: {upstream}"),
        ),
    }
    doc = RuleDoc(
        what=T(
            "名称、设定依据、材料名称或受理条件没有按规范写法书写(中文用全角标点,数字字母用半角,"
            "汉字之间无空格,文号用〔〕);或名称与上级只差这些写法。",
            "A name, citation, material or condition is not canonically written (full-width "
            "punctuation in Chinese, half-width digits, no spaces between characters, 〔〕 in "
            "document numbers), or a name differs from upstream only in such form.",
        ),
        why=T(
            "“食品经营许可(新办)”和“食品经营许可（新办）”在系统里是两个名称,比对、检索都会漏。",
            "Two spellings of one name are two names to every system.",
        ),
        source=T("GB/T 15834《标点符号用法》;四级四同要求名称完全一致。", "GB/T 15834; 四级四同."),
        bad="name: 食品经营许可(新办)\n",
        good="name: 食品经营许可（新办）\n",
    )

    def check(self, index: CatalogIndex, ctx: CatalogContext) -> Iterable[Finding]:
        for item in index:
            if not item.valid:
                continue
            yield from self._own_form(item)
            if item.name == canonical_text(item.name) and item.region != NATIONAL_REGION:
                up = index.upstream(item)
                if up is not None and differs_only_in_form(item.name, up.name):
                    yield self.finding(
                        "/name",
                        "upstream",
                        file=item.file,
                        value=item.name,
                        upstream=up.name,
                        ref=Ref(up.file, "/name"),
                    )

    def _own_form(self, item: ItemSummary) -> Iterator[Finding]:
        fields: list[tuple[str, str]] = [("/name", item.name)]
        fields += [(f"/basis/{i}", v) for i, v in enumerate(item.basis)]
        fields += [(f"/materials/{i}/name", v) for i, v in enumerate(item.materials)]
        fields += [(f"/conditions/{i}", v) for i, v in enumerate(item.conditions)]
        for pointer, value in fields:
            fixed = canonical_text(value)
            if fixed != value:
                yield self.finding(pointer, file=item.file, value=value, fixed=fixed)
