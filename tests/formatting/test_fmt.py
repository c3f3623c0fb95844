"""``catalog fmt``: canonical form, comments kept, idempotent, safe on broken files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from catalog_tool import Config, validate
from catalog_tool.formatting.run import format_catalog, format_text
from catalog_tool.io.lock import catalog_lock
from tests.conftest import Result

Run = Callable[..., Result]

MESSY = """\
# yaml-language-server: $schema=../../schemas/item.schema.json
# 本地补充说明:此行注释必须保留
name: 食品 经营许可(新办)   # 名称旁的注释
code: 000101001000
type: 行政许可
region: 370811
basis:
  - 《中华人民共和国食品安全法》第三十五条第(一)项
materials:
  - form: 原件
    name: 申请书 (新办)
    required: true
venue: {phone: 05372967000, address: 某地, hours: 工作日, complaint_phone: 12345}
colour: red
"""

CANONICAL = """\
# yaml-language-server: $schema=../../schemas/item.schema.json
# 本地补充说明:此行注释必须保留
code: "000101001000"
name: 食品经营许可（新办）    # 名称旁的注释
type: 行政许可
region: "370811"
basis:
  - 《中华人民共和国食品安全法》第三十五条第（一）项
materials:
  - name: 申请书（新办）
    required: true
    form: 原件
venue: {address: 某地, hours: 工作日, phone: "05372967000", complaint_phone: "12345"}
colour: red
"""


def test_canonical_form_keeps_comments_and_unknown_keys() -> None:
    assert format_text(MESSY, "item") == CANONICAL


def test_formatting_is_idempotent() -> None:
    assert format_text(CANONICAL, "item") == CANONICAL


def test_sample_catalog_is_already_canonical() -> None:
    from tests.conftest import REPO

    assert format_catalog(REPO / "items", write=False).changes == []


def test_fmt_fixes_what_n003_reports(catalog: Path) -> None:
    path = catalog / "370811" / "000101001000.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "name: 食品经营许可\n", "name: 食品经营许可 (新办)\n"
        ),
        encoding="utf-8",
    )
    assert [d.rule for d in validate(catalog, Config(select=["N003"])).diagnostics] == ["N003"]
    result = format_catalog(catalog)
    assert [c.path for c in result.changes] == [path]
    assert validate(catalog, Config(select=["N003"])).diagnostics == ()


def test_fmt_removes_invisible_characters(catalog: Path) -> None:
    path = catalog / "370811" / "000101001000.yaml"
    original = path.read_text(encoding="utf-8")
    path.write_text(
        original.replace("name: 食品经营许可\n", "name: 食品经营\u200b许可\n").replace(
            "  - name: 食品经营许可申请书\n", '  - name: "食品经营许可申请书\\x07"\n'
        ),
        encoding="utf-8",
    )
    assert [d.rule for d in validate(catalog, Config(select=["N003"])).diagnostics] == [
        "N003",
        "N003",
    ]
    result = format_catalog(catalog)
    assert [c.path for c in result.changes] == [path]
    assert path.read_text(encoding="utf-8") == original.replace(
        "  - name: 食品经营许可申请书\n", '  - name: "食品经营许可申请书"\n'
    )
    assert validate(catalog, Config(select=["N003", "F001"])).diagnostics == ()


def test_check_and_diff_write_nothing(run_cli: Run, catalog: Path) -> None:
    path = catalog / "370811" / "000101001000.yaml"
    original = path.read_text(encoding="utf-8").replace('region: "370811"', "region: 370811")
    path.write_text(original, encoding="utf-8")
    check = run_cli("fmt", str(catalog), "--check", "--lang", "en")
    assert (
        check.code == 1
        and "would reformat" in check.out
        and "370811/000101001000.yaml" in check.out
    )
    diff = run_cli("fmt", str(catalog), "--diff")
    assert diff.code == 0
    assert '-region: 370811\n+region: "370811"\n' in diff.out
    assert path.read_text(encoding="utf-8") == original
    done = run_cli("fmt", str(catalog))
    assert done.code == 0
    assert 'region: "370811"' in path.read_text(encoding="utf-8")
    assert run_cli("fmt", str(catalog), "--check").code == 0


def test_broken_files_are_reported_and_left_alone(run_cli: Run, catalog: Path) -> None:
    path = catalog / "370811" / "000101001000.yaml"
    broken = path.read_text(encoding="utf-8") + "name: 重复\n"
    path.write_text(broken, encoding="utf-8")
    result = run_cli("fmt", str(catalog))
    assert result.code == 2
    assert "Y002" in result.err and "Traceback" not in result.err
    assert path.read_text(encoding="utf-8") == broken


def test_gb18030_files_are_rewritten_as_utf8(catalog: Path) -> None:
    path = catalog / "370811" / "000101001000.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("gb18030"))
    result = format_catalog(catalog)
    assert [(c.path, c.reencoded) for c in result.changes] == [(path, True)]
    assert path.read_text(encoding="utf-8") == text


def test_fmt_waits_for_no_other_writer(run_cli: Run, catalog: Path) -> None:
    """While another command holds the catalog's lock, fmt stops and names it; --check,
    which writes nothing, still runs."""
    path = catalog / "370811" / "000101001000.yaml"
    original = path.read_text(encoding="utf-8").replace('region: "370811"', "region: 370811")
    path.write_text(original, encoding="utf-8")
    with catalog_lock(catalog, "catalog import", wait=0):
        held = run_cli("fmt", str(catalog), "--lang", "en")
        assert held.code == 2
        assert "catalog import" in held.err and "Traceback" not in held.err
        assert path.read_text(encoding="utf-8") == original
        assert run_cli("fmt", str(catalog), "--check").code == 1
    assert run_cli("fmt", str(catalog)).code == 0
    assert not (catalog / ".catalog.lock").exists()
