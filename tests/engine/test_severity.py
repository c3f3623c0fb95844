"""Per-finding severities: L005 warns for a provincial government rule, unless configured."""

from __future__ import annotations

from pathlib import Path

from catalog_tool import Config, Severity, validate

NATIONAL = "000000/000101001000.yaml"


def plant(root: Path, basis: str) -> None:
    (root / "laws.yaml").write_text(
        "version: 1\nsource: test\nlaws:\n"
        "  - {title: 山东省食品摊点管理办法, level: 地方政府规章, articles: '1-20'}\n"
        "  - {title: 济宁市食品摊点管理办法, level: 地方政府规章, articles: '1-20'}\n",
        encoding="utf-8",
    )
    path = root / NATIONAL
    text = path.read_text(encoding="utf-8")
    path.write_text(text.split("basis:")[0] + f"basis:\n  - {basis}\n", encoding="utf-8")


def severities(root: Path, config: Config) -> list[tuple[str, Severity]]:
    return [(d.rule, d.severity) for d in validate(root, config).diagnostics]


def test_provincial_rule_is_a_warning_and_city_rule_an_error(catalog: Path) -> None:
    plant(catalog, "《山东省食品摊点管理办法》第五条")
    assert severities(catalog, Config(select=["L005"])) == [("L005", Severity.WARNING)]
    plant(catalog, "《济宁市食品摊点管理办法》第五条")
    assert severities(catalog, Config(select=["L005"])) == [("L005", Severity.ERROR)]


def test_configured_severity_wins_over_the_finding(catalog: Path) -> None:
    plant(catalog, "《山东省食品摊点管理办法》第五条")
    config = Config(select=["L005"], severity={"L005": Severity.ERROR})
    assert severities(catalog, config) == [("L005", Severity.ERROR)]


def test_a_broken_catalog_registry_is_unusable_input(catalog: Path) -> None:
    import pytest

    from catalog_tool import CatalogError

    (catalog / "laws.yaml").write_text("version: 1\nlaws: []\n", encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        validate(catalog)
    assert "laws.yaml" in caught.value.text.en and "source" in caught.value.text.en
