"""Parse legal citations (设定依据, 材料依据): ``《中华人民共和国食品安全法》第三十五条第一款``.

The parser is total: :func:`parse_citations` never raises on any ``str``; whatever it cannot
read becomes a :class:`CitationProblem` with its position, so a caller can point at the text.

Grammar (informal), after width folding::

    text      := (separator | filler | quote | element)*
    element   := title | doc_number | reference
    title     := 《 … 》 [version] [（doc_number）]      # version may also sit inside 《 》
    reference := 第N条[之N][第N款][第(N)项][第N目] [至 第N条]
               | 第N款[第(N)项] | 第(N)项                # continue the previous article

A reference attaches to the citation before it (``《A》第八条，第九条第二款`` is one citation with
two articles); a reference with nothing before it becomes a citation without a title and a
``no_title`` problem. Quoted statute text (``：“……”``) is skipped, and so are the fillers
根据/依据/依照/按照 before and (的/之)(有关/相关)规定 after a citation, since they do not change
what is cited.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from catalog_tool.legal.numerals import NUMERAL_CHARS, format_number, parse_number

# --------------------------------------------------------------------------------------------
# Text normalization
# --------------------------------------------------------------------------------------------

_FOLD: Final[dict[int, str]] = {
    **{0xFF10 + i: chr(0x30 + i) for i in range(10)},  # ０-９
    **{0xFF21 + i: chr(0x41 + i) for i in range(26)},  # Ａ-Ｚ
    **{0xFF41 + i: chr(0x61 + i) for i in range(26)},  # ａ-ｚ
    0x3000: " ",  # ideographic space
    0x00A0: " ",  # no-break space (pasted from Word/HTML)
    0xFE5D: "〔",  # ﹝ is only ever a doc-number bracket
    0xFE5E: "〕",  # ﹞
}
"""One character to one character, so folded text keeps the original's offsets."""

_OPEN_BRACKETS: Final = "〔﹝[［(（【"
_CLOSE_BRACKETS: Final = "〕﹞]］)）】"

_YEAR_BRACKET_RE: Final = re.compile(
    rf"[{re.escape(_OPEN_BRACKETS)}]\s*([0-9]{{4}})\s*[{re.escape(_CLOSE_BRACKETS)}]"
    r"(?=\s*第?\s*[0-9]+\s*号)"
)
_SPACE_RE: Final = re.compile(r"\s+")
_PRC: Final = "中华人民共和国"

_TITLE_MAP: Final[dict[int, str]] = {
    ord("〈"): "《",
    ord("〉"): "》",
    ord("<"): "《",
    ord(">"): "》",
    ord("＜"): "《",
    ord("＞"): "》",
    ord("("): "（",
    ord(")"): "）",
    ord("﹝"): "〔",
    ord("﹞"): "〕",
}
"""Extra folding for lookup keys: inner title marks and round brackets have several forms."""


def fold_width(s: str) -> str:
    """Fold full-width ASCII letters and digits to half-width and odd spaces to a plain space.

    Chinese punctuation (《》，；（）、) is kept: it carries meaning in citations. The result
    has the same length as ``s``, so offsets into it are offsets into ``s``.
    """
    return s.translate(_FOLD)


def normalize_text(s: str) -> str:
    """Normalize ``s`` for comparison while keeping Chinese punctuation meaningful.

    Full-width ASCII letters and digits become half-width, the ideographic space becomes a
    space, and the year bracket of a document number (``国发[2019]6号``, ``国发（2019）6号``,
    ``国发﹝2019﹞6号``) becomes ``〔〕``. Other brackets are left alone.
    """
    return _YEAR_BRACKET_RE.sub(r"〔\1〕", fold_width(s))


def normalize_title(title: str) -> str:
    """A title as written, with widths folded and all whitespace removed."""
    return _SPACE_RE.sub("", fold_width(title))


@functools.lru_cache(maxsize=65536)
def title_key(title: str) -> str:
    """The canonical lookup key of a law title.

    Widths are folded, spaces removed, inner title marks (〈〉, <>) and round brackets unified,
    a trailing version note such as ``（2019年修正）`` and a leading ``中华人民共和国`` dropped: so
    ``《中华人民共和国食品安全法》`` and ``食品安全法`` have the same key.
    """
    key = normalize_title(title).strip("《》").translate(_TITLE_MAP)
    key = _VERSION_END_RE.sub("", key)
    if key.startswith(_PRC) and len(key) > len(_PRC):
        key = key[len(_PRC) :]
    return key


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


