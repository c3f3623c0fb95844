"""Names (N001–N003): clean, distinct and canonically written item names."""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from catalog_tool.diagnostics import Finding, Ref, Severity
from catalog_tool.domain.normalize import (
    canonical_text,
    differs_only_in_form,
    form_key,
    has_invisible,
)
from catalog_tool.model.codes import NATIONAL_REGION
from catalog_tool.rules.base import CatalogRule, ItemRule, Message, RuleDoc, register
from catalog_tool.text import Text as T

if TYPE_CHECKING:
    from catalog_tool.catalog.index import CatalogIndex, ItemSummary
    from catalog_tool.catalog.regions import RegionTree
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

    def __init__(self, options: BaseModel | None = None) -> None:
        super().__init__(options)
        self._regions: RegionTree | None = None
        # The same names and agencies recur across items: each is searched once per run.
        self._names: dict[str, tuple[str | None, str | None, str | None]] = {}
        self._cores: dict[str, str] = {}

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        if ctx.regions is not self._regions or len(self._names) + len(self._cores) > _MEMO:
            self._regions = ctx.regions
            self._names, self._cores = {}, {}
        name = item.name
        places = ctx.regions.place_pattern
        parts = self._names.get(name)
        if parts is None:
            parts = self._names[name] = _name_parts(name, places)
        place, word, digits = parts
        if place is not None:
            yield self.finding("/name", value=name, what=T("地名", "place"), part=place)
            return
        if item.agency is not None:
            agency = item.agency.name
            core = self._cores.get(agency)
            if core is None:
                core = self._cores[agency] = (
                    places.sub("", agency) if places is not None else agency
                )
            for part in (agency, core):
                if len(part) >= 4 and part in name:
                    yield self.finding("/name", value=name, what=T("机关名称", "agency"), part=part)
                    return
        if word is not None:
            yield self.finding("/name", value=name, what=T("机关名称", "agency"), part=word)
            return
        if digits is not None:
            yield self.finding("/name", value=name, what=T("数字", "number"), part=digits)


_MEMO = 65536


def _name_parts(
    name: str, places: re.Pattern[str] | None
) -> tuple[str | None, str | None, str | None]:
    """The first place name, agency word and number in ``name`` (None when absent)."""
    place = places.search(name) if places is not None else None
    word = _AGENCY_WORD.search(name)
    digits = _DIGITS.search(name)
    return (
        place.group(0) if place is not None else None,
        word.group(0) if word is not None else None,
        digits.group(0) if digits is not None else None,
    )


