"""``catalog laws show`` and ``catalog laws check`` on the bundled and a catalog's registry."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from catalog_tool.diagnostics import Severity
from catalog_tool.legal.registry import LawLevel, LawRecord, LawRegistry, LawStatus
from catalog_tool.legal.selfcheck import check_registry
from tests.conftest import Result

Run = Callable[..., Result]


def test_show_one_law(run_cli: Run) -> None:
    result = run_cli("laws", "show", "建筑法", "--lang", "en")
    assert result.code == 0
    assert "title: 中华人民共和国建筑法" in result.out
    assert "level: 法律" in result.out and "articles: 85 (1-85)" in result.out


def test_show_lists_matches_and_suggests(run_cli: Run) -> None:
    listing = run_cli("laws", "show", "食品安全")
    assert listing.code == 0 and "中华人民共和国食品安全法实施条例" in listing.out
    missing = run_cli("laws", "show", "食品安全管理法")
    assert missing.code == 1 and "中华人民共和国食品安全法" in missing.err


def test_show_uses_the_catalog_registry(run_cli: Run, catalog: Path) -> None:
    (catalog / "laws.yaml").write_text(
        "version: 1\nsource: 测试\nlaws:\n"
        "  - {title: 济宁市餐饮服务管理办法, level: 地方政府规章}\n",
        encoding="utf-8",
    )
    result = run_cli("laws", "show", "济宁市餐饮服务管理办法", "--catalog", str(catalog))
    assert result.code == 0 and "地方政府规章" in result.out


def test_check_of_the_bundled_registry_has_no_errors(run_cli: Run) -> None:
    result = run_cli("laws", "check", "--lang", "en")
    assert result.code == 0
    assert "Checked" in result.out and " 0 errors" in result.out


def test_check_words_each_problems_severity_in_the_users_language(run_cli: Run) -> None:
    zh = run_cli("laws", "check").out.splitlines()
    en = run_cli("laws", "check", "--lang", "en").out.splitlines()
    assert "《信访条例》: 提示: 已废止,但没有废止日期" in zh
    assert "《信访条例》: info: repealed, but without a date" in en


def test_check_finds_inconsistent_records() -> None:
    registry = LawRegistry(
        [
            LawRecord(title="甲法", level=LawLevel.LAW, short_titles=("乙法",), articles="1-3"),
            LawRecord(title="乙法", level=LawLevel.LAW, articles="1-3"),
            LawRecord(
                title="丙条例",
                level=LawLevel.ADMINISTRATIVE_REGULATION,
                status=LawStatus.REPEALED,
                successor="丁条例",
            ),
            LawRecord(title="戊法", level=LawLevel.LAW, published=date(2099, 1, 1)),
        ]
    )
    found = {(p.title, p.severity) for p in check_registry(registry, today=date(2026, 1, 1))}
    assert ("乙法", Severity.ERROR) in found or ("甲法", Severity.ERROR) in found
    assert ("丙条例", Severity.WARNING) in found  # successor not in the registry
    assert ("丙条例", Severity.INFO) in found  # no repeal date
    assert ("戊法", Severity.WARNING) in found  # far in the future


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- broken: [\n", "{path}:2:1: 法律库文件的 YAML 语法错误:此处应有一个值"),
        ("", "法律库文件 {path} 有误(整个文件):应为含 version 和 laws 的表"),
        (
            "version: 1\nsource: 本目录\nlaws:\n  - title: 某条例\n    levl: 地方性法规\n",
            "法律库文件 {path} 有误(laws/0/level):缺少此项",
        ),
    ],
)
def test_a_broken_catalog_registry_is_explained_in_chinese(
    run_cli: Run, catalog: Path, text: str, message: str
) -> None:
    """The catalog's own laws.yaml: a syntax error at its line and column, a file that is
    not a registry, a misspelt field; never the YAML library's or pydantic's English."""
    path = catalog / "laws.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("validate", str(catalog))
    assert result.code == 2
    assert result.err.splitlines()[0] == "错误: " + message.format(path=path)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.json", "{bad", "{path}:1:2: 法律库文件不是有效的 JSON:键须为双引号中的字符串"),
        (
            "empty.json",
            "",
            "{path}:1:1: 法律库文件不是有效的 JSON:文件不完整,在此提前结束(缺少 }} 或 ])",
        ),
        ("list.json", "[]", "法律库文件 {path} 有误(整个文件):应为含 version 和 laws 的表"),
        (
            "bad.yaml",
            "laws:\n  - {title: x\n",
            "{path}:3:1: 法律库文件的 YAML 语法错误:花括号映射“{{ … }}”没有正确闭合:应为“,”或“}}”",
        ),
    ],
)
def test_a_registry_given_with_registry_that_cannot_be_used_is_explained(
    run_cli: Run, tmp_path: Path, name: str, text: str, message: str
) -> None:
    """laws show and laws check --registry: the same explanation as a catalog's own
    laws.yaml gets, never an internal error."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    for command in (["show", "食品安全法"], ["check"]):
        result = run_cli("laws", *command, "--registry", str(path))
        assert result.code == 2
        assert result.err.splitlines()[0] == "错误: " + message.format(path=path)
