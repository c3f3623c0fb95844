"""Legal citations (L001–L005): every citation names a law that exists, is in force, has
the cited article, and may set what the item claims it sets."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from catalog_tool.diagnostics import Finding, Severity
from catalog_tool.legal.citation import ParseResult, ProblemKind, cached_parse
from catalog_tool.legal.levels import citation_level, level_from_wording
from catalog_tool.legal.registry import LawLevel, LawRegistry, LawStatus
from catalog_tool.model.enums import ItemType
from catalog_tool.rules.base import ItemRule, Message, RuleDoc, register
from catalog_tool.text import Text as T

if TYPE_CHECKING:
    from catalog_tool.engine.context import ItemContext
    from catalog_tool.model.item import Item


def citation_texts(item: Item) -> Iterator[tuple[str, str]]:
    """Every citation string of an item with its pointer: basis, material and fee bases."""
    for i, text in enumerate(item.basis):
        yield f"/basis/{i}", text
    for m, material in enumerate(item.materials or ()):
        for j, text in enumerate(material.basis):
            yield f"/materials/{m}/basis/{j}", text
    for f, fee in enumerate(item.fees or ()):
        for j, text in enumerate(fee.basis):
            yield f"/fees/{f}/basis/{j}", text


def cited(item: Item) -> tuple[str, ...]:
    """The citation strings of ``item`` in :func:`citation_texts` order, without pointers.

    The L rules share them: each rule runs over a whole batch of items before the next
    one does, so those of the batch's items are remembered, by identity. An entry holds
    its item: the item stays alive while remembered, so its ``id`` cannot be taken by
    another one.
    """
    entry = _CITED.get(id(item))
    if entry is not None and entry[0] is item:
        return entry[1]
    if len(_CITED) >= _CITED_LIMIT:
        _CITED.clear()
    texts = list(item.basis)
    for material in item.materials or ():
        texts += material.basis
    for fee in item.fees or ():
        texts += fee.basis
    result = tuple(texts)
    _CITED[id(item)] = (item, result)
    return result


_CITED: dict[int, tuple[Item, tuple[str, ...]]] = {}
_CITED_LIMIT = 1024
"""Items whose citations are remembered: more than a worker's batch."""


def citation_pointer(item: Item, index: int) -> str:
    """The pointer of the ``index``-th string of :func:`cited`."""
    for position, (pointer, _text) in enumerate(citation_texts(item)):
        if position == index:
            return pointer
    raise IndexError(index)


Verdict = tuple[str, Mapping[str, object]]
"""A finding of a citation rule before it has a pointer: message key and parameters."""


Judge = Callable[[str, ParseResult, LawRegistry], Iterator[Verdict]]


class VerdictMemo:
    """The findings of a rule that depends only on each citation's text and the registry.

    Most items cite the same few laws, so each distinct text is judged once per run: the
    verdicts are remembered by text (for one registry). Items of one code cite the same
    texts in every region (四级四同), so the verdicts of a whole item are remembered too,
    by its tuple of texts: most items then cost one lookup, and pointers are made only for
    findings.
    """

    __slots__ = ("_by_item", "_judge", "_laws", "_memo")

    _ITEM_LIMIT = 65536
    """Distinct citation lists remembered (a province has a few thousand)."""

    def __init__(self, judge: Judge) -> None:
        self._judge = judge
        self._laws: LawRegistry | None = None
        self._memo: dict[str, tuple[Verdict, ...]] = {}
        self._by_item: dict[tuple[str, ...], tuple[tuple[int, Verdict], ...]] = {}

    def findings(self, rule: type[ItemRule], item: Item, ctx: ItemContext) -> Iterator[Finding]:
        """The findings of ``rule`` for every citation of ``item``, in order."""
        if ctx.laws is not self._laws:
            self._laws = ctx.laws
            self._memo = {}
            self._by_item = {}
        texts = cited(item)
        found = self._by_item.get(texts)
        if found is None:
            found = self._judge_all(texts, ctx.laws)
        for index, (key, params) in found:
            yield rule.finding_with(citation_pointer(item, index), key, dict(params))

    def _judge_all(
        self, texts: tuple[str, ...], laws: LawRegistry
    ) -> tuple[tuple[int, Verdict], ...]:
        memo = self._memo
        found: list[tuple[int, Verdict]] = []
        for index, text in enumerate(texts):
            verdicts = memo.get(text)
            if verdicts is None:
                verdicts = memo[text] = tuple(self._judge(text, cached_parse(text), laws))
            if verdicts:  # most citations have none: no generator for them
                found.extend([(index, verdict) for verdict in verdicts])
        if len(self._by_item) >= self._ITEM_LIMIT:
            self._by_item.clear()
        result = self._by_item[texts] = tuple(found)
        return result


