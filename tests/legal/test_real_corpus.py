"""Integration: import the real corpus in ../shared/laws and check facts and the bundled data."""

from __future__ import annotations

import importlib.resources
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from catalog_tool.legal.citation import parse_citations, title_key
from catalog_tool.legal.corpus_import import CorpusScan, build_bundled, scan_corpus
from catalog_tool.legal.registry import (
    LawLevel,
    LawRegistry,
    LawStatus,
    bundled,
    dump_registry,
)
from catalog_tool.legal.repealed import REPEALED

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "laws"


@pytest.fixture(scope="module")
def corpus() -> Path:
    if not (CORPUS / "db.sqlite3").is_file():
        pytest.skip(f"the law corpus is not available at {CORPUS} (../shared/laws)")
    return CORPUS


@pytest.fixture(scope="module")
def scan(corpus: Path) -> CorpusScan:
    return scan_corpus(corpus)


@pytest.fixture(scope="module")
def registry(scan: CorpusScan) -> LawRegistry:
    return LawRegistry(scan.records)


def _get(registry: LawRegistry, title: str) -> tuple[LawLevel, LawStatus, int | None]:
    record = registry.find(title)
    assert record is not None, title
    return record.level, record.status, registry.article_count(record)


def test_spot_checks(registry: LawRegistry) -> None:
    assert _get(registry, "建筑法") == (LawLevel.LAW, LawStatus.IN_FORCE, 85)
    assert _get(registry, "公共场所卫生管理条例")[0] is LawLevel.ADMINISTRATIVE_REGULATION
    assert _get(registry, "食品安全法")[:2] == (LawLevel.LAW, LawStatus.IN_FORCE)
    assert _get(registry, "中华人民共和国民法典") == (LawLevel.LAW, LawStatus.IN_FORCE, 1260)
    assert _get(registry, "宪法") == (LawLevel.CONSTITUTION, LawStatus.IN_FORCE, 143)
    assert _get(registry, "药品管理法")[1] is LawStatus.IN_FORCE
    assert _get(registry, "行政许可法")[0] is LawLevel.LAW
    criminal = registry.find("刑法")
    assert criminal is not None
    assert "120之1-6" in criminal.articles
    local = registry.find("杭州市绩效管理条例")
    assert local is not None
    assert local.level is LawLevel.LOCAL_REGULATION
    assert local.issuer == "杭州市人民代表大会常务委员会"
    rule = registry.find("医疗器械经营监督管理办法")
    assert rule is not None
    assert rule.level is LawLevel.DEPARTMENTAL_RULE


def test_current_version_is_kept(registry: LawRegistry) -> None:
    # 立法法 exists as 2015 (expired=1) and 2023 versions.
    record = registry.find("立法法")
    assert record is not None
    assert record.published == date(2023, 3, 13)
    assert record.status is LawStatus.IN_FORCE


def test_repeals(registry: LawRegistry) -> None:
    noise = registry.find("环境噪声污染防治法")
    assert noise is not None
    assert noise.status is LawStatus.REPEALED
    assert noise.successor == "中华人民共和国噪声污染防治法"
    traders = registry.find("个体工商户条例")  # the corpus still says in force; it is not
    assert traders is not None
    assert traders.status is LawStatus.REPEALED
    assert traders.repealed == date(2022, 11, 1)


def test_amendments_and_other_folders_are_skipped(scan: CorpusScan) -> None:
    reasons = {s.reason for s in scan.skipped}
    assert any("amendment" in r for r in reasons)
    assert all(not r.title.startswith("中华人民共和国刑法修正案") for r in scan.records)


def test_every_curated_successor_is_known_and_in_force(registry: LawRegistry) -> None:
    for entry in REPEALED:
        assert entry.successor is not None
        successor = registry.find(entry.successor)
        assert successor is not None, entry.successor
        assert successor.status is LawStatus.IN_FORCE, entry.successor


def _corpus_texts(corpus: Path) -> dict[str, list[Path]]:
    """Title key → Markdown files with that title, oldest first."""
    texts: dict[str, list[Path]] = {}
    for path in sorted(corpus.rglob("*.md")):
        with path.open(encoding="utf-8") as f:
            first = f.readline()
        if first.startswith("# "):
            texts.setdefault(title_key(first[2:].strip()), []).append(path)
    return texts


def _provision(path: Path, heading: str) -> Iterator[str]:
    pattern = re.compile(rf"^{heading}(?:\s|$)")
    with path.open(encoding="utf-8") as f:
        yield from (line for line in f if pattern.match(line))


def test_curated_repeals_match_the_corpus_text(corpus: Path) -> None:
    """Each basis provision, where the corpus has it, names the repealed law and the date."""
    texts = _corpus_texts(corpus)
    checked = 0
    for entry in REPEALED:
        (basis,) = parse_citations(entry.basis).citations
        assert basis.title is not None
        assert entry.successor is not None
        assert title_key(basis.title) == title_key(entry.successor)
        if basis.version is not None:
            continue  # cites an older text than the corpus holds
        files = texts.get(title_key(basis.title))
        assert files, f"{basis.title} not in corpus"
        (article,) = basis.articles
        # Newest text first: article numbers change between versions.
        lines = [line for f in reversed(files) for line in _provision(f, article.display())]
        assert lines, f"{entry.basis} not found"
        line = lines[0]
        assert title_key(entry.title) in line, entry
        assert "废止" in line, entry
        when = f"{entry.repealed.year}年{entry.repealed.month}月{entry.repealed.day}日"
        assert when in line or "自公布之日起施行" in line, entry
        checked += 1
    assert checked == len(REPEALED) - 1


def test_bundled_laws_json_is_generated_from_the_corpus(corpus: Path) -> None:
    committed = (
        importlib.resources.files("catalog_tool").joinpath("data/laws.json").read_text("utf-8")
    )
    assert dump_registry(build_bundled(corpus)) == committed, (
        "regenerate with: python -m catalog_tool.legal.corpus_import ../shared/laws "
        "src/catalog_tool/data/laws.json"
    )


def test_bundled_registry_counts() -> None:
    registry = bundled()
    levels = {record.level for record in registry.records}
    assert levels <= {
        LawLevel.CONSTITUTION,
        LawLevel.LAW,
        LawLevel.ADMINISTRATIVE_REGULATION,
        LawLevel.DEPARTMENTAL_RULE,
        LawLevel.LOCAL_REGULATION,
    }
    assert len(registry) > 1800
