"""Every rewrite of a YAML file keeps its line breaks: a file edited on Windows (CRLF)
comes back CRLF, with its own indentation and its comments where they were, exactly as
the same file with LF breaks would."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from catalog_tool.formatting.run import format_text
from catalog_tool.io import roundtrip
from catalog_tool.merge.apply import plain, rewrite
from catalog_tool.sheets.item_yaml import update_text
from tests.conftest import Result

SAMPLE = Path(__file__).resolve().parents[2] / "items"

# Four-space indentation, a comment inside a list, a value fmt rewrites (the half-width
# parentheses), and one the rewrites below change.
LF = """\
# 任城区的实施清单事项
code: "000101001000"
name: 食品经营许可(新办)
type: 行政许可
region: "370811"
basis:
    # 设定依据
    - 《中华人民共和国食品安全法》第三十五条第一款
time_limit:
    legal_days: 20
    promised_days: 10
"""


def _fmt(text: str) -> str:
    return format_text(text, "item")


def _update(text: str) -> str:
    return update_text(text, {"time_limit": {"legal_days": 20, "promised_days": 5}})


def _merge(text: str) -> str:
    document, _ = roundtrip.load(text)
    merged = plain(document)
    merged["time_limit"]["promised_days"] = 5
    return rewrite(text, merged)


@pytest.mark.parametrize("change", [_fmt, _update, _merge], ids=["fmt", "import", "merge"])
def test_a_crlf_file_is_rewritten_as_its_lf_twin_with_crlf_breaks(
    change: Callable[[str], str],
) -> None:
    crlf = LF.replace("\n", "\r\n")
    expected = change(LF)
    assert expected != LF  # the change did something
    assert "    # 设定依据\n    - 《" in expected  # indentation and comment kept
    assert change(crlf) == expected.replace("\n", "\r\n")


def test_fmt_check_passes_a_canonical_catalog_saved_with_crlf(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    catalog = shutil.copytree(SAMPLE, tmp_path / "items", ignore=shutil.ignore_patterns(".*"))
    for path in catalog.glob("[0-9]*/*.yaml"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    result = run_cli("fmt", str(catalog), "--check")
    assert result.code == 0, result.out + result.err