class ProblemKind(StrEnum):
    """What went wrong in a piece of citation text."""

    UNCLOSED_TITLE = "unclosed_title"
    """A 《 without its 》."""
    EMPTY_TITLE = "empty_title"
    """``《》`` with nothing inside."""
    BAD_ARTICLE = "bad_article"
    """A 第…条/款/项 whose number is not a numeral, is zero, or a range that cannot be."""
    NO_TITLE = "no_title"
    """An article reference with no title or document number before it."""
    UNSUPPORTED_REFERENCE = "unsupported_reference"
    """A valid reference that cannot be checked against a law's articles: a 章/节/编, or an
    annex entry (附件第N项, or a 第N项 straight after a title)."""
    TRAILING_TEXT = "trailing_text"
    """Text stuck to the end of a citation that is not part of it (``第三条有关内容``)."""
    UNRECOGNIZED = "unrecognized"
    """Text that is not a citation at all."""


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """One article reference: 第二百条之一 is ``ArticleRef(200, 1, None, None)``."""

    article: int
    """The 条 number."""
    suffix: int | None = None
    """The N of 之N (an article inserted by a revision), or None."""
    paragraph: int | None = None
    """The 款 number, or None."""
    item: int | None = None
    """The 项 number, or None."""

    def display(self) -> str:
        """The reference written out: ``第三十二条第一款第（五）项``."""
        parts = [f"第{format_number(self.article)}条"]
        if self.suffix is not None:
            parts.append(f"之{format_number(self.suffix)}")
        if self.paragraph is not None:
            parts.append(f"第{format_number(self.paragraph)}款")
        if self.item is not None:
            parts.append(f"第（{format_number(self.item)}）项")
        return "".join(parts)

    def sort_key(self) -> tuple[int, int, int, int]:
        """A total order over references (None sorts before any number)."""
        return (self.article, self.suffix or 0, self.paragraph or 0, self.item or 0)


@dataclass(frozen=True, slots=True)
class Citation:
    """One cited document with the articles cited in it."""

    title: str | None
    """The title as written (widths folded, spaces removed), without 《》 and version note."""
    version: str | None
    """A version note such as ``2019年修订``, or None."""
    articles: tuple[ArticleRef, ...]
    """The cited articles, in the order written (ranges expanded)."""
    doc_number: str | None
    """A normalized document number such as ``国发〔2019〕6号``, or None."""
    raw: str
    """The original text of the citation."""
    start: int
    """Offset of the citation in the parsed string."""
    end: int
    """Offset just past the citation."""

    @property
    def title_key(self) -> str | None:
        """The canonical lookup key of the title (see :func:`title_key`), or None."""
        return None if self.title is None else _title_key(self.title)


_title_key = title_key  # the property above shadows the name inside the class body


@dataclass(frozen=True, slots=True)
class CitationProblem:
    """A piece of text the parser could not read as (part of) a citation."""

    kind: str
    """A :class:`ProblemKind` value."""
    start: int
    """Offset of the problem text."""
    end: int
    """Offset just past the problem text."""
    text: str
    """The problem text itself."""


@dataclass(frozen=True, slots=True)
class ParseResult:
    """The citations found in a string and the problems met on the way."""

    citations: tuple[Citation, ...] = ()
    """Citations in the order they appear."""
    problems: tuple[CitationProblem, ...] = ()
    """Problems in the order they appear."""

    @property
    def ok(self) -> bool:
        """True when the whole string was read without a problem."""
        return not self.problems


def citation_key(c: Citation) -> tuple[str | None, tuple[ArticleRef, ...], str | None]:
    """A key for comparing citations as sets.

    Two citations have the same key when they name the same title (by :func:`title_key`) or
    document number and the same set of articles, however they were written.
    """
    articles = tuple(sorted(set(c.articles), key=ArticleRef.sort_key))
    return (c.title_key, articles, c.doc_number)


# --------------------------------------------------------------------------------------------
# Lexical patterns (all run on width-folded text)
# --------------------------------------------------------------------------------------------

