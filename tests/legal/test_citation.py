"""The citation parser: table-driven cases, malformed input, and a never-raises property."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog_tool.legal.citation import (
    ArticleRef,
    Citation,
    ParseResult,
    ProblemKind,
    cached_parse,
    citation_key,
    normalize_doc_number,
    normalize_text,
    parse_citations,
    title_key,
)

A = ArticleRef


@dataclass(frozen=True)
class Expected:
    """What one citation should look like (raw/start/end are checked separately)."""

    title: str | None
    articles: tuple[ArticleRef, ...] = ()
    version: str | None = None
    doc_number: str | None = None


def _shape(c: Citation) -> Expected:
    return Expected(c.title, c.articles, c.version, c.doc_number)


GOOD: list[tuple[str, list[Expected]]] = [
    (
        "《中华人民共和国食品安全法》第三十五条第一款",
        [Expected("中华人民共和国食品安全法", (A(35, None, 1, None),))],
    ),
    (
        "《公共场所卫生管理条例》第八条、第九条",
        [Expected("公共场所卫生管理条例", (A(8), A(9)))],
    ),
    ("《A》第八条，第九条第二款", [Expected("A", (A(8), A(9, None, 2)))]),
    ("国发〔2019〕6号", [Expected(None, doc_number="国发〔2019〕6号")]),
    ("国办发〔2018〕47号", [Expected(None, doc_number="国办发〔2018〕47号")]),
    ("国办发﹝2018﹞47号", [Expected(None, doc_number="国办发〔2018〕47号")]),
    ("国办发[2018]47号", [Expected(None, doc_number="国办发〔2018〕47号")]),
    ("国办发［2018］47号", [Expected(None, doc_number="国办发〔2018〕47号")]),
    ("国办发(2018)47号", [Expected(None, doc_number="国办发〔2018〕47号")]),
    ("国办发（2018）47号", [Expected(None, doc_number="国办发〔2018〕47号")]),
    ("国办发【2018】47号", [Expected(None, doc_number="国办发〔2018〕47号")]),
    ("国办发〔２０１８〕０４７号", [Expected(None, doc_number="国办发〔2018〕47号")]),
    ("国务院令第412号", [Expected(None, doc_number="国务院令第412号")]),
    ("中华人民共和国国务院令第640号", [Expected(None, doc_number="国务院令第640号")]),
    (
        "《国务院关于取消一批行政许可事项的决定》（国发〔2017〕46号）",
        [Expected("国务院关于取消一批行政许可事项的决定", doc_number="国发〔2017〕46号")],
    ),
    (
        "《国务院关于取消一批行政许可事项的决定》国发〔2017〕46号",
        [Expected("国务院关于取消一批行政许可事项的决定", doc_number="国发〔2017〕46号")],
    ),
    (
        "《国务院关于印发某方案的通知（国发〔2019〕6号）》",
        [Expected("国务院关于印发某方案的通知", doc_number="国发〔2019〕6号")],
    ),
    (
        "《中华人民共和国药品管理法》（2019年修订）第五十一条",
        [Expected("中华人民共和国药品管理法", (A(51),), version="2019年修订")],
    ),
    (
        "《中华人民共和国建筑法（2019年修正）》第七条",
        [Expected("中华人民共和国建筑法", (A(7),), version="2019年修正")],
    ),
    (
        "《中华人民共和国建筑法（2019年4月23日修正）》第七条",
        [Expected("中华人民共和国建筑法", (A(7),), version="2019年4月23日修正")],
    ),
    (
        "《中华人民共和国企业破产法（试行）》第一条",
        [Expected("中华人民共和国企业破产法（试行）", (A(1),))],
    ),
    ("《A》第一条；《B》第二条第三款", [Expected("A", (A(1),)), Expected("B", (A(2, None, 3),))]),
    ("《A》第一条;《B》第二条", [Expected("A", (A(1),)), Expected("B", (A(2),))]),
    ("《A》第一条\n《B》第二条", [Expected("A", (A(1),)), Expected("B", (A(2),))]),
    ("《A》第一条和《B》第二条", [Expected("A", (A(1),)), Expected("B", (A(2),))]),
    ("《A》第一条以及《B》第二条", [Expected("A", (A(1),)), Expected("B", (A(2),))]),
    ("《A》、《B》", [Expected("A"), Expected("B")]),
    ("《A》第八条至第十条", [Expected("A", (A(8), A(9), A(10)))]),
    ("《A》第八条至十条", [Expected("A", (A(8), A(9), A(10)))]),
    ("《A》第8条-第10条", [Expected("A", (A(8), A(9), A(10)))]),
    ("《A》第十二条之一", [Expected("A", (A(12, 1),))]),
    ("《A》第二百条之一第二款", [Expected("A", (A(200, 1, 2),))]),
    ("《A》第12条", [Expected("A", (A(12),))]),
    ("《A》第１２条", [Expected("A", (A(12),))]),
    ("《A》第12条第(五)项", [Expected("A", (A(12, None, None, 5),))]),
    ("《A》第三十二条第一款第（五）项", [Expected("A", (A(32, None, 1, 5),))]),
    ("《A》第三十二条第一款第五项", [Expected("A", (A(32, None, 1, 5),))]),
    ("《A》第三十二条第一款第（五）项第1目", [Expected("A", (A(32, None, 1, 5),))]),
    ("《A》第三条第一款、第二款", [Expected("A", (A(3, None, 1), A(3, None, 2)))]),
    (
        "《A》第三条第一款第（一）项、第（二）项",
        [Expected("A", (A(3, None, 1, 1), A(3, None, 1, 2)))],
    ),
    ("《A》第一千零一条", [Expected("A", (A(1001),))]),
    ("《 食品 安全法 》 第 三十五 条", [Expected("食品安全法", (A(35),))]),
    (
        "《关于修改《中华人民共和国建筑法》的决定》第一条",
        [Expected("关于修改《中华人民共和国建筑法》的决定", (A(1),))],
    ),
    (
        "《关于修改〈中华人民共和国建筑法〉的决定》",
        [Expected("关于修改〈中华人民共和国建筑法〉的决定")],
    ),
    ("依据《A》第三条的规定", [Expected("A", (A(3),))]),
    ("根据《A》第三条规定；《B》第一条有关规定", [Expected("A", (A(3),)), Expected("B", (A(1),))]),
    (
        "《A》第三条：“国家对食品生产经营实行许可制度。第九条不算。”《B》第一条",
        [Expected("A", (A(3),)), Expected("B", (A(1),))],
    ),
    ("国发〔2019〕6号第三条", [Expected(None, (A(3),), doc_number="国发〔2019〕6号")]),
    (
        "1.《A》第三十五条；2.《B》第二条",
        [Expected("A", (A(35),)), Expected("B", (A(2),))],
    ),
    ("（一）《A》第一条（二）《B》第二条", [Expected("A", (A(1),)), Expected("B", (A(2),))]),
    ("①《A》第一条 ②《B》第二条", [Expected("A", (A(1),)), Expected("B", (A(2),))]),
    (
        "《中华人民共和国食品安全法》（2015年4月24日第十二届全国人民代表大会常务委员会"
        "第十四次会议修订）第三十五条",
        [
            Expected(
                "中华人民共和国食品安全法",
                (A(35),),
                version="2015年4月24日第十二届全国人民代表大会常务委员会第十四次会议修订",
            )
        ],
    ),
    ("《行政许可标准化指引(2016版)》", [Expected("行政许可标准化指引", version="2016版")]),
    (
        "《辽宁省人民政府关于印发<辽宁省某实施方案>的通知》(辽政发〔2019〕5号)",
        [
            Expected(
                "辽宁省人民政府关于印发<辽宁省某实施方案>的通知", doc_number="辽政发〔2019〕5号"
            )
        ],
    ),
    (
        "《中华人民共和国食品安全法》第三十五条 《中华人民共和国食品安全法实施条例》第十五条",
        [
            Expected("中华人民共和国食品安全法", (A(35),)),
            Expected("中华人民共和国食品安全法实施条例", (A(15),)),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GOOD, ids=[t for t, _ in GOOD])
def test_parses(text: str, expected: list[Expected]) -> None:
    result = parse_citations(text)
    assert result.problems == ()
    assert result.ok
    assert [_shape(c) for c in result.citations] == expected
    for c in result.citations:
        assert c.raw == text[c.start : c.end]


# (text, problem kinds in order, number of citations)
BAD: list[tuple[str, list[str], int]] = [
    ("", [], 0),
    ("；，、 \n", [], 0),
    ("《食品安全法第三十五条", [ProblemKind.UNCLOSED_TITLE], 0),
    ("《食品安全法第三十五条；《B》第一条", [ProblemKind.UNCLOSED_TITLE], 1),
    ("《》第一条", [ProblemKind.EMPTY_TITLE, ProblemKind.NO_TITLE], 1),
    ("《A《B》", [ProblemKind.UNCLOSED_TITLE], 0),
    ("第条", [ProblemKind.BAD_ARTICLE], 0),
    ("《A》第条", [ProblemKind.BAD_ARTICLE], 1),
    ("《A》第abc条", [ProblemKind.BAD_ARTICLE], 1),
    ("《A》第零条", [ProblemKind.BAD_ARTICLE], 1),
    ("《A》第一百五条", [ProblemKind.BAD_ARTICLE], 1),
    ("《A》第十条至第八条", [ProblemKind.BAD_ARTICLE], 1),
    ("《A》第一条至第九千条", [ProblemKind.BAD_ARTICLE], 1),
    ("《A》第（五）条", [ProblemKind.BAD_ARTICLE], 1),
    ("《A》第二款", [ProblemKind.BAD_ARTICLE], 1),
    ("第三十二条第一款第（五）项", [ProblemKind.NO_TITLE], 1),
    ("第八条，第九条", [ProblemKind.NO_TITLE], 1),
    ("《A》第三章", [ProblemKind.UNSUPPORTED_REFERENCE], 1),
    ("《A》（国务院令第412号）第1项", [ProblemKind.UNSUPPORTED_REFERENCE], 1),
    ("《A》（国务院令第412号）附件第1项", [ProblemKind.UNSUPPORTED_REFERENCE], 1),
    ("有关国发〔2019〕6号", [ProblemKind.UNRECOGNIZED], 1),
    ("《A》第三条有关内容", [ProblemKind.TRAILING_TEXT], 1),
    ("《A》等法律法规", [ProblemKind.TRAILING_TEXT], 1),
    ("garbage", [ProblemKind.UNRECOGNIZED], 0),
    ("见相关文件", [ProblemKind.UNRECOGNIZED], 0),
    ("无", [ProblemKind.UNRECOGNIZED], 0),
    ("》", [ProblemKind.UNRECOGNIZED], 0),
    ("123《A》第1条", [ProblemKind.UNRECOGNIZED], 1),
    ("《A》第一条；garbage；《B》第二条", [ProblemKind.UNRECOGNIZED], 2),
    ("“未闭合", [ProblemKind.UNRECOGNIZED], 0),
    ("〔2019〕6号", [ProblemKind.UNRECOGNIZED], 0),
]


@pytest.mark.parametrize(("text", "kinds", "count"), BAD, ids=[repr(t) for t, _, _ in BAD])
def test_problems(text: str, kinds: list[str], count: int) -> None:
    result = parse_citations(text)
    assert [p.kind for p in result.problems] == kinds
    assert len(result.citations) == count
    for p in result.problems:
        assert p.text == text[p.start : p.end]
        assert p.text


def test_article_after_title_attaches_but_lone_article_is_reported() -> None:
    attached = parse_citations("《A》第八条，第九条第二款")
    assert attached.problems == ()
    lone = parse_citations("第三十二条第一款第（五）项")
    assert lone.citations[0].title is None
    assert lone.citations[0].articles == (A(32, None, 1, 5),)
    assert lone.problems[0].kind == "no_title"


def test_article_after_separator_attaches_to_previous_title() -> None:
    result = parse_citations("《A》第一条；第三条")
    assert result.problems == ()
    assert result.citations[0].articles == (A(1), A(3))


def test_offsets_and_raw() -> None:
    text = "依据《A》第一条；《B》第二条第三款"
    a, b = parse_citations(text).citations
    assert (a.start, a.end, a.raw) == (2, 8, "《A》第一条")
    assert b.raw == "《B》第二条第三款"
    assert text[b.start : b.end] == b.raw


def test_problem_positions() -> None:
    result = parse_citations("《A》第一条；《B")
    (problem,) = result.problems
    assert (problem.kind, problem.start, problem.end, problem.text) == (
        "unclosed_title",
        7,
        9,
        "《B",
    )


def test_title_key_equivalences() -> None:
    keys = {
        title_key("《中华人民共和国食品安全法》"),
        title_key("食品安全法"),
        title_key("中华人民共和国 食品安全法"),
        title_key("《食品安全法》"),
        title_key("中华人民共和国食品安全法（2021年修正）"),
    }
    assert keys == {"食品安全法"}
    assert title_key("中国(浙江)自由贸易试验区条例") == title_key("中国（浙江）自由贸易试验区条例")
    assert title_key("关于修改<建筑法>的决定") == title_key("关于修改〈建筑法〉的决定")
    assert title_key("中华人民共和国") == "中华人民共和国"
    assert title_key("企业破产法（试行）") != title_key("企业破产法")


def test_citation_key_ignores_spelling() -> None:
    variants = [
        "《中华人民共和国食品安全法》第三十五条第一款",
        "《食品安全法》第35条第1款",
        "《 食品安全法 》第３５条第一款",
        "《中华人民共和国食品安全法（2021年修正）》第三十五条第一款",
    ]
    keys = {citation_key(parse_citations(v).citations[0]) for v in variants}
    assert len(keys) == 1


def test_citation_key_article_order_is_irrelevant() -> None:
    a = parse_citations("《A》第九条、第八条").citations[0]
    b = parse_citations("《A》第八条，第九条，第八条").citations[0]
    assert citation_key(a) == citation_key(b)


def test_citation_key_doc_brackets() -> None:
    keys = {
        citation_key(parse_citations(t).citations[0])
        for t in ("国发〔2019〕6号", "国发﹝2019﹞6号", "国发[2019]6号", "国发（2019）06号")
    }
    assert len(keys) == 1


def test_citation_title_key_property() -> None:
    (c,) = parse_citations("《中华人民共和国食品安全法》").citations
    assert c.title_key == "食品安全法"
    (d,) = parse_citations("国发〔2019〕6号").citations
    assert d.title_key is None


def test_normalize_text() -> None:
    assert normalize_text("国发［２０１９］６号") == "国发〔2019〕6号"
    assert normalize_text("国发(2019)6号") == "国发〔2019〕6号"
    assert normalize_text("国发﹝2019﹞6号") == "国发〔2019〕6号"
    assert normalize_text("ＡＢＣ　１２３") == "ABC 123"
    # Chinese punctuation keeps its meaning; non-doc-number brackets stay as they are.
    assert normalize_text("《食品安全法》（2019年修订）；") == "《食品安全法》（2019年修订）；"


def test_normalize_doc_number() -> None:
    assert normalize_doc_number("国发[2019]06号") == "国发〔2019〕6号"
    assert normalize_doc_number("国务院令第四百一十二号") == "国务院令第412号"
    assert normalize_doc_number("〔2019〕6号") is None
    assert normalize_doc_number("不是文号") is None


def test_article_ref_display() -> None:
    assert A(32, None, 1, 5).display() == "第三十二条第一款第（五）项"
    assert A(200, 1).display() == "第二百条之一"


def test_cached_parse_is_memoized() -> None:
    text = "《A》第一条"
    assert cached_parse(text) is cached_parse(text)
    assert cached_parse(text) == parse_citations(text)


def test_result_is_immutable() -> None:
    result = parse_citations("《A》第一条")
    assert isinstance(result, ParseResult)
    with pytest.raises(AttributeError):
        result.citations[0].title = "B"  # type: ignore[misc]


def _check_result(text: str, result: ParseResult) -> None:
    for c in result.citations:
        assert 0 <= c.start <= c.end <= len(text)
        assert c.raw == text[c.start : c.end]
    for p in result.problems:
        assert 0 <= p.start <= p.end <= len(text)
        assert p.text == text[p.start : p.end]
        assert p.kind in {k.value for k in ProblemKind}


CITATION_ALPHABET = (
    "《》〈〉第条款项目章之一二两三四五六七八九十百千零〇0123456789０１２（）()〔〕﹝﹞[]【】"
    '国发办令号年修订正至到-—、，,；;。 \n\u3000“”"：:根据的规定和及AB中华人民共和国法'
)


@settings(max_examples=400, database=None, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    _check_result(text, parse_citations(text))


@settings(max_examples=600, database=None, deadline=None)
@given(st.text(alphabet=CITATION_ALPHABET, max_size=60))
def test_never_raises_on_citation_like_text(text: str) -> None:
    _check_result(text, parse_citations(text))


def test_long_input_is_fast_enough() -> None:
    text = "；".join(f"《法{i}》第{i % 50 + 1}条第一款" for i in range(2000))
    result = parse_citations(text)
    assert len(result.citations) == 2000
    assert result.ok
