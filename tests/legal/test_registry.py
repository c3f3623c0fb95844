"""The law registry: file format, lookups, overlay, suggestions, article checks."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from catalog_tool.legal.citation import ArticleRef, parse_citations
from catalog_tool.legal.registry import (
    LawLevel,
    LawRecord,
    LawRegistry,
    LawRegistryFile,
    LawStatus,
    bundled,
    dump_registry,
    format_article_spec,
    load_file,
    parse_article_spec,
    schema,
    write_registry,
)
from catalog_tool.legal.selfcheck import check_registry


def _law(title: str, **fields: object) -> LawRecord:
    data: dict[str, object] = {"title": title, "level": LawLevel.LAW, "articles": "1-10"}
    data.update(fields)
    return LawRecord.model_validate(data)


@pytest.fixture
def registry() -> LawRegistry:
    return LawRegistry(
        [
            _law(
                "中华人民共和国食品安全法",
                short_titles=["食品安全法"],
                articles="1-154",
                issuer="全国人民代表大会常务委员会",
                published=date(2021, 4, 29),
            ),
            _law("公共场所卫生管理条例", level=LawLevel.ADMINISTRATIVE_REGULATION),
            _law("中华人民共和国刑法", articles="1-120,120之1-6,121-452"),
            _law(
                "中华人民共和国执业医师法",
                status=LawStatus.REPEALED,
                successor="中华人民共和国医师法",
                repealed=date(2022, 3, 1),
                articles="",
            ),
        ],
        source="test",
    )


# -- article specs -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "numbers"),
    [
        ("", set()),
        ("3", {(3, 0)}),
        ("1-3", {(1, 0), (2, 0), (3, 0)}),
        ("1-2,2之1,3", {(1, 0), (2, 0), (2, 1), (3, 0)}),
        ("12之1-3", {(12, 1), (12, 2), (12, 3)}),
    ],
)
def test_article_spec_round_trip(spec: str, numbers: set[tuple[int, int]]) -> None:
    assert parse_article_spec(spec) == numbers
    assert format_article_spec(numbers) == spec


def test_article_spec_compacts() -> None:
    numbers = {(n, 0) for n in range(1, 41)} | {(12, 1)}
    assert format_article_spec(numbers) == "1-12,12之1,13-40"


@pytest.mark.parametrize("spec", ["0", "1-", "a", "1,,2", "3-1", "1之", "12之3-1", " 1", "1-3 "])
def test_article_spec_rejects(spec: str) -> None:
    with pytest.raises(ValueError, match="article"):
        parse_article_spec(spec)


# -- records and file format ----------------------------------------------------------------


def test_record_rejects_unknown_fields_and_bad_specs() -> None:
    with pytest.raises(ValidationError):
        LawRecord.model_validate({"title": "A", "level": "法律", "colour": "red"})
    with pytest.raises(ValidationError):
        LawRecord.model_validate({"title": "A", "level": "法律", "articles": "1-"})
    with pytest.raises(ValidationError):
        LawRecord.model_validate({"title": "A", "level": "不是层级"})
    with pytest.raises(ValidationError):
        LawRecord.model_validate({"title": "A", "level": "法律", "repealed": "2020-01-01"})


def test_record_is_frozen() -> None:
    record = _law("A")
    with pytest.raises(ValidationError):
        record.title = "B"  # type: ignore[misc]


def test_level_rank_order() -> None:
    order = [
        LawLevel.CONSTITUTION,
        LawLevel.LAW,
        LawLevel.ADMINISTRATIVE_REGULATION,
        LawLevel.LOCAL_REGULATION,
        LawLevel.DEPARTMENTAL_RULE,
        LawLevel.NORMATIVE_DOCUMENT,
    ]
    ranks = [level.rank for level in order]
    assert ranks == sorted(ranks, reverse=True)
    assert len(set(ranks)) == len(ranks)
    assert LawLevel.STATE_COUNCIL_DECISION.rank == LawLevel.ADMINISTRATIVE_REGULATION.rank
    assert LawLevel.LOCAL_GOVERNMENT_RULE.rank == LawLevel.DEPARTMENTAL_RULE.rank
    assert LawLevel.CONSTITUTION.rank == max(level.rank for level in LawLevel)


def test_in_force() -> None:
    repealed = _law(
        "X", status=LawStatus.REPEALED, repealed=date(2022, 3, 1), effective=date(2000, 1, 1)
    )
    assert not repealed.in_force()
    assert repealed.in_force(date(2021, 1, 1))
    assert not repealed.in_force(date(2022, 3, 1))
    future = _law("Y", effective=date(2030, 1, 1))
    assert future.in_force()
    assert not future.in_force(date(2029, 12, 31))


def test_schema_has_chinese_titles_everywhere() -> None:
    s = schema()
    assert s["properties"]["laws"]["title"] == "法律法规"
    record = s["$defs"]["LawRecord"]
    assert record["additionalProperties"] is False
    for name, prop in record["properties"].items():
        assert prop.get("title"), name
        assert prop.get("description"), name
    for prop in s["properties"].values():
        assert prop.get("title")
        assert prop.get("description")


def test_dump_is_deterministic_and_sorted(registry: LawRegistry, tmp_path: Path) -> None:
    file = registry.to_file()
    shuffled = LawRegistryFile(version=1, source="test", laws=list(reversed(file.laws)))
    assert dump_registry(shuffled) == dump_registry(file)
    data = json.loads(dump_registry(file))
    titles = [law["title"] for law in data["laws"]]
    assert titles == sorted(titles)
    assert "issuer" not in data["laws"][0] or data["laws"][0]["issuer"] is not None
    path = tmp_path / "laws.json"
    write_registry(file, path)
    assert load_file(path) == file
    assert "中华人民共和国" in path.read_text(encoding="utf-8")  # ensure_ascii=False


def test_load_json_and_yaml(tmp_path: Path) -> None:
    json_path = tmp_path / "laws.json"
    json_path.write_text(
        json.dumps(
            {
                "version": 1,
                "source": "本地",
                "laws": [{"title": "杭州市某条例", "level": "地方性法规", "articles": "1-5"}],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    yaml_path = tmp_path / "laws.yaml"
    yaml_path.write_text(
        "version: 1\n"
        "source: 本地\n"
        "laws:\n"
        "  - title: 杭州市某条例\n"
        "    level: 地方性法规\n"
        "    published: 2020-01-02\n"
        "    articles: 1-5\n",
        encoding="utf-8",
    )
    from_json = LawRegistry.load(json_path)
    from_yaml = LawRegistry.load(yaml_path)
    assert from_json.find("杭州市某条例") is not None
    record = from_yaml.find("杭州市某条例")
    assert record is not None
    assert record.published == date(2020, 1, 2)


def test_load_rejects_bad_file(tmp_path: Path) -> None:
    path = tmp_path / "laws.json"
    path.write_text('{"version": 2, "source": "x", "laws": []}', encoding="utf-8")
    with pytest.raises(ValidationError):
        LawRegistry.load(path)


# -- lookups -------------------------------------------------------------------------------


def test_find_by_long_and_short_titles(registry: LawRegistry) -> None:
    long = registry.find("中华人民共和国食品安全法")
    assert long is not None
    assert registry.find("食品安全法") is long
    assert registry.find("《食品安全法》") is long
    assert registry.find("《中华人民共和国食品安全法（2021年修正）》") is long
    assert registry.find("刑法") is registry.find("中华人民共和国刑法")
    assert registry.find("不存在的法") is None
    assert "食品安全法" in registry
    assert 3 not in registry


def test_find_from_parsed_citation(registry: LawRegistry) -> None:
    (citation,) = parse_citations("《中华人民共和国食品安全法》第三十五条第一款").citations
    assert citation.title is not None
    record = registry.find(citation.title)
    assert record is not None
    assert registry.has_article(record, citation.articles[0]) is True


def test_has_article(registry: LawRegistry) -> None:
    food = registry.find("食品安全法")
    assert food is not None
    assert registry.has_article(food, ArticleRef(154)) is True
    assert registry.has_article(food, ArticleRef(155)) is False
    assert registry.has_article(food, ArticleRef(35, None, 9, 9)) is True  # 款/项 not known
    criminal = registry.find("刑法")
    assert criminal is not None
    assert registry.has_article(criminal, ArticleRef(120, 6)) is True
    assert registry.has_article(criminal, ArticleRef(120, 7)) is False
    assert registry.article_count(criminal) == 458
    doctors = registry.find("执业医师法")
    assert doctors is not None
    assert registry.has_article(doctors, ArticleRef(1)) is None  # unknown, not False
    assert registry.article_count(doctors) is None


def test_suggest(registry: LawRegistry) -> None:
    assert registry.suggest("食品安全发") == ["中华人民共和国食品安全法"]
    assert registry.suggest("《公共场所卫生管理办法》") == ["公共场所卫生管理条例"]
    assert registry.suggest("完全无关的名字") == []
    assert len(registry.suggest("法", n=1)) <= 1


def test_overlay_overrides_and_adds(registry: LawRegistry) -> None:
    local = LawRegistry(
        [
            _law("食品安全法", articles="1-200", issuer="本地"),
            _law("杭州市某条例", level=LawLevel.LOCAL_REGULATION),
        ],
        source="local",
    )
    merged = registry.overlay(local)
    food = merged.find("中华人民共和国食品安全法")
    assert food is not None
    assert food.issuer == "本地"
    assert merged.find("杭州市某条例") is not None
    assert merged.find("公共场所卫生管理条例") is not None
    assert len(merged) == len(registry) + 1
    assert merged.source == "test + local"
    # The original is untouched.
    original = registry.find("食品安全法")
    assert original is not None
    assert original.issuer == "全国人民代表大会常务委员会"


def test_a_local_law_that_claims_a_national_laws_short_title_does_not_replace_it(
    registry: LawRegistry,
) -> None:
    """Only a local record's title says which law it copies. A local regulation that also
    gives itself the short title 食品安全法 replaces nothing: the national law keeps the
    name, and laws check reports the clash."""
    local = LawRegistry(
        [_law("杭州市某条例", short_titles=["食品安全法"], level=LawLevel.LOCAL_REGULATION)]
    )
    merged = registry.overlay(local)
    food = merged.find("食品安全法")
    assert food is not None and food.title == "中华人民共和国食品安全法"
    assert len(merged) == len(registry) + 1
    problems = [(p.title, p.message.zh) for p in check_registry(merged, date(2026, 12, 7))]
    assert ("杭州市某条例", "名称“食品安全法”同时指向《中华人民共和国食品安全法》") in problems


def test_records_that_repeat_a_title_are_reported_by_laws_check() -> None:
    """Two local records of one title become one (the one in force): the other is
    dropped, silently until now, with whatever it held."""
    local = LawRegistry(
        [_law("某条例", status="已废止", successor="不存在的条例"), _law("某条例", articles="1-3")]
    )
    assert local.duplicates == ("某条例",)
    merged = bundled().overlay(local)
    problems = [(p.title, p.message.zh) for p in check_registry(merged, date(2026, 12, 7))]
    assert ("某条例", "法律库中有多条同名记录,只用了其中一条;合并为一条") in problems


def test_duplicate_titles_keep_the_current_version() -> None:
    old = _law("中华人民共和国立法法", published=date(2015, 3, 15), articles="1-105")
    new = _law("立法法", published=date(2023, 3, 13), articles="1-120")
    for records in ([old, new], [new, old]):
        found = LawRegistry(records).find("立法法")
        assert found is not None
        assert found.articles == "1-120"


def test_short_title_never_hides_another_title() -> None:
    a = _law("甲条例", short_titles=["乙条例"])
    b = _law("乙条例", articles="1-3")
    registry = LawRegistry([a, b])
    assert registry.find("乙条例") is b


def test_digest_is_stable(registry: LawRegistry) -> None:
    same = LawRegistry(reversed(registry.records), source="test")
    assert same.digest() == registry.digest()
    other = registry.overlay(LawRegistry([_law("新法")]))
    assert other.digest() != registry.digest()
    assert len(registry.digest()) == 64


def test_bundled_registry_loads() -> None:
    registry = bundled()
    assert registry is bundled()  # cached
    assert len(registry) > 1000
    record = registry.find("食品安全法")
    assert record is not None
    assert record.level is LawLevel.LAW
    assert record.status is LawStatus.IN_FORCE


def test_bundled_file_matches_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import importlib.resources

    data = json.loads(
        importlib.resources.files("catalog_tool").joinpath("data/laws.json").read_text("utf-8")
    )
    jsonschema.validate(data, schema())