_NUM: Final = f"[0-9{NUMERAL_CHARS}]"
_SEPARATOR_RE: Final = re.compile(r"(?:[；;，,、。\s]|以及|或者|及|和|与|或)+")
_FILLER_BEFORE_RE: Final = re.compile(r"(?:根据|依据|依照|按照|参照)")
_FILLER_AFTER_RE: Final = re.compile(r"(?:的|之)?(?:有关|相关)?规定")
_QUOTE_RE: Final = re.compile(
    r"[:：]?\s*(?:“[^”]{0,4000}”|\"[^\"]{0,4000}\"|「[^」]{0,4000}」|『[^』]{0,4000}』)"
)
_ORDINAL_RE: Final = re.compile(
    r"第\s*(?:[（(]\s*(?P<pnum>[^（）()第《》]{0,8}?)\s*[）)]"
    r"|(?P<num>[^第条款项目章节编《》〔〕;；,，、。\s（）()“”\"]{0,10}?))"
    r"\s*(?P<unit>[条款项目章节编])"
)
_SUFFIX_RE: Final = re.compile(rf"\s*之\s*(?P<suf>{_NUM}{{1,4}})")
_RANGE_END_RE: Final = re.compile(
    rf"\s*(?:至|到|—|－|-|–|～|~)\s*(?:第\s*)?(?P<num>{_NUM}{{1,10}})\s*条(?!\s*之)"
)
_VERSION_BODY: Final = (
    # 2019年修订, 2019年4月23日修正, 2015年4月24日第十二届全国人民代表大会常务委员会…修订, 2016版
    r"[0-9]{4}\s*年[^（）()《》\n]{0,60}?"
    r"|[0-9]{4}\s*(?:修订|修正|版)本?"
)
_LIST_MARKER_RE: Final = re.compile(
    r"(?:(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})[.．、]|[（(](?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})[）)]"
    r"|[①-⑳])(?=\s*《)"
)
_ANNEX_RE: Final = re.compile(
    rf"附件\s*{_NUM}{{0,3}}\s*(?:第\s*{_NUM}{{1,6}}\s*[项条])?(?:\s*[（(]\s*{_NUM}{{1,4}}\s*[）)])?"
)
_VERSION_RE: Final = re.compile(rf"[（(]\s*(?P<v>{_VERSION_BODY})\s*[）)]")
_VERSION_END_RE: Final = re.compile(rf"[（(]\s*(?:{_VERSION_BODY})\s*[）)]$")
_DOC_CORE_RE: Final = re.compile(
    rf"[{re.escape(_OPEN_BRACKETS)}]\s*(?P<year>[0-9]{{4}})\s*[{re.escape(_CLOSE_BRACKETS)}]"
    r"\s*第?\s*(?P<num>[0-9]{1,6})\s*号"
    rf"|令\s*第\s*(?P<order>{_NUM}{{1,8}})\s*号"
)
_ISSUER_CHAR_RE: Final = re.compile(r"[\u4e00-\u9fff]")
_ISSUER_STOP: Final = frozenset("第条款项章节编之")
_ISSUER_SEPARATORS: Final = frozenset("的和及与或")
_NOT_ISSUER_RE: Final = re.compile(r"有关|相关|详见|参见|见")
_MAX_ISSUER: Final = 16
_MAX_TITLE: Final = 200  # no real title is this long; a 《 that runs further is unclosed
_MAX_RANGE: Final = 300  # guards against 第一条至第九千条 exploding into thousands of refs
_TITLE_STOPS: Final = frozenset("；;\n\r。")
_SIMPLE_TITLE_RE: Final = re.compile(rf"《[^《》；;\n\r。]{{0,{_MAX_TITLE - 1}}}》")


# --------------------------------------------------------------------------------------------
# The parser
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    """A citation being assembled (mutable while parsing, frozen at the end)."""

    title: str | None
    version: str | None
    doc_number: str | None
    start: int
    end: int
    articles: list[ArticleRef] = field(default_factory=list)


