"""A catalog with planted faults of every rule family, through the real CLI.

Each fault is marked in its file with ``# expect: CODE@COLUMN`` on the line where it must
be reported; the report must hold exactly those findings, no more and no fewer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from tests.rules.harness import expected_marks

FAULTY = REPO / "tests" / "catalogs" / "faulty"


def _report(*args: str) -> dict[str, object]:
    env = {**os.environ, "CATALOG_LANG": "zh"}
    env.pop("GITHUB_ACTIONS", None)
    done = subprocess.run(
        [sys.executable, "-m", "catalog_tool", "validate", str(FAULTY), "--format", "json", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    report: dict[str, object] = json.loads(done.stdout)
    return report


def test_reported_findings_are_exactly_the_planted_ones() -> None:
    report = _report()
    diagnostics = report["diagnostics"]
    assert isinstance(diagnostics, list)
    actual = {
        (
            Path(d["file"]).resolve().relative_to(FAULTY).as_posix(),
            d["line"],
            d["column"],
            d["rule"],
        )
        for d in diagnostics
    }
    assert actual == expected_marks(FAULTY)


def test_every_rule_family_is_planted() -> None:
    families = {code[0] for *_, code in expected_marks(FAULTY)}
    assert families >= set("YSCFMTGONL")


def test_json_findings_are_sorted_and_complete_in_both_languages() -> None:
    english = _report("--lang", "en")
    chinese = _report()
    assert (english["lang"], chinese["lang"]) == ("en", "zh")
    en, zh = english["diagnostics"], chinese["diagnostics"]
    assert isinstance(en, list) and isinstance(zh, list)
    keys = [(d["file"], d["line"], d["column"], d["rule"]) for d in en]
    assert keys == sorted(keys)
    assert keys == [(d["file"], d["line"], d["column"], d["rule"]) for d in zh]
    for e, z in zip(en, zh, strict=True):
        assert e["message"] and e["hint"] and z["message"] and z["hint"]
        assert e["message"] != z["message"]