class SimilarityOptions(BaseModel):
    """Options of N002."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    threshold: float = Field(
        default=0.9,
        gt=0.5,
        le=1,
        description="Similarity (0–1, rapidfuzz ratio) at which two names are near-duplicates.",
    )


def similar_pairs(
    keys: list[str], threshold: float, forms: ShorterForms | None = None
) -> Iterator[tuple[int, int, float]]:
    """Index pairs (i < j) of near-duplicate keys, with their similarity.

    Near-duplicates are equal keys, or keys where one is the other with one run of
    characters inserted ("食品经营许可" / "食品经营许可证"), at least ``threshold`` similar
    (rapidfuzz's ratio). Names that put different words into one template ("…消防…" /
    "…防雷…") are parallel items, not duplicates, and are never paired.

    Linear, by an exact index, never all pairs: a shorter key that a run was cut from
    keeps either the first half or the second half of its characters in place, so each key
    looks up, for every length the threshold allows (a ratio of ``1 - m/(2n - m)`` for an
    insertion of ``m`` into a key of length ``n``), the keys of that length that share its
    head or its tail, and checks those few.

    ``forms`` may index a larger set of keys (every region's, see :class:`ShorterForms`):
    its shorter forms are filtered to those among ``keys``.
    """
    from rapidfuzz import fuzz  # only this cross-item rule needs it; rules load on every run

    by_key: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        by_key[key].append(i)
    for group in by_key.values():
        for a, b in itertools.combinations(group, 2):
            yield a, b, 1.0
    cutoff = threshold * 100
    if forms is None:
        forms = ShorterForms(by_key, threshold)
    for i, key in enumerate(keys):
        for shorter in forms.of(key):
            if shorter not in by_key:
                continue  # a key of another region
            score = fuzz.ratio(shorter, key, score_cutoff=cutoff)
            if score:
                for j in by_key[shorter]:
                    yield min(i, j), max(i, j), score / 100


class ShorterForms:
    """The shorter forms of each key among a set of keys, each found once.

    Whether one key is another with a run cut out does not depend on the region, and the
    regions of a province share most of their names: N002 indexes every region's names
    once and asks for each distinct name once, where indexing each region on its own
    looked up every item of every region.
    """

    def __init__(self, keys: Iterable[str], threshold: float) -> None:
        self._halves = _Halves(keys)
        self._threshold = threshold
        self._found: dict[str, list[str]] = {}

    def of(self, key: str) -> list[str]:
        """The keys of the set that are ``key`` with one run the threshold allows cut out,
        sorted."""
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self._halves.shorter_forms(key, self._threshold)
        return found


class _Halves:
    """Distinct keys by (length, first half) and (length, second half)."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.heads: dict[tuple[int, str], list[str]] = defaultdict(list)
        self.tails: dict[tuple[int, str], list[str]] = defaultdict(list)
        for key in keys:
            half = len(key) // 2
            self.heads[len(key), key[:half]].append(key)
            self.tails[len(key), key[half:]].append(key)
        self.lengths = frozenset(n for n, _ in self.heads)

    def shorter_forms(self, key: str, threshold: float) -> list[str]:
        """The keys that are ``key`` with one run the threshold allows cut out, sorted."""
        n = len(key)
        longest = math.floor(2 * n * (1 - threshold) / (2 - threshold) + 1e-9)
        found: set[str] = set()
        for run in range(1, min(longest, n - 1) + 1):
            size = n - run
            if size not in self.lengths:
                continue
            half = size // 2
            head = self.heads.get((size, key[:half]), ())
            tail = self.tails.get((size, key[n - (size - half) :]), ())
            for shorter in (*head, *tail):
                if shorter not in found and _cut_from(shorter, key, run):
                    found.add(shorter)
        return sorted(found)


def _cut_from(shorter: str, key: str, run: int) -> bool:
    """Whether ``shorter`` is ``key`` with one run of ``run`` characters removed."""
    size = len(shorter)
    start = 0
    while start < size and shorter[start] == key[start]:
        start += 1
    return shorter[start:] == key[start + run :]


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
            "(rules.N002.threshold,默认 0.9,用 rapidfuzz 计算):名称相同,或一个是另一个插入一段字词而成"
            "(如“食品经营许可”与“食品经营许可证”)。同一模板填入不同词语的名称(如“对拒绝、阻挠消防监督检查的行政处罚”"
            "与“…防雷…”)是不同事项,不报告。用精确索引查找,不做两两比较。",
            "Two items of one region (different codes, not sub-items of one main item) have "
            "names at least rules.N002.threshold similar (default 0.9, rapidfuzz): equal, or "
            "one is the other with a run of characters inserted (食品经营许可 / 食品经营许可证). "
            "Names that fill one template with different terms (消防 vs 防雷 in one penalty "
            "sentence) are different items. Found through an exact index, never all pairs.",
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
        threshold = self.options.threshold
        regions = []
        for region in index.region_codes():
            items = [i for i in index.in_region(region) if i.name]
            regions.append((items, [form_key(i.name) for i in items]))
        forms = ShorterForms({key for _, keys in regions for key in keys}, threshold)
        for items, keys in regions:
            for first, second, score in similar_pairs(keys, threshold, forms):
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
        "invisible": Message(
            T(
                '"{value}"含有不可见字符(显示为 <U+…>),应为"{fixed}"',
                '"{value}" holds invisible characters (shown as <U+…>); expected "{fixed}"',
            ),
            T("运行 catalog fmt 自动删除。", "Run catalog fmt to remove them."),
        ),
        "upstream": Message(
            T(
                '名称"{value}"与上级({ref})"{upstream}"只差标点、全半角、空格或不可见字符',
                'name "{value}" differs from upstream ({ref}) "{upstream}" only in punctuation, '
                "width, spaces or invisible characters",
            ),
            T("改为与上级完全一致的写法:{upstream}", "Write it exactly as upstream: {upstream}"),
        ),
    }
    doc = RuleDoc(
        what=T(
            "名称、设定依据、材料名称或受理条件没有按规范写法书写(中文用全角标点,数字字母用半角,"
            "汉字之间无空格,文号用〔〕,不含零宽空格、方向标记、控制字符等不可见字符);"
            "或名称与上级只差这些写法。",
            "A name, citation, material or condition is not canonically written (full-width "
            "punctuation in Chinese, half-width digits, no spaces between characters, 〔〕 in "
            "document numbers, no invisible characters such as zero-width spaces, direction "
            "marks or control characters), or a name differs from upstream only in such form.",
        ),
        why=T(
            "“食品经营许可(新办)”和“食品经营许可（新办）”在系统里是两个名称,比对、检索都会漏;"
            "夹了零宽空格的名称看起来一样,却同样是另一个名称。",
            "Two spellings of one name are two names to every system, and so is a name that "
            "looks the same but holds a zero-width space.",
        ),
        source=T("GB/T 15834《标点符号用法》;四级四同要求名称完全一致。", "GB/T 15834; 四级四同."),
        bad="name: 食品经营许可(新办)\n",
        good="name: 食品经营许可（新办）\n",
    )

    def check(self, index: CatalogIndex, ctx: CatalogContext) -> Iterable[Finding]:
        for item in index:
            if not item.valid:
                continue
            name = item.name
            canonical = canonical_text(name) == name
            # A name that differs from upstream only in form (F001 leaves it to this rule)
            # is reported once, against the upstream name, whether or not it is canonical.
            up = index.upstream(item) if item.region != NATIONAL_REGION else None
            as_upstream = up is not None and differs_only_in_form(name, up.name)
            # Most items are written canonically: look at their lists only through the memo.
            if (
                not canonical
                or _unnormalized(item.basis)
                or _unnormalized(item.materials)
                or _unnormalized(item.conditions)
            ):
                yield from self._own_form(item, name=not as_upstream)
            if as_upstream:
                assert up is not None
                yield self.finding(
                    "/name",
                    "upstream",
                    file=item.file,
                    value=item.name,
                    upstream=up.name,
                    ref=Ref(up.file, "/name"),
                )

    def _own_form(self, item: ItemSummary, *, name: bool = True) -> Iterator[Finding]:
        if name and item.name != canonical_text(item.name):
            yield self._finding(item.file, "/name", item.name, canonical_text(item.name))
        groups: tuple[tuple[str, tuple[str, ...], str], ...] = (
            ("/basis/{}", item.basis, ""),
            ("/materials/{}", item.materials, "/name"),
            ("/conditions/{}", item.conditions, ""),
        )
        for pattern, values, tail in groups:
            for i, value, fixed in _unnormalized(values):
                yield self._finding(item.file, pattern.format(i) + tail, value, fixed)

    def _finding(self, file: str, pointer: str, value: str, fixed: str) -> Finding:
        key = "invisible" if has_invisible(value) else "default"
        return self.finding(pointer, key, file=file, value=value, fixed=fixed)


@lru_cache(maxsize=65536)
def _unnormalized(values: tuple[str, ...]) -> tuple[tuple[int, str, str], ...]:
    """(index, value, canonical form) of the values not canonically written.

    Items of one code repeat the same lists in every region: each list is checked once.
    """
    return tuple(
        (i, value, fixed)
        for i, value in enumerate(values)
        if (fixed := canonical_text(value)) != value
    )
