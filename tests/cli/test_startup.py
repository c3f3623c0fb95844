"""``catalog validate`` runs on every commit: starting the CLI must not import what only
other commands need (workbooks, Word, QR codes, the guide site, diff, merge)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[2] / "items"

NOT_AT_STARTUP = [
    "openpyxl",
    "docx",
    "segno",
    "lxml",
    "catalog_tool.sheets",
    "catalog_tool.publish.site",
    "catalog_tool.publish.docx",
    "catalog_tool.stats.render_html",
    "catalog_tool.diff",
    "catalog_tool.merge",
    "catalog_tool.doctor",
]


@pytest.fixture(scope="module")
def loaded() -> set[str]:
    """The modules imported by building the whole ``catalog`` command tree."""
    code = (
        "import json, sys\n"
        "from catalog_tool.cli.app import app\n"
        "import typer.main\n"
        "typer.main.get_command(app)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout))


@pytest.mark.parametrize("module", NOT_AT_STARTUP)
def test_starting_the_cli_does_not_import(module: str, loaded: set[str]) -> None:
    assert module not in loaded, f"{module} is imported at startup; import it in the command"


def test_the_check_sees_what_a_command_imports() -> None:
    """The same probe does see a module once a command needs it (the test can fail)."""
    code = (
        "import json, sys\n"
        "from catalog_tool.cli.app import main\n"
        "main(['export', 'template', '-o', sys.argv[1]])\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "/dev/null/not-a-folder/t.xlsx"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "openpyxl" in json.loads(done.stdout.splitlines()[-1])


NOT_ON_A_CACHE_HIT = [
    "catalog_tool.model.item",
    "catalog_tool.engine.filecheck",
    "catalog_tool.engine.pool",
    "catalog_tool.catalog.regions_file",
    "catalog_tool.io.compose",
    "catalog_tool.render.text",
    "ruamel.yaml",
    "ryml",
    "rich.console",
    "rapidfuzz",
]


def test_a_validate_answered_from_the_cache_loads_no_checker(tmp_path: Path) -> None:
    """A warm run (nothing changed) reads the stored report: it must not pay for the item
    model, the YAML readers or the text reporter (rich) while writing JSON."""
    catalog = tmp_path / "items"
    shutil.copytree(SAMPLE, catalog)
    argv = ["validate", str(catalog), "-f", "json", "-o", os.devnull]
    first = _modules_after(argv)
    assert "catalog_tool.engine.filecheck" in first  # the first run checks every file
    second = _modules_after(argv)
    assert [m for m in NOT_ON_A_CACHE_HIT if m in second] == []


def _modules_after(argv: list[str]) -> set[str]:
    code = (
        "import json, sys\n"
        "from catalog_tool.cli.app import main\n"
        "try:\n"
        "    main(json.loads(sys.argv[1]))\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, json.dumps(argv)], capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stdout.splitlines()[-1]))