_PROBLEMS = {
    ProblemKind.UNCLOSED_TITLE: T("书名号《》没有闭合", "the 《 has no closing 》"),
    ProblemKind.EMPTY_TITLE: T("书名号《》中没有标题", "the 《》 holds no title"),
    ProblemKind.BAD_ARTICLE: T(
        "条款项的写法无法识别", "the article, paragraph or item cannot be read"
    ),
    ProblemKind.NO_TITLE: T("条文前没有法律名称", "an article is cited without a title"),
    ProblemKind.TRAILING_TEXT: T("引用后面有多余的文字", "there is text glued to the citation"),
    ProblemKind.UNRECOGNIZED: T("不是法律依据的写法", "this is not written as a citation"),
}
_FORM = T(
    "写成《法律法规全称》第X条第X款第（X）项,或文号如 国发〔2019〕6号;多条依据分行列出。",
    "Write 《full title》第X条第X款第（X）项, or a number like 国发〔2019〕6号; one per entry.",
)


@register
class UnparseableCitation(ItemRule):
    code = "L001"
    name = "citations.unparseable"
    severity = Severity.WARNING
    national = True
    summary = T("法律依据无法识别", "Citation not parseable")
    messages = {
        "default": Message(
            T(
                '法律依据"{value}"无法识别:{problem}(“{part}”)',
                'citation "{value}" cannot be read: {problem} ("{part}")',
            ),
            _FORM,
        )
    }
    doc = RuleDoc(
        what=T(
            "设定依据、材料依据或收费依据中的一条无法按“《标题》第X条第X款第（X）项”或文号解析。",
            "A basis, material basis or fee basis cannot be read as 《title》第X条… or a "
            "document number.",
        ),
        why=T(
            "无法识别的依据就无法核对法律是否存在、是否有效、条文是否存在。",
            "A citation that cannot be read cannot be checked at all.",
        ),
        source=T(
            "《立法技术规范(试行)》关于引用法律条文的写法。",
            "The drafting rules for citing provisions.",
        ),
        bad="basis:\n  - 食品安全法35条\n",
        good="basis:\n  - 《中华人民共和国食品安全法》第三十五条第一款\n",
    )

    def __init__(self, options: BaseModel | None = None) -> None:
        super().__init__(options)
        self._memo = VerdictMemo(self.verdicts)

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        return self._memo.findings(type(self), item, ctx)

    def verdicts(self, text: str, parsed: ParseResult, laws: LawRegistry) -> Iterator[Verdict]:
        for problem in parsed.problems:
            description = _PROBLEMS.get(ProblemKind(problem.kind))
            if description is None:
                continue  # e.g. an annex reference: valid, just not checkable
            yield "default", {"value": text, "problem": description, "part": problem.text}
            break


