"""Property: import(export(x)) == x, for generated items and a generated catalog.

For each generated implementation item (the sample 食品经营许可 with generated names,
materials, conditions, phones, addresses, time limits and flags; text that looks like a
formula included), and for a 300-item catalog from ``benchmarks/generate.py``:

* importing the export into an empty catalog gives equal items (as models);
* importing the same workbook again changes no byte (idempotent);
* exporting the imported catalog gives the same workbook, byte for byte.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from catalog_tool.catalog.read import parse_item
from catalog_tool.io.roundtrip import load
from catalog_tool.model.enums import Handling
from catalog_tool.sheets.export import export_xlsx
from catalog_tool.sheets.importing import import_file
from catalog_tool.sheets.item_yaml import emit_item, plain
from catalog_tool.sheets.plan import Outcome
from tests.sheets.books import REPO, SAMPLE, empty_catalog, item_files

FOOD = SAMPLE / "370811" / "000101001000.yaml"
EXAMPLES = int(os.environ.get("CATALOG_PROPERTY_EXAMPLES", "30"))

# Text as departments and catalogs write it: CJK, ASCII, full-width punctuation, digits,
# and text that a spreadsheet program could take for a formula. No leading or trailing
# space and no line break (cells are trimmed, and list cells are split at line breaks;
# conditions of several lines are drawn below).
_CHARS = st.sampled_from(
    list(
        "食品经营许可申请书证明材料法人身份证营业执照（）《》〔〕、，；：ABCxyz0123456789-=+@＝ /."
    )
)
TEXT = st.one_of(
    st.text(_CHARS, min_size=1, max_size=24),
    st.tuples(st.sampled_from(["=", "+", "-", "@", "＝", "＋"]), st.text(_CHARS, max_size=12)).map(
        "".join
    ),
).filter(lambda s: s == s.strip() and s != "")
PHONE = st.text(st.sampled_from(list("0123456789-+ ")), min_size=1, max_size=14).filter(
    lambda s: s == s.strip()
)


def _sample() -> dict[str, Any]:
    data = plain(load(FOOD.read_text(encoding="utf-8"))[0])
    assert isinstance(data, dict)
    return data


@st.composite
def items(draw: st.DrawFn) -> dict[str, Any]:
    data = _sample()
    data["name"] = draw(TEXT)
    # A condition may run over several lines (the cell then parts entries by blank lines).
    condition = st.one_of(TEXT, st.lists(TEXT, min_size=2, max_size=3).map("\n".join))
    data["conditions"] = draw(st.lists(condition, max_size=4, unique=True))
    materials = draw(st.lists(TEXT, min_size=1, max_size=4, unique=True))
    template = data["materials"][3]  # the one without forms or samples
    data["materials"] = [
        {
            **template,
            "name": name,
            "required": draw(st.booleans()),
            "copies": draw(st.integers(1, 9)),
            "notes": draw(TEXT),
        }
        for name in materials
    ]
    legal = draw(st.integers(1, 60))
    data["time_limit"] = {
        "legal_days": legal,
        "promised_days": draw(st.integers(0, legal)),
        "unit": draw(st.sampled_from(["工作日", "自然日"])),
    }
    data["handling"] = Handling.PROMISED.value
    data["visits"] = draw(st.integers(0, 2))
    data["delivery"] = draw(st.booleans())
    data["venue"] = {
        "address": draw(TEXT),
        "hours": draw(TEXT),
        "phone": draw(PHONE),
        "complaint_phone": draw(PHONE),
    }
    return data


def _models(root: Path) -> dict[str, object]:
    found: dict[str, object] = {}
    for path in sorted(root.glob("[0-9]*/*.yaml")):
        parsed = parse_item(path.read_bytes(), path.parent.name)
        assert parsed.item is not None, (path, parsed.findings)
        found[path.relative_to(root).as_posix()] = parsed.item
    return found


def _round_trip(source: Path, work: Path) -> None:
    first, second = work / "first.xlsx", work / "second.xlsx"
    export_xlsx(source, first)
    target = empty_catalog(source, work / "imported")
    result = import_file(first, region="000000", root=target, validate=False)
    assert result.count(Outcome.REJECTED) == 0, result.problems[:3]
    assert _models(target) == _models(source)
    written = item_files(target)
    again = import_file(first, region="000000", root=target, validate=False)
    assert again.written == ()
    assert item_files(target) == written
    export_xlsx(target, second)
    assert second.read_bytes() == first.read_bytes()


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(items())
def test_a_generated_item_survives_export_then_import(data: dict[str, Any]) -> None:
    text = emit_item(data)
    parsed = parse_item(text.encode("utf-8"), "370811")
    assume(parsed.item is not None and not parsed.findings)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        source = empty_catalog(SAMPLE, work / "source")
        (source / "370811").mkdir()
        (source / "370811" / "000101001000.yaml").write_text(text, encoding="utf-8")
        _round_trip(source, work)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 items from the benchmark generator, the invalid ones removed (the export leaves
    them out, so they cannot come back)."""
    root = tmp_path_factory.mktemp("generated") / "catalog"
    subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "generate.py"), "--items", "300", "--out", str(root)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    shutil.rmtree(root / ".catalog_cache", ignore_errors=True)
    for path in sorted(root.glob("[0-9]*/*.yaml")):
        if parse_item(path.read_bytes(), path.parent.name).item is None:
            path.unlink()
    return root


def test_a_generated_catalog_survives_export_then_import(generated: Path, tmp_path: Path) -> None:
    assert len(item_files(generated)) > 250
    _round_trip(generated, tmp_path)


def test_phone_numbers_keep_their_spaces_and_letters() -> None:
    """Found by the property above: phone columns were read like codes (spaces dropped,
    letters upper-cased), so "9 29502708" came back as "929502708"."""
    from catalog_tool.sheets.columns import ITEM_SHEET
    from catalog_tool.sheets.values import from_cell

    phone = ITEM_SHEET.column("venue.phone")
    assert phone is not None
    assert from_cell(" 0537 2216800 ext 8 ", phone) == ("0537 2216800 ext 8", None)
    assert from_cell(12345, phone) == ("12345", None)
    code = ITEM_SHEET.column("agency.credit_code")
    assert code is not None
    assert from_cell("11370811 mb2822838h", code) == ("11370811MB2822838H", None)
