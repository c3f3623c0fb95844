"""docs/rules/ holds exactly the pages generated from the rule docs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from catalog_tool.rules import all_rules
from catalog_tool.rules.pages import INDEX, REGENERATE, rule_page, rule_pages, write_rule_pages
from tests.conftest import Result
from tests.docs.examples import DOCS

RULES = DOCS / "rules"


def test_checked_in_pages_match_the_rule_docs() -> None:
    expected = rule_pages()
    actual = {p.name: p.read_text(encoding="utf-8") for p in RULES.glob("*.md")}
    stale = sorted(
        name for name in expected.keys() & actual.keys() if expected[name] != actual[name]
    )
    missing = sorted(expected.keys() - actual.keys())
    extra = sorted(actual.keys() - expected.keys())
    assert (stale, missing, extra) == ([], [], []), (
        f"docs/rules/ is out of date (stale {stale}, missing {missing}, extra {extra}); "
        f"regenerate it with: {REGENERATE}"
    )


def test_one_page_per_rule_and_an_index() -> None:
    assert set(rule_pages()) == {f"{code}.md" for code in all_rules()} | {INDEX}


def test_page_is_chinese_then_english_with_headings_demoted_outside_code() -> None:
    page = rule_page(all_rules()["M002"])
    zh, en = page.split("\n## English\n")
    assert "\n# M002 materials.catch-all\n" in zh and "\n## 作用\n" in zh
    assert "\n## M002 materials.catch-all\n" in en and "\n### What it does\n" in en
    # The good example is a YAML comment: inside the fence it must stay a comment.
    assert "```yaml\n# 删除,或逐项写明确需的材料及依据\n```" in en
    assert page.endswith("[规则索引 Rule index](README.md) · 申请材料 / Application materials\n")


def test_index_lists_every_rule_under_its_family() -> None:
    index = rule_pages()[INDEX]
    assert "## M: 申请材料 / Application materials" in index
    assert "| [M001](M001.md) | `materials.no-legal-basis` | error |" in index
    assert all(f"]({code}.md)" in index for code in all_rules())


def test_write_rewrites_only_changes_and_removes_pages_of_gone_rules(tmp_path: Path) -> None:
    pages = {"A001.md": "a\n", "A002.md": "b\n", INDEX: "index\n"}
    (tmp_path / "A002.md").write_text("b\n", encoding="utf-8")
    (tmp_path / "A009.md").write_text("old\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("mine\n", encoding="utf-8")
    done = write_rule_pages(tmp_path, pages)
    assert (done.written, done.unchanged, done.removed) == (
        ("A001.md", INDEX),
        ("A002.md",),
        ("A009.md",),
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["A001.md", "A002.md", INDEX, "notes.md"]
    again = write_rule_pages(tmp_path, pages)
    assert (again.written, again.removed) == ((), ())


def test_rules_write_docs_command(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    result = run_cli("rules", "--write-docs", str(tmp_path / "rules"), "--lang", "en")
    assert result.code == 0, result.err
    count = len(all_rules()) + 1
    assert result.out == f"{tmp_path / 'rules'}: {count} pages written, 0 unchanged, 0 removed\n"
    assert (tmp_path / "rules" / "M001.md").read_text(encoding="utf-8") == rule_pages()["M001.md"]