@dataclass(slots=True)
class _Parser:
    src: str
    text: str
    docs: dict[int, tuple[int, str]]
    drafts: list[_Draft] = field(default_factory=list)
    problems: list[CitationProblem] = field(default_factory=list)
    current: _Draft | None = None
    last_end: int = -1  # end of the last citation element, to tell trailing text from garbage
    after_citation: bool = False  # only separators since the last citation element

    def problem(self, kind: ProblemKind, start: int, end: int) -> None:
        self.problems.append(CitationProblem(str(kind), start, end, self.src[start:end]))
        self.after_citation = False

    def cited(self, end: int) -> None:
        """Record that a citation element ended at ``end``."""
        self.last_end = end
        self.after_citation = True

    def run(self) -> None:
        text, n, pos = self.text, len(self.text), 0
        while pos < n:
            if m := self.skippable(pos):
                pos = m.end()
            elif text[pos] == "《":
                pos = self.title(pos)
            elif m := _LIST_MARKER_RE.match(text, pos):
                pos = m.end()  # "1.《…》；2.《…》": list numbering, not part of a citation
            elif self.after_citation and (m := _ANNEX_RE.match(text, pos)):
                # 《…决定》（国务院令第412号）附件第1项: an entry of an annex, not an article.
                self.problem(ProblemKind.UNSUPPORTED_REFERENCE, pos, m.end())
                pos = m.end()
            elif pos in self.docs:
                pos = self.bare_doc(pos)
            elif text[pos] == "第" and (m := _ORDINAL_RE.match(text, pos)):
                pos = self.reference(m)
            elif m := _FILLER_BEFORE_RE.match(text, pos):
                pos = m.end()
            else:
                pos = self.garbage(pos)

    def skippable(self, pos: int) -> re.Match[str] | None:
        """Separators, and quoted text or a 规定 filler after a citation: nothing to parse."""
        if m := _SEPARATOR_RE.match(self.text, pos):
            return m
        if self.current is not None and (m := _QUOTE_RE.match(self.text, pos)):
            return m
        if self.after_citation:
            return _FILLER_AFTER_RE.match(self.text, pos)
        return None

    # -- elements ---------------------------------------------------------------------------

    def title(self, start: int) -> int:
        text, n = self.text, len(self.text)
        depth, i = 0, start
        close = -1
        if m := _SIMPLE_TITLE_RE.match(text, start):
            i = close = m.end() - 1  # the common case: no nested 《》, no scanning needed
        while close < 0 and i < n and i - start <= _MAX_TITLE:
            ch = text[i]
            if ch in _TITLE_STOPS:
                break
            if ch == "《":
                depth += 1
            elif ch == "》":
                depth -= 1
                if depth == 0:
                    close = i
                    break
            i += 1
        if close < 0:
            end = min(n, i)
            self.problem(ProblemKind.UNCLOSED_TITLE, start, end)
            self.current = None
            return end
        inner = normalize_title(text[start + 1 : close])
        if not inner:
            self.problem(ProblemKind.EMPTY_TITLE, start, close + 1)
            self.current = None
            return close + 1
        version: str | None = None
        doc: str | None = None
        if vm := _VERSION_END_RE.search(inner):
            version = _clean_version(vm.group(0))
            inner = inner[: vm.start()]
        if (dm := _PAREN_DOC_END_RE.search(inner)) and (doc := normalize_doc_number(dm.group(1))):
            inner = inner[: dm.start()]
        pos = close + 1
        for _ in range(2):  # 《…》（2019年修订）（国发〔2019〕6号）, in either order
            if version is None and (vm := _VERSION_RE.match(text, pos)):
                version = _clean_version(vm.group("v"))
                pos = vm.end()
            elif doc is None and (found := self.paren_doc(pos)):
                doc, pos = found
        if doc is None and (found := self.adjacent_doc(pos)):
            doc, pos = found
        draft = _Draft(inner or None, version, doc, start, pos)
        self.drafts.append(draft)
        self.current = draft
        self.cited(pos)
        return pos

    def paren_doc(self, pos: int) -> tuple[str, int] | None:
        """A document number in brackets right after a title: ``（国发〔2017〕46号）``."""
        text = self.text
        if pos >= len(text) or text[pos] not in "（(":
            return None
        inner = pos + 1
        while inner < len(text) and text[inner] == " ":
            inner += 1
        if inner not in self.docs:
            return None
        end, number = self.docs[inner]
        while end < len(text) and text[end] == " ":
            end += 1
        if end < len(text) and text[end] in "）)":
            return number, end + 1
        return None

    def adjacent_doc(self, pos: int) -> tuple[str, int] | None:
        """A document number written straight after a title: ``《…》国发〔2017〕46号``."""
        while pos < len(self.text) and self.text[pos] == " ":
            pos += 1
        if pos in self.docs:
            end, number = self.docs[pos]
            return number, end
        return None

    def bare_doc(self, start: int) -> int:
        end, number = self.docs[start]
        draft = _Draft(None, None, number, start, end)
        self.drafts.append(draft)
        self.current = draft
        self.cited(end)
        return end

    def reference(self, m: re.Match[str]) -> int:
        start, unit = m.start(), m.group("unit")
        if unit in "章节编":
            self.problem(ProblemKind.UNSUPPORTED_REFERENCE, start, m.end())
            return m.end()
        if unit == "目":
            # A 目 without its article is meaningless; report it like a bad article.
            self.problem(ProblemKind.BAD_ARTICLE, start, m.end())
            return m.end()
        refs, end = self.article_refs(m)
        if refs is None and unit == "项" and self.current and not self.current.articles:
            # 《…决定》（国务院令第412号）第1项 numbers an entry of the decision's annex, not
            # an article: a valid form, but nothing to check it against.
            self.problem(ProblemKind.UNSUPPORTED_REFERENCE, start, end)
            return end
        if refs is None:
            self.problem(ProblemKind.BAD_ARTICLE, start, end)
            return end
        draft = self.current
        if draft is None:
            draft = _Draft(None, None, None, start, end)
            self.drafts.append(draft)
            self.problem(ProblemKind.NO_TITLE, start, end)
            self.current = draft
        draft.articles.extend(refs)
        draft.end = end
        self.cited(end)
        return end

    def article_refs(self, m: re.Match[str]) -> tuple[list[ArticleRef] | None, int]:
        """Read 第N条… (or a continuing 第N款/第N项) starting at match ``m``.

        Returns the references (None when malformed) and the offset after them.
        """
        text = self.text
        unit = m.group("unit")
        value = _ordinal_value(m, unit)
        pos = m.end()
        previous = self.current.articles[-1] if self.current and self.current.articles else None
        if unit == "条":
            if value is None:
                return None, pos
            article, suffix = value, None
            if sm := _SUFFIX_RE.match(text, pos):
                suffix = _positive(sm.group("suf"))
                if suffix is None:
                    return None, sm.end()
                pos = sm.end()
            if rm := _RANGE_END_RE.match(text, pos):
                last = _positive(rm.group("num"))
                if suffix is not None or last is None or not 0 < last - article <= _MAX_RANGE:
                    return None, rm.end()
                return [ArticleRef(a) for a in range(article, last + 1)], rm.end()
            paragraph, item, pos, ok = self.paragraph_item(pos, allow_paragraph=True)
            return ([ArticleRef(article, suffix, paragraph, item)] if ok else None), pos
        if previous is None or value is None:
            return None, pos
        if unit == "款":
            __, item, pos, ok = self.paragraph_item(pos, allow_paragraph=False)
            ref = ArticleRef(previous.article, previous.suffix, value, item)
            return ([ref] if ok else None), pos
        # unit == "项": continues the previous article and paragraph
        __, ___, pos, ok = self.paragraph_item(pos, allow_paragraph=False, allow_item=False)
        ref = ArticleRef(previous.article, previous.suffix, previous.paragraph, value)
        return ([ref] if ok else None), pos

    def paragraph_item(
        self, pos: int, *, allow_paragraph: bool, allow_item: bool = True
    ) -> tuple[int | None, int | None, int, bool]:
        """Read an optional 第N款, 第(N)项 and 第N目 after an article."""
        paragraph: int | None = None
        item: int | None = None
        for unit_wanted, allowed in (("款", allow_paragraph), ("项", allow_item), ("目", True)):
            if not allowed:
                continue
            m = _ORDINAL_RE.match(self.text, _skip_spaces(self.text, pos))
            if m is None or m.group("unit") != unit_wanted:
                continue
            value = _ordinal_value(m, unit_wanted)
            if value is None:
                return None, None, m.end(), False
            if unit_wanted == "款":
                paragraph = value
            elif unit_wanted == "项":
                item = value
            # 目 (sub-item) is accepted but not kept: ArticleRef stops at 项.
            pos = m.end()
        return paragraph, item, pos, True

    def garbage(self, start: int) -> int:
        text, n = self.text, len(self.text)
        i = start + 1
        while i < n:
            ch = text[i]
            if _SEPARATOR_RE.match(ch) or ch == "《" or i in self.docs:
                break
            if ch == "第" and _ORDINAL_RE.match(text, i):
                break
            if ch in '“"「『' and _QUOTE_RE.match(text, i):
                break
            i += 1
        kind = ProblemKind.TRAILING_TEXT if start == self.last_end else ProblemKind.UNRECOGNIZED
        self.problem(kind, start, i)
        return i

    def result(self) -> ParseResult:
        citations = tuple(
            Citation(
                title=d.title,
                version=d.version,
                articles=tuple(d.articles),
                doc_number=d.doc_number,
                raw=self.src[d.start : d.end],
                start=d.start,
                end=d.end,
            )
            for d in self.drafts
        )
        return ParseResult(citations, tuple(self.problems))


