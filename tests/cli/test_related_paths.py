"""A finding's related places are shown from the same folder as the finding itself."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Result

Run = Callable[..., Result]
ITEM = "370811/000101001000.yaml"
UPSTREAM = "370800/000101001000.yaml"


def _rename_county_item(catalog: Path) -> None:
    path = catalog / ITEM
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: 食品经营许可\n", "name: 食品经营许可证核发\n", 1), "utf-8")


def test_json_and_sarif_name_related_files_from_the_working_folder(
    run_cli: Run, catalog: Path, tmp_path: Path
) -> None:
    _rename_county_item(catalog)
    sarif = tmp_path / "r.sarif"
    result = run_cli(
        "validate", "catalog", "-f", "json", "-f", "sarif", "-o", str(sarif), cwd=tmp_path
    )
    (finding,) = [d for d in json.loads(result.out)["diagnostics"] if d["rule"] == "F001"]
    assert finding["file"] == f"catalog/{ITEM}"
    assert [r["file"] for r in finding["related"]] == [f"catalog/{UPSTREAM}"]
    line = finding["related"][0]["line"]
    assert f"(catalog/{UPSTREAM}:{line})" in finding["message"]
    (res,) = json.loads(sarif.read_text("utf-8"))["runs"][0]["results"]
    uris = [loc["physicalLocation"]["artifactLocation"]["uri"] for loc in res["relatedLocations"]]
    assert uris == [f"catalog/{UPSTREAM}"]


def test_a_baseline_keeps_paths_from_the_catalog_root(
    run_cli: Run, catalog: Path, tmp_path: Path
) -> None:
    _rename_county_item(catalog)
    assert run_cli("baseline", "write", "catalog", cwd=tmp_path).code == 0
    (entry,) = json.loads((catalog / "catalog-baseline.json").read_text("utf-8"))["entries"]
    assert entry["file"] == ITEM
    assert f"({UPSTREAM}:" in entry["message"] and "catalog/" not in entry["message"]
    hidden = run_cli(
        "validate", "catalog", "--baseline", "catalog/catalog-baseline.json", cwd=tmp_path
    )
    assert hidden.code == 0, hidden.out
