"""Configuration: discovery, selection by code/prefix/name, severities, ignores."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog_tool import CatalogError, Config, Severity, find_config, load_config, validate
from catalog_tool.config import RuleSelection
from catalog_tool.model.enums import Level

ITEM = "370811/000101001000.yaml"


def break_credit_code(root: Path) -> None:
    path = root / ITEM
    text = path.read_text(encoding="utf-8").replace("11370811MB2822030B", "11370811MB2822030X")
    path.write_text(text, encoding="utf-8")


def rules(report: object) -> list[str]:
    return [d.rule for d in report.diagnostics]  # type: ignore[attr-defined]


def test_catalog_toml_is_found_from_the_root(catalog: Path) -> None:
    (catalog / "catalog.toml").write_text('ignore = ["C005"]\n', encoding="utf-8")
    assert find_config(catalog) == catalog / "catalog.toml"
    break_credit_code(catalog)
    assert rules(validate(catalog)) == []


def test_items_catalog_toml_is_found_from_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "items").mkdir()
    (tmp_path / "items" / "catalog.toml").write_text('ignore = ["C005"]\n', encoding="utf-8")
    assert find_config(tmp_path) == tmp_path / "items" / "catalog.toml"
    (tmp_path / "catalog.toml").write_text("", encoding="utf-8")
    assert find_config(tmp_path) == tmp_path / "catalog.toml"


def test_pyproject_tool_catalog_section(catalog: Path) -> None:
    (catalog / "pyproject.toml").write_text('[tool.catalog]\nignore = ["C"]\n', encoding="utf-8")
    loaded = load_config(find_config(catalog))
    assert loaded.config.ignore == ["C"]


def test_pyproject_without_section_is_not_a_config(catalog: Path) -> None:
    (catalog / ".git").mkdir()
    (catalog / "pyproject.toml").write_text("[tool.other]\nx = 1\n", encoding="utf-8")
    assert find_config(catalog) is None


@pytest.mark.parametrize(
    ("select", "ignore", "expected"),
    [
        (None, [], True),
        (["C"], [], True),
        (["C00"], [], True),
        (["identity.bad-credit-code"], [], True),
        (["S"], [], False),
        (None, ["C005"], False),
        (None, ["C"], False),
        (["ALL"], ["identity.bad-credit-code"], False),
    ],
)
def test_selection(select: list[str] | None, ignore: list[str], expected: bool) -> None:
    selection = RuleSelection(Config(select=select, ignore=ignore))
    assert selection.enabled("C005", "identity.bad-credit-code", True) is expected


def test_default_off_rules_need_explicit_selection_or_options() -> None:
    assert not RuleSelection(Config()).enabled("T002", "time.ratio", False)
    assert not RuleSelection(Config(select=["T"])).enabled("T002", "time.ratio", False)
    assert RuleSelection(Config(select=["T002"])).enabled("T002", "time.ratio", False)
    configured = Config(rules={"T002": {"ratio": 0.35}})
    assert RuleSelection(configured).enabled("T002", "time.ratio", False)


def test_severity_override_longest_prefix_wins() -> None:
    selection = RuleSelection(Config(severity={"C": Severity.WARNING, "C005": Severity.INFO}))
    assert selection.severity("C005", Severity.ERROR) is Severity.INFO
    assert selection.severity("C001", Severity.ERROR) is Severity.WARNING
    assert selection.severity("S001", Severity.ERROR) is Severity.ERROR


def test_severity_override_applies_to_the_report(catalog: Path) -> None:
    break_credit_code(catalog)
    report = validate(catalog, Config(severity={"C005": Severity.WARNING}))
    assert [(d.rule, d.severity) for d in report.diagnostics] == [("C005", Severity.WARNING)]


def test_per_file_and_per_level_ignores(catalog: Path) -> None:
    break_credit_code(catalog)
    assert rules(validate(catalog, Config(per_file_ignores={"370811/*.yaml": ["C005"]}))) == []
    other_folder = Config(per_file_ignores={"370800/*.yaml": ["C005"]})
    assert rules(validate(catalog, other_folder)) == ["C005"]
    assert rules(validate(catalog, Config(per_level_ignores={"县级": ["C"]}))) == []
    assert rules(validate(catalog, Config(per_level_ignores={"county": ["C005"]}))) == []
    assert rules(validate(catalog, Config(per_level_ignores={"city": ["C005"]}))) == ["C005"]
    selection = RuleSelection(Config(per_level_ignores={"province": ["O"]}))
    assert selection.ignored_in("O002", None, Level.PROVINCE)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('ignore = "C005"\n', "ignore"),
        ("[rules.C005]\nstrict = true\n", "rules.C005.strict"),
        ("[rules.Q001]\n", "Q001"),
        ('[per-level-ignores]\n"镇" = ["C"]\n', "镇"),
        ("select = [\n", "TOML"),
        ('select = ["C", "ZZZ9"]\n', "no rule matches 'ZZZ9'"),
        ('[per-file-ignores]\n"370811/*" = ["M01"]\n', "no rule matches 'M01'"),
    ],
)
def test_bad_config_names_the_problem(catalog: Path, text: str, needle: str) -> None:
    (catalog / "catalog.toml").write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_config(catalog / "catalog.toml")
    assert needle in caught.value.text.en


def test_a_config_saved_by_notepad_reads_and_one_in_gbk_says_how_to_save_it(
    catalog: Path,
) -> None:
    """Windows Notepad writes a byte-order mark before UTF-8: read as if absent. A file in
    GBK (Notepad's "ANSI" on Chinese Windows) is refused at its first line that is not
    UTF-8, with how to save it."""
    text = '# 样例目录的配置\nfail-level = "warning"\nignore = ["C005"]\n'
    config = catalog / "catalog.toml"
    config.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    loaded = load_config(config)
    assert (loaded.config.fail_level, loaded.config.ignore) == (Severity.WARNING, ["C005"])
    config.write_bytes(text.encode("gbk"))
    with pytest.raises(CatalogError) as caught:
        load_config(config)
    assert caught.value.text.zh == f"配置文件 {config} 第 1 行不是 UTF-8 编码(看起来是 GBK 编码)"
    assert caught.value.hint is not None
    assert caught.value.hint.zh == "用 UTF-8 编码另存该文件(记事本:另存为 → 编码选 UTF-8)。"


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        (
            'fial-level = "error"\n',
            "fial-level 有误:不是已知的配置项(检查拼写)",
            "not a known setting",
        ),
        (
            'fail-level = "fatal"\n',
            "fail-level 有误:应为 'error', 'warning'、'info' 之一",
            "should be one of 'error', 'warning' or 'info'",
        ),
        ("jobs = 0\n", "jobs 有误:应不小于 1", "jobs: should be at least 1"),
        ('select = "C005"\n', 'select 有误:应为列表,如 ["C005"]', "should be a list"),
        ('[rules.T002]\nratio = "abc"\n', "rules.T002.ratio 有误:应为数字", "should be a number"),
    ],
)
def test_a_wrong_setting_is_explained_in_the_users_language(
    catalog: Path, text: str, zh: str, en: str
) -> None:
    config = catalog / "catalog.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_config(config)
    assert caught.value.text.zh == f"配置文件 {config} 中 {zh}"
    assert en in caught.value.text.en
