"""``catalog fmt`` does not parse again what it found canonical, and is never fooled."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from catalog_tool.engine.cache import CACHE_DIR, read_signed, write_signed
from catalog_tool.formatting import run
from catalog_tool.formatting.known import FILE, digest
from catalog_tool.formatting.run import format_catalog
from tests.conftest import Result

Run = Callable[..., Result]


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    original = run._format_file

    def counting(root: Path, path: Path, kind: str) -> run._Formatted:
        parsed.append(path.name)
        return original(root, path, kind)

    monkeypatch.setattr(run, "_format_file", counting)
    return parsed


def _items(catalog: Path) -> list[Path]:
    return sorted(catalog.glob("[0-9]*/*.yaml"))


def test_an_unchanged_canonical_catalog_is_not_parsed_again(
    catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = format_catalog(catalog, write=False)
    parsed = _count_parses(monkeypatch)
    again = format_catalog(catalog, write=False)
    assert again == first
    assert again.checked == len(_items(catalog)) + 1
    assert parsed == ["regions.yaml"]


def test_a_file_changed_since_is_checked_again(
    catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    format_catalog(catalog, write=False)
    path = catalog / "370811" / "000101001000.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('region: "370811"', "region: 370811"),
        encoding="utf-8",
    )
    parsed = _count_parses(monkeypatch)
    result = format_catalog(catalog, write=False)
    assert [c.path for c in result.changes] == [path]
    assert parsed == ["regions.yaml", path.name]


def test_what_fmt_wrote_is_known_canonical(catalog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = catalog / "370811" / "000101001000.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('region: "370811"', "region: 370811"),
        encoding="utf-8",
    )
    assert len(format_catalog(catalog).changes) == 1
    parsed = _count_parses(monkeypatch)
    assert format_catalog(catalog, write=False).changes == []
    assert parsed == ["regions.yaml"]


def test_files_that_need_formatting_or_are_broken_are_never_recorded(catalog: Path) -> None:
    unformatted = catalog / "370811" / "000101001000.yaml"
    unformatted.write_text(
        unformatted.read_text(encoding="utf-8").replace('region: "370811"', "region: 370811"),
        encoding="utf-8",
    )
    broken = _items(catalog)[0]
    broken.write_text(broken.read_text(encoding="utf-8") + "name: 重复\n", encoding="utf-8")
    format_catalog(catalog, write=False)
    _, known = read_signed(catalog / CACHE_DIR / FILE)
    assert digest(unformatted.read_bytes()) not in known
    assert digest(broken.read_bytes()) not in known
    assert len(known) == len(_items(catalog)) - 2
    again = format_catalog(catalog, write=False)
    assert [c.path for c in again.changes] == [unformatted]
    assert [d.rule for d in again.problems] == ["Y002"]


def test_a_record_from_another_version_or_unsigned_is_not_trusted(catalog: Path) -> None:
    path = catalog / "370811" / "000101001000.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('region: "370811"', "region: 370811"),
        encoding="utf-8",
    )
    record = catalog / CACHE_DIR / FILE
    record.parent.mkdir()
    write_signed(record, ("another version's key", frozenset({digest(path.read_bytes())})))
    assert [c.path for c in format_catalog(catalog, write=False).changes] == [path]
    record.write_bytes(b"\0" * 32 + b"not a signed record")
    assert [c.path for c in format_catalog(catalog, write=False).changes] == [path]


def test_a_whole_run_forgets_contents_no_longer_there(catalog: Path) -> None:
    format_catalog(catalog, write=False)
    path = _items(catalog)[0]
    before = digest(path.read_bytes())
    path.write_text(path.read_text(encoding="utf-8") + "# 备注\n", encoding="utf-8")
    format_catalog(catalog, write=False, paths=[path])
    _, known = read_signed(catalog / CACHE_DIR / FILE)
    assert {before, digest(path.read_bytes())} <= known  # a partial run adds
    format_catalog(catalog, write=False)
    _, known = read_signed(catalog / CACHE_DIR / FILE)
    assert before not in known and digest(path.read_bytes()) in known


def test_no_cache_neither_reads_nor_writes_the_record(
    run_cli: Run, catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_cli("fmt", str(catalog), "--check", "--no-cache").code == 0
    assert not (catalog / CACHE_DIR / FILE).exists()
    assert run_cli("fmt", str(catalog), "--check").code == 0
    assert (catalog / CACHE_DIR / FILE).is_file()
    parsed = _count_parses(monkeypatch)
    assert run_cli("fmt", str(catalog), "--check", "--no-cache").code == 0
    assert len(parsed) == len(_items(catalog)) + 1


def test_cache_false_in_the_config_turns_the_record_off(run_cli: Run, catalog: Path) -> None:
    (catalog / "catalog.toml").write_text("cache = false\n", encoding="utf-8")
    assert run_cli("fmt", str(catalog), "--check").code == 0
    assert not (catalog / CACHE_DIR / FILE).exists()