_PAREN_DOC_END_RE: Final = re.compile(
    rf"[（(]\s*((?:[\u4e00-\u9fff]{{1,{_MAX_ISSUER}}})"
    rf"(?:[{re.escape(_OPEN_BRACKETS)}]\s*[0-9]{{4}}\s*[{re.escape(_CLOSE_BRACKETS)}]"
    rf"\s*第?\s*[0-9]{{1,6}}\s*号|令\s*第\s*{_NUM}{{1,8}}\s*号))\s*[）)]$"
)


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos


@functools.lru_cache(maxsize=4096)
def _positive(number: str) -> int | None:
    value = parse_number(number)
    return value if value is not None and value > 0 else None


def _ordinal_value(m: re.Match[str], unit: str) -> int | None:
    """The number of a 第…条/款/项 match; bracketed numbers are only valid for 项."""
    bracketed = m.group("pnum")
    if bracketed is not None:
        return _positive(bracketed) if unit == "项" else None
    return _positive(m.group("num") or "")


def _clean_version(note: str) -> str:
    return _SPACE_RE.sub("", note).strip("（）()")


def normalize_doc_number(text: str) -> str | None:
    """Normalize a document number: ``国发[2019]06号`` → ``国发〔2019〕6号``.

    Order numbers keep their form with an arabic number: ``国务院令第412号``. Returns None when
    ``text`` is not a document number.
    """
    folded = _SPACE_RE.sub("", fold_width(text))
    m = _DOC_CORE_RE.search(folded)
    if m is None or m.end() != len(folded) or m.start() == 0:
        return None
    issuer = folded[: m.start()]
    if not all(_ISSUER_CHAR_RE.match(ch) for ch in issuer):
        return None
    return _format_doc(issuer, m)