class RegistryOptions(BaseModel):
    """Options of L002."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    check_rules: bool = Field(
        default=False,
        description="Also report 规章 and other titles the registry lacks (by default only "
        "laws and regulations, which the bundled registry covers).",
    )


_COVERED = frozenset(
    {
        LawLevel.CONSTITUTION,
        LawLevel.LAW,
        LawLevel.ADMINISTRATIVE_REGULATION,
        LawLevel.STATE_COUNCIL_DECISION,
        LawLevel.LOCAL_REGULATION,
    }
)


@register
class UnknownLaw(ItemRule):
    code = "L002"
    name = "citations.unknown-law"
    severity = Severity.WARNING
    national = True
    summary = T("法律法规不在法律库中", "Cited law not in the registry")
    Options = RegistryOptions
    messages = {
        "default": Message(
            T("法律库中没有《{title}》", "the registry has no 《{title}》"),
            T("是否应为:{suggestions}", "Did you mean: {suggestions}"),
        ),
        "no_suggestion": Message(
            T("法律库中没有《{title}》", "the registry has no 《{title}》"),
            T(
                "核对名称;地方性法规、规章可写入目录自己的 laws.yaml。",
                "Check the title; add local regulations and rules to the catalog's laws.yaml.",
            ),
        ),
    }
    doc = RuleDoc(
        what=T(
            "引用的法律、行政法规、地方性法规不在法律库中(随附的国家法律法规库,加目录自己的 laws.yaml),"
            "并给出最接近的标题。规章默认不查(可用 rules.L002.check_rules 开启)。",
            "A cited law or regulation is not in the registry (bundled national corpus plus "
            "the catalog's laws.yaml); the closest titles are suggested. Rules are not "
            "checked unless rules.L002.check_rules is set.",
        ),
        why=T(
            "名称写错或引用了不存在的法规,依据就是空的。",
            "A misspelt or non-existent law is no basis at all.",
        ),
        source=T("国家法律法规数据库。", "The national database of laws and regulations."),
        bad="basis:\n  - 《中华人民共和国食品安全管理法》第三十五条\n",
        good="basis:\n  - 《中华人民共和国食品安全法》第三十五条\n",
    )

    def __init__(self, options: BaseModel | None = None) -> None:
        super().__init__(options)
        self._memo = VerdictMemo(self.verdicts)

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        return self._memo.findings(type(self), item, ctx)

    def verdicts(self, text: str, parsed: ParseResult, laws: LawRegistry) -> Iterator[Verdict]:
        assert isinstance(self.options, RegistryOptions)
        for citation in parsed.citations:
            if citation.title is None or laws.find(citation.title) is not None:
                continue
            level = level_from_wording(citation)
            if level not in _COVERED and not self.options.check_rules:
                continue
            suggestions = laws.suggest(citation.title, 3)
            if suggestions:
                listed = "、".join(f"《{s}》" for s in suggestions)
                yield "default", {"title": citation.title, "suggestions": listed}
            else:
                yield "no_suggestion", {"title": citation.title}


_YEAR = re.compile(r"((?:19|20)\d{2})")


@register
class RepealedLaw(ItemRule):
    code = "L003"
    name = "citations.repealed"
    severity = Severity.ERROR
    national = True
    summary = T("法律已废止或所引版本已失效", "Law repealed or cited version expired")
    messages = {
        "default": Message(
            T("《{title}》已废止{when}", "《{title}》 has been repealed{when}"),
            T("改为引用现行有效的法律法规。", "Cite the law now in force."),
        ),
        "successor": Message(
            T(
                "《{title}》已废止{when},由《{successor}》取代",
                "《{title}》 has been repealed{when}; it is replaced by 《{successor}》",
            ),
            T(
                "改为引用《{successor}》的相应条款。",
                "Cite the matching article of 《{successor}》.",
            ),
        ),
        "version": Message(
            T(
                "引用的是《{title}》{version}版本,现行文本为 {current} 公布",
                "cites the {version} text of 《{title}》; the current text is of {current}",
            ),
            T(
                "核对现行文本中的条文编号后去掉版本说明。",
                "Check the article numbers in the current text and drop the version note.",
            ),
        ),
    }
    doc = RuleDoc(
        what=T(
            "引用的法律法规已废止(给出取代它的法律),或引用了已被修订替代的旧版本(如“(2015年修订)”)。",
            "The cited law has been repealed (the successor is named), or an old version "
            "such as （2015年修订） is cited after a later revision.",
        ),
        why=T(
            "废止的法律不能作为依据;修订后条文编号常常变化,旧版本的条号可能指向别的内容。",
            "A repealed law is no basis; after a revision article numbers move.",
        ),
        source=T(
            "《中华人民共和国立法法》关于法律的修改和废止。",
            "The Legislation Law on amendment and repeal.",
        ),
        bad="basis:\n  - 《中华人民共和国执业医师法》第十四条\n",
        good="basis:\n  - 《中华人民共和国医师法》第十三条\n",
    )

    def __init__(self, options: BaseModel | None = None) -> None:
        super().__init__(options)
        self._memo = VerdictMemo(self.verdicts)

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        return self._memo.findings(type(self), item, ctx)

    def verdicts(self, text: str, parsed: ParseResult, laws: LawRegistry) -> Iterator[Verdict]:
        for citation in parsed.citations:
            record = laws.find(citation.title) if citation.title else None
            if record is None:
                continue
            if record.status is LawStatus.REPEALED:
                when = (
                    T(f"({record.repealed})", f" ({record.repealed})")
                    if record.repealed
                    else T("", "")
                )
                if record.successor:
                    yield (
                        "successor",
                        {"title": record.title, "when": when, "successor": record.successor},
                    )
                else:
                    yield "default", {"title": record.title, "when": when}
                continue
            year = _YEAR.search(citation.version or "")
            current = record.published or record.effective
            if year and current and int(year.group(1)) < current.year:
                yield (
                    "version",
                    {"title": record.title, "version": citation.version, "current": str(current)},
                )


@register
class ArticleMissing(ItemRule):
    code = "L004"
    name = "citations.article-missing"
    severity = Severity.ERROR
    national = True
    summary = T("所引条文不存在", "Cited article does not exist")
    messages = {
        "default": Message(
            T(
                "《{title}》没有{article}(共 {count} 条)",
                "《{title}》 has no {article} ({count} articles)",
            ),
            T(
                "核对条文编号;法律修订后条号可能已变化。",
                "Check the article number; revisions renumber articles.",
            ),
        )
    }
    doc = RuleDoc(
        what=T(
            "引用的条文编号在法律库记录的现行文本中不存在,如《中华人民共和国建筑法》第九十九条(建筑法共 85 条)。"
            "法律库不知道条文的法律不检查。",
            "The cited article does not exist in the current text, e.g. 建筑法 第九十九条 "
            "(建筑法 has 85 articles). Laws whose articles are unknown are not checked.",
        ),
        why=T(
            "不存在的条文,说明抄错了或引用了旧版本。",
            "A non-existent article is a typo or an old version.",
        ),
        source=T("国家法律法规数据库中的现行文本。", "The current texts in the national database."),
        bad="basis:\n  - 《中华人民共和国建筑法》第九十九条\n",
        good="basis:\n  - 《中华人民共和国建筑法》第七条第一款\n",
    )

    def __init__(self, options: BaseModel | None = None) -> None:
        super().__init__(options)
        self._memo = VerdictMemo(self.verdicts)

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        return self._memo.findings(type(self), item, ctx)

    def verdicts(self, text: str, parsed: ParseResult, laws: LawRegistry) -> Iterator[Verdict]:
        for citation in parsed.citations:
            record = laws.find(citation.title) if citation.title else None
            if record is None or record.status is LawStatus.REPEALED:
                continue
            for article in citation.articles:
                if LawRegistry.has_article(record, article) is False:
                    yield (
                        "default",
                        {
                            "title": record.title,
                            "article": article.display(),
                            "count": laws.article_count(record),
                        },
                    )


_CANNOT_SET = LawLevel.DEPARTMENTAL_RULE.rank
_PROVINCIAL = re.compile(r"^(?:\S{2,3}省|\S{2,5}自治区|北京市|天津市|上海市|重庆市)")


@register
class LicenceSetByRule(ItemRule):
    code = "L005"
    name = "citations.licence-set-by-rule"
    severity = Severity.ERROR
    national = True
    summary = T("行政许可由规章或规范性文件设定", "行政许可 set by a rule or normative document")
    messages = {
        "default": Message(
            T(
                "行政许可的设定依据最高只是{level}({citation}),规章和规范性文件不得设定行政许可",
                "the highest basis of this licence is a {level} ({citation}); rules and normative documents may not set a licence",
            ),
            T(
                "写明设定该许可的法律、行政法规、国务院决定或地方性法规;没有的,该许可应当取消。",
                "Cite the law, regulation, State Council decision or local regulation that sets it; "
                "without one the licence must go.",
            ),
        ),
        "temporary": Message(
            T(
                "行政许可只由省级政府规章({citation})设定,只能是临时性许可(实施满一年需提请制定地方性法规)",
                "the licence rests only on a provincial government rule ({citation}): it can only be temporary",
            ),
            T(
                "一年期满前提请制定地方性法规,或取消该许可。",
                "Within a year, have a local regulation enacted, or drop the licence.",
            ),
        ),
    }
    doc = RuleDoc(
        what=T(
            "行政许可事项的设定依据中,效力最高的只是部门规章、地方政府规章或规范性文件。"
            "只有省级政府规章时降为警告(临时性许可)。",
            "The strongest basis of a 行政许可 is a 部门规章, 地方政府规章 or 规范性文件. A "
            "provincial government rule alone is a warning (temporary licence).",
        ),
        why=T(
            "部门规章和规范性文件无权设定行政许可;由它们设定的许可本身就是违法的。",
            "Rules and normative documents have no power to set a licence.",
        ),
        source=T(
            "《中华人民共和国行政许可法》第十四条至第十七条。",
            "行政许可法 arts. 14–17.",
        ),
        bad="type: 行政许可\nbasis:\n  - 《食品经营许可管理办法》第二条\n",
        good="type: 行政许可\nbasis:\n  - 《中华人民共和国食品安全法》第三十五条第一款\n",
    )

    def __init__(self, options: BaseModel | None = None) -> None:
        super().__init__(options)
        self._laws: LawRegistry | None = None
        self._memo: dict[tuple[str, ...], Finding | None] = {}

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        if item.type is not ItemType.LICENSE:
            return
        if ctx.laws is not self._laws:
            self._laws = ctx.laws
            self._memo = {}
        basis = tuple(item.basis)  # items of one code share their basis: judge it once
        if basis not in self._memo:
            self._memo[basis] = self._judge(basis, ctx.laws)
        found = self._memo[basis]
        if found is not None:
            yield found

    def _judge(self, basis: tuple[str, ...], laws: LawRegistry) -> Finding | None:
        best: tuple[int, LawLevel | None, str] = (-1, None, "")
        for text in basis:
            for citation in cached_parse(text).citations:
                level, _known = citation_level(citation, laws)
                if level is not None and level.rank > best[0]:
                    best = (level.rank, level, citation.raw)
        level = best[1]
        if level is None or best[0] > _CANNOT_SET:
            return None
        title = best[2]
        if level is LawLevel.LOCAL_GOVERNMENT_RULE and _PROVINCIAL.match(title.lstrip("《")):
            return self.finding("/basis", "temporary", citation=title, severity=Severity.WARNING)
        return self.finding("/basis", level=level.value, citation=title)
