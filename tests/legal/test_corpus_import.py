"""The corpus importer, on a small corpus written in the LawRefBook/Laws layout."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from catalog_tool.legal.citation import ArticleRef
from catalog_tool.legal.corpus_import import (
    CorpusScan,
    import_corpus,
    parse_markdown,
    scan_corpus,
)
from catalog_tool.legal.registry import LawLevel, LawRegistry, LawStatus, load_file
from tests.conftest import Result

# The schema of the real corpus's db.sqlite3 (root); the DLC databases use the same columns.
LAW_DDL = (
    "CREATE TABLE law (id TEXT NOT NULL PRIMARY KEY, level TEXT NOT NULL, name TEXT NOT NULL, "
    'filename TEXT, publish DATE, expired INTEGER NOT NULL, "order" integer, subtitle TEXT, '
    "valid_from DATE, ver INTEGER, tags TEXT, category_id TEXT NOT NULL, "
    "FOREIGN KEY (category_id) REFERENCES category (id))"
)
CATEGORY_DDL = (
    "CREATE TABLE category (id TEXT NOT NULL UNIQUE PRIMARY KEY, name TEXT NOT NULL, "
    'folder TEXT NOT NULL, isSubFolder INTEGER NOT NULL, "group" TEXT, "order" integer)'
)


def _law_md(title: str, history: list[str], articles: list[str], part: str | None = None) -> str:
    lines = [f"# {title}", ""]
    if part:
        lines += [f"# {part}", ""]
    for h in history:
        lines += [h, ""]
    lines += ["<!-- INFO END -->", "", "## 第一章 总则", ""]
    for a in articles:
        lines += [f"{a} 正文。", "", "本条第二款。", ""]
    return "\n".join(lines)


Row = tuple[str, str, str | None, str | None, str | None, int, str]


def _write_db(path: Path, categories: dict[str, str], rows: list[Row]) -> None:
    """rows: (level, name, filename, publish, valid_from, expired, folder)."""
    with sqlite3.connect(path) as conn:
        conn.execute(CATEGORY_DDL)
        conn.execute(LAW_DDL)
        ids: dict[str, str] = {}
        for i, (name, folder) in enumerate(categories.items()):
            ids[folder] = uuid.uuid4().hex
            conn.execute(
                "INSERT INTO category VALUES (?, ?, ?, 0, NULL, ?)", (ids[folder], name, folder, i)
            )
        for level, name, filename, publish, valid_from, expired, folder in rows:
            conn.execute(
                "INSERT INTO law (id, level, name, filename, publish, expired, valid_from, ver, "
                "category_id) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)",
                (
                    uuid.uuid4().hex,
                    level,
                    name,
                    filename,
                    publish,
                    expired,
                    valid_from,
                    ids[folder],
                ),
            )
    conn.close()


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


NPC = "第十三届全国人民代表大会常务委员会第十次会议"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "laws"
    _write(root / "SOURCE.md", "# notes\n")
    _write(root / "行政法" / "_index.md", "---\nbookCollapseSection: true\n---")
    # Two versions of one law: the old one is expired.
    _write(
        root / "行政法" / "建筑法(2011-04-22).md",
        _law_md(
            "中华人民共和国建筑法",
            ["1997年11月1日 第八届全国人民代表大会常务委员会第二十八次会议通过"],
            ["第一条", "第二条", "第三条"],
        ),
    )
    _write(
        root / "行政法" / "建筑法(2019-04-23).md",
        _law_md(
            "中华人民共和国建筑法",
            [
                "1997年11月1日 第八届全国人民代表大会常务委员会第二十八次会议通过",
                f"2019年4月23日 {NPC}《关于修改〈中华人民共和国建筑法〉的决定》修正",
            ],
            # 第四条 is missing from the text (a corpus formatting gap): it is filled in.
            ["第一条", "第二条", "第三条", "第三条之一", "第五条"],
        ),
    )
    # A regulation in a folder other than the one its row names.
    _write(
        root / "行政法规" / "公共场所卫生管理条例(2019-04-23).md",
        _law_md(
            "公共场所卫生管理条例",
            [
                "1987年4月1日 国务院发布",
                "2019年4月23日 《国务院关于修改部分行政法规的决定》第二次修订",
            ],
            [f"第{n}条" for n in ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")],
        ),
    )
    # Expired single version, and in the curated repeal list.
    _write(
        root / "行政法规" / "公司登记管理条例(2016-02-06).md",
        _law_md("中华人民共和国公司登记管理条例", ["2016年2月6日 修订"], ["第一条", "第二条"]),
    )
    # Expired single version not in the curated list: repealed without a successor.
    _write(
        root / "行政法规" / "某暂行办法(2000-01-01).md",
        _law_md("某暂行办法", ["2000年1月1日 国务院发布"], ["第一条"]),
    )
    # Old-style text without 第X条: articles unknown.
    _write(
        root / "行政法规" / "关于某事的规定(1986-02-18).md",
        "# 关于某事的规定\n\n1986年2月18日 国务院发布\n\n<!-- INFO END -->\n\n一、本规定。\n",
    )
    # Split law: two parts, one row each with `filename`.
    for part, arts in (("总则", ["第一条", "第二条"]), ("附则", ["第三条"])):
        _write(
            root / "民法典" / f"{part}.md",
            _law_md(
                "中华人民共和国民法典",
                ["2020年5月28日 第十三届全国人民代表大会第三次会议通过", "2021年1月1日 施行"],
                arts,
                part=part,
            ),
        )
    # Amendment instrument: skipped.
    _write(
        root / "刑法" / "刑法修正案（九）.md",
        _law_md("中华人民共和国刑法修正案（九）", ["2015年8月29日 通过"], ["第一条"]),
    )
    # Undated file matched to a dated row.
    _write(
        root / "刑法" / "刑法.md",
        _law_md(
            "中华人民共和国刑法",
            ["1979年7月1日 第五届全国人民代表大会第二次会议通过"],
            ["第一条", "第二条", "第二条之一", "第二条之二", "第三条"],
        ),
    )
    # Departmental rule with no row at all: level from its folder.
    _write(
        root / "部门规章" / "市场监督管理总局" / "某管理办法(2022-03-10).md",
        _law_md(
            "某管理办法",
            ["2022年3月10日 国家市场监督管理总局令第54号公布", "2022年5月1日 施行"],
            ["第一条", "第二条"],
        ),
    )
    _write(root / "其他" / "攻略.md", "# 攻略\n\n正文\n")
    _write_db(
        root / "db.sqlite3",
        {
            "行政法": "行政法",
            "行政法规": "行政法规",
            "民法典": "民法典",
            "刑法": "刑法",
            "经济法": "经济法",
            "其他": "其他",
        },
        [
            ("法律", "建筑法", None, "2011-04-22", "2011-07-01", 1, "行政法"),
            ("法律", "建筑法", None, "2019-04-23", "2019-04-23", 0, "行政法"),
            ("行政法规", "公共场所卫生管理条例", None, "2019-04-23", None, 0, "经济法"),
            ("行政法规", "公司登记管理条例", None, "2016-02-06", "", 1, "行政法规"),
            ("行政法规", "某暂行办法", None, "2000-01-01", "", 1, "行政法规"),
            ("行政法规", "关于某事的规定", None, "1986-02-18", None, 0, "行政法规"),
            ("法律", "民法典 总则", "总则", None, None, 0, "民法典"),
            ("法律", "民法典 附则", "附则", None, None, 0, "民法典"),
            ("法律", "刑法修正案（九）", None, "2015-08-29", "2015-11-01", 0, "刑法"),
            ("法律", "刑法", None, "2020-12-26", "2021-03-01", 0, "刑法"),
            ("其他", "攻略", None, None, None, 0, "其他"),
            # A row without a file (司法解释 are not in the corpus): ignored.
            ("司法解释", "最高人民法院关于某问题的解释", None, "2020-12-29", None, 0, "其他"),
        ],
    )
    # A DLC province with its own database; paths are relative to the province folder.
    province = root / "DLC" / "浙江地方法规"
    _write(
        province / "地方性法规" / "浙江" / "杭州市某条例(2015-10-14).md",
        _law_md(
            "杭州市某条例",
            [
                "2015年8月27日 杭州市第十二届人民代表大会常务委员会第三十次会议通过",
                "2015年9月25日 浙江省第十二届人民代表大会常务委员会第二十三次会议批准",
                "2016年1月1日 施行",
            ],
            ["第一条", "第二条", "第三条"],
        ),
    )
    _write(province / "地方性法规" / "浙江" / "_index.md", "")
    _write_db(
        province / "db.sqlite3",
        {"浙江": "地方性法规/浙江"},
        [("地方性法规", "杭州市某条例", None, "2015-10-14", "2016-01-01", 0, "地方性法规/浙江")],
    )
    return root


@pytest.fixture
def scan(corpus: Path) -> CorpusScan:
    return scan_corpus(corpus)


def _registry(scan: CorpusScan) -> LawRegistry:
    return LawRegistry(scan.records)


def test_newest_version_wins(scan: CorpusScan) -> None:
    record = _registry(scan).find("建筑法")
    assert record is not None
    assert record.title == "中华人民共和国建筑法"
    assert record.short_titles == ("建筑法",)
    assert record.level is LawLevel.LAW
    assert record.status is LawStatus.IN_FORCE  # the old version's expired=1 does not matter
    assert record.published == date(2019, 4, 23)
    assert record.effective == date(2019, 4, 23)
    assert record.issuer == "全国人民代表大会常务委员会"
    assert record.articles == "1-3,3之1,4-5"  # the gap at 4 is filled


def test_file_matched_by_name_not_folder(scan: CorpusScan) -> None:
    record = _registry(scan).find("公共场所卫生管理条例")
    assert record is not None
    assert record.level is LawLevel.ADMINISTRATIVE_REGULATION
    assert record.issuer == "国务院"
    assert record.articles == "1-10"
    assert record.effective is None


def test_expired_newest_version_is_repealed(scan: CorpusScan) -> None:
    registry = _registry(scan)
    company = registry.find("公司登记管理条例")
    assert company is not None
    assert company.status is LawStatus.REPEALED
    assert company.successor == "中华人民共和国市场主体登记管理条例"  # from the curated list
    assert company.repealed == date(2022, 3, 1)
    assert company.articles == "1-2"
    other = registry.find("某暂行办法")
    assert other is not None
    assert other.status is LawStatus.REPEALED
    assert other.successor is None
    assert other.repealed is None


def test_curated_repeals_not_in_corpus_are_added(scan: CorpusScan) -> None:
    registry = _registry(scan)
    doctors = registry.find("执业医师法")
    assert doctors is not None
    assert doctors.status is LawStatus.REPEALED
    assert doctors.successor == "中华人民共和国医师法"
    assert doctors.repealed == date(2022, 3, 1)
    assert doctors.articles == ""
    assert registry.has_article(doctors, ArticleRef(1)) is None
    food_hygiene = registry.find("中华人民共和国食品卫生法")
    assert food_hygiene is not None
    assert food_hygiene.successor == "中华人民共和国食品安全法"
    assert food_hygiene.repealed == date(2009, 6, 1)
    city_planning = registry.find("城市规划法")
    assert city_planning is not None
    assert city_planning.repealed == date(2008, 1, 1)


def test_text_without_articles_has_unknown_articles(scan: CorpusScan) -> None:
    record = _registry(scan).find("关于某事的规定")
    assert record is not None
    assert record.articles == ""


def test_split_law_parts_are_merged(scan: CorpusScan) -> None:
    record = _registry(scan).find("民法典")
    assert record is not None
    assert record.articles == "1-3"
    assert record.issuer == "全国人民代表大会"
    assert record.published == date(2020, 5, 28)
    assert record.effective == date(2021, 1, 1)


def test_undated_file_matches_dated_row(scan: CorpusScan) -> None:
    record = _registry(scan).find("刑法")
    assert record is not None
    assert record.published == date(2020, 12, 26)
    assert record.effective == date(2021, 3, 1)
    assert record.articles == "1-2,2之1-2,3"


def test_unmatched_file_takes_level_from_folder(scan: CorpusScan) -> None:
    record = _registry(scan).find("某管理办法")
    assert record is not None
    assert record.level is LawLevel.DEPARTMENTAL_RULE
    assert record.issuer == "国家市场监督管理总局"
    assert record.published == date(2022, 3, 10)
    assert record.effective == date(2022, 5, 1)


def test_dlc_local_regulation(scan: CorpusScan) -> None:
    record = _registry(scan).find("杭州市某条例")
    assert record is not None
    assert record.level is LawLevel.LOCAL_REGULATION
    assert record.issuer == "杭州市人民代表大会常务委员会"
    assert record.effective == date(2016, 1, 1)


def test_skipped(scan: CorpusScan) -> None:
    skipped = {s.path: s.reason for s in scan.skipped}
    assert set(skipped) == {"刑法/刑法修正案（九）.md", "其他/攻略.md"}
    assert "amendment" in skipped["刑法/刑法修正案（九）.md"]
    registry = _registry(scan)
    assert registry.find("刑法修正案（九）") is None
    assert registry.find("最高人民法院关于某问题的解释") is None


def test_import_corpus_and_level_filter(corpus: Path) -> None:
    everything = import_corpus(corpus)
    assert everything.version == 1
    assert [r.title for r in everything.laws] == sorted(r.title for r in everything.laws)
    only_local = import_corpus(corpus, levels=[LawLevel.LOCAL_REGULATION])
    assert [r.title for r in only_local.laws] == ["杭州市某条例"]


def test_import_is_deterministic(corpus: Path) -> None:
    assert import_corpus(corpus) == import_corpus(corpus)


def test_cli_import_writes_a_registry(
    corpus: Path, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    out = tmp_path / "out.json"
    result = run_cli("laws", "import", str(corpus), "-o", str(out), "--lang", "en")
    assert result.code == 0 and f"wrote {out}" in result.out
    file = load_file(out)
    assert any(r.title == "中华人民共和国建筑法" for r in file.laws)
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == 1
    assert run_cli("laws", "import", str(tmp_path / "missing")).code == 2


def test_cli_import_of_a_folder_without_law_texts_writes_nothing(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    """An empty folder, or one of other Markdown files, is a wrong path: importing it
    wrote a "registry" of the 55 built-in repeal records and exited 0."""
    notes = tmp_path / "notes"
    _write(notes / "commands" / "validate.md", "# catalog validate\n")
    for folder in (tmp_path / "empty", notes):
        folder.mkdir(exist_ok=True)
        out = tmp_path / "out.json"
        result = run_cli("laws", "import", str(folder), "-o", str(out))
        assert result.code == 2
        assert result.err.splitlines() == [
            f"错误: {folder} 中没有可导入的法律文本(按效力级别分文件夹的 Markdown 文件)",
            "给出语料库的根文件夹:其中有 法律/、行政法规/ 等文件夹和 db.sqlite3。",
        ]
        assert not out.exists()


def test_corpus_without_databases(tmp_path: Path) -> None:
    root = tmp_path / "laws"
    _write(root / "行政法规" / "某条例(2001-01-01).md", _law_md("某条例", [], ["第一条"]))
    (record,) = [r for r in scan_corpus(root).records if r.title == "某条例"]
    assert record.level is LawLevel.ADMINISTRATIVE_REGULATION
    assert record.published == date(2001, 1, 1)


def test_parse_markdown() -> None:
    text = _law_md(
        "中华人民共和国 某法 <!-- 注释 -->",
        ["2019年4月23日 通过", "2019年13月1日 无效日期"],
        ["第一条", "第十二条之一", "第一百零五条"],
    )
    law = parse_markdown(text)
    assert law is not None
    assert law.title == "中华人民共和国某法"
    assert law.history == ((date(2019, 4, 23), "通过"),)
    assert law.articles == frozenset({(1, 0), (12, 1), (105, 0)})
    assert parse_markdown("no title here") is None
    # Without the INFO END marker, the header ends at the first chapter or article.
    bare = parse_markdown("# 某规定\n\n2001年1月1日 发布\n\n第一条 正文\n第二条 正文\n")
    assert bare is not None
    assert bare.articles == frozenset({(1, 0), (2, 0)})
    assert bare.history == ((date(2001, 1, 1), "发布"),)