def _format_doc(issuer: str, m: re.Match[str]) -> str | None:
    if issuer.startswith(_PRC) and len(issuer) > len(_PRC):
        issuer = issuer[len(_PRC) :]  # 中华人民共和国国务院令 is 国务院令
    if m.group("order") is not None:
        order = parse_number(m.group("order"))
        return None if order is None else f"{issuer}令第{order}号"
    return f"{issuer}〔{m.group('year')}〕{int(m.group('num'))}号"


def _issuer_offset(run: str) -> int:
    """Where the issuer starts in a run of Chinese characters before a document number.

    The run may begin with a connective (``《A》和国发〔2019〕6号``); the issuer starts after the
    last 的/和/及/与/或, except the 和 of 中华人民共和国.
    """
    masked = run.replace(_PRC, "#" * len(_PRC))
    cut = max((i for i, ch in enumerate(masked) if ch in _ISSUER_SEPARATORS), default=-1) + 1
    # Words that open a phrase but never an issuer stay outside, to be reported as text.
    while m := _NOT_ISSUER_RE.match(run, cut):
        if m.end() == len(run):
            break
        cut = m.end()
    return cut


def _find_doc_numbers(text: str) -> dict[int, tuple[int, str]]:
    """Every document number in ``text``: its start → (end, normalized form).

    The issuer (国发, 国办发, 国务院) is the run of Chinese characters right before the bracket
    or 令, minus a leading filler word; finding numbers first lets the parser stop garbage at
    a number and attach a number to the title before it.
    """
    found: dict[int, tuple[int, str]] = {}
    for m in _DOC_CORE_RE.finditer(text):
        start = m.start()
        while (
            start > 0
            and m.start() - start < _MAX_ISSUER
            and text[start - 1] not in _ISSUER_STOP
            and _ISSUER_CHAR_RE.match(text[start - 1])
        ):
            start -= 1
        if start == m.start():
            continue  # 〔2019〕6号 alone names no issuer
        start += _issuer_offset(text[start : m.start()])
        issuer = text[start : m.start()]
        if fm := _FILLER_BEFORE_RE.match(issuer):
            start += fm.end()
            issuer = issuer[fm.end() :]
        if not issuer:
            continue
        number = _format_doc(issuer, m)
        if number is not None:
            found[start] = (m.end(), number)
    return found


def parse_citations(text: str) -> ParseResult:
    """Parse every legal citation in ``text``.

    Never raises for any ``str``: unreadable parts become problems. Offsets in the result
    refer to ``text`` itself. The function is pure; use :data:`cached_parse` to memoize.
    """
    folded = fold_width(text)
    parser = _Parser(text, folded, _find_doc_numbers(folded))
    parser.run()
    return parser.result()


cached_parse = functools.lru_cache(maxsize=65536)(parse_citations)
""":func:`parse_citations` memoized per distinct string (catalogs repeat the same bases)."""
