"""Formula and HTML injection, across every exporter, through the real command line.

A catalog whose names, materials, phone numbers and region names hold spreadsheet formulas
(``=HYPERLINK(…)``, ``+1+1``, ``-2``, ``@SUM(A1)``, full-width ``＝1+1``) and HTML
(``<script>``, ``<img onerror>``) goes through every writer. Spreadsheets must hold each
value as text (never a formula cell), exactly as written; HTML and Markdown must show the
escaped text and never the raw markup.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from catalog_tool.catalog.read import parse_item
from tests.sheets.books import SAMPLE

CATALOG = [sys.executable, "-m", "catalog_tool"]
LINK = '=HYPERLINK("http://x","y")'
SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"
FORMULAS = (LINK, "+1+1", "-2", "@SUM(A1)", "＝1+1", "@1+1")
HOSTILE = (*FORMULAS, SCRIPT, IMAGE)
FOOD = "370811/000101001000.yaml"
PUBLIC = "370811/000101002000.yaml"

# file pattern → (text in the sample, replacement), each a YAML double-quoted string (JSON
# is YAML). Names and materials change in every region's copy of an item, so the catalog
# stays consistent with its upstream items (rule F001) and every item is published.
EDITS: dict[str, list[tuple[str, str]]] = {
    "*/000101001000.yaml": [
        ("name: 食品经营许可\n", f"name: {json.dumps(LINK)}\n"),
        ("  - name: 与食品经营相适应的主要设备设施布局图、操作流程等文件\n", '  - name: "+1+1"\n'),
        ("  - name: 食品安全管理制度文本\n", f"  - name: {json.dumps(IMAGE)}\n"),
    ],
    "*/000101002000.yaml": [("name: 公共场所卫生许可\n", f"name: {json.dumps(SCRIPT)}\n")],
    FOOD: [
        ("  phone: 0537-2216800\n", '  phone: "-2"\n'),
        ("  address: 济宁市任城区为民服务中心（政务服务大厅）\n", '  address: "@SUM(A1)"\n'),
        ("result: {name: 食品经营许可证,", 'result: {name: "＝1+1",'),
        ("  hours: 周一至周五 上午9:00-12:00，下午13:30-17:30\n", '  hours: "@1+1"\n'),
    ],
    "regions.yaml": [
        ("name: 任城区", f"name: {json.dumps(LINK)}"),
        ("name: 微山县", f"name: {json.dumps(SCRIPT)}"),
    ],
}


def _run(*args: str, cwd: Path, ok: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [*CATALOG, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "CATALOG_LANG": "zh"},
    )
    assert done.returncode in ok, f"catalog {' '.join(args)}: {done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr
    return done


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``old`` (the sample), ``new`` (the sample with hostile values) and every output."""
    work = tmp_path_factory.mktemp("injection")
    ignore = shutil.ignore_patterns(".catalog_cache")
    shutil.copytree(SAMPLE, work / "old", ignore=ignore)
    shutil.copytree(SAMPLE, work / "new", ignore=ignore)
    for pattern, edits in EDITS.items():
        paths = sorted((work / "new").glob(pattern))
        assert paths, pattern
        for path in paths:
            text = path.read_text(encoding="utf-8")
            for before, after in edits:
                if pattern == FOOD or before.startswith("name:"):
                    assert before in text, (path, before)
                text = text.replace(before, after, 1)
            path.write_text(text, encoding="utf-8")
    # The hostile names differ from the national item's, so F001/F006 would hold the
    # items back from the guide; the guide's escaping is what this test is about.
    with (work / "new" / "catalog.toml").open("a", encoding="utf-8") as config:
        config.write('\n[severity]\nF001 = "warning"\nF006 = "warning"\n')
    (work / "empty").mkdir()
    shutil.copy(work / "new" / "regions.yaml", work / "empty" / "regions.yaml")
    _run("export", "xlsx", "--catalog", "new", "-o", "list.xlsx", cwd=work)
    _run("export", "template", "--catalog", "new", "--region", "370811", "-o", "t.xlsx", cwd=work)
    _run("diff", "old", "new", "-f", "xlsx", "-o", "diff.xlsx", cwd=work)
    _run("stats", "new", "-f", "xlsx", "-o", "stats.xlsx", cwd=work)
    _run("stats", "new", "-f", "html", "-o", "stats.html", cwd=work)
    _run(
        "import", "list.xlsx", "--region", "000000", "--catalog", "empty",
        "--annotate", "annotated.xlsx", cwd=work, ok=(0, 1),
    )  # fmt: skip
    for fmt, folder in (("html", "site"), ("md", "md")):
        done = _run("export", "guide", "new", "-f", fmt, "-o", folder, cwd=work)
        assert "未发布" not in done.stdout + done.stderr, done.stderr  # every item published
    return work


# workbook → the hostile values it must show as text
EXPECTED = {
    "list.xlsx": HOSTILE,
    "annotated.xlsx": HOSTILE,
    "diff.xlsx": HOSTILE,
    "stats.xlsx": (LINK, SCRIPT),
    "t.xlsx": (LINK, SCRIPT),  # the upstream items it lists
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_workbook_cell_is_a_formula_and_every_value_is_kept(work: Path, name: str) -> None:
    book = load_workbook(work / name)
    formulas, shown = [], {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formulas.append(f"{sheet.title}!{cell.coordinate}")
                if isinstance(cell.value, str) and cell.value in HOSTILE:
                    assert cell.data_type == "s", (sheet.title, cell.coordinate)
                    shown.setdefault(cell.value, cell.quotePrefix)
    assert formulas == []
    assert sorted(shown) == sorted(EXPECTED[name])
    # Formula-like text carries the quote prefix, so editing the cell keeps it text.
    assert {value: prefix for value, prefix in shown.items() if value in FORMULAS} == {
        value: True for value in EXPECTED[name] if value in FORMULAS
    }


def test_the_import_keeps_hostile_text_exactly(work: Path) -> None:
    for rel, field, expected in ((FOOD, "name", LINK), (PUBLIC, "name", SCRIPT)):
        parsed = parse_item((work / "empty" / rel).read_bytes(), rel.split("/")[0])
        assert parsed.item is not None, parsed.findings
        assert getattr(parsed.item, field) == expected
    food = parse_item((work / "empty" / FOOD).read_bytes(), "370811").item
    assert food is not None
    assert [m.name for m in food.materials][1:3] == ["+1+1", IMAGE]
    assert (food.venue.phone, food.venue.address) == ("-2", "@SUM(A1)")


def _documents(work: Path) -> list[Path]:
    found = [work / "stats.html"]
    for folder in ("site", "md"):
        found += [p for p in sorted((work / folder).rglob("*")) if p.suffix in (".html", ".md")]
    return found


def test_html_and_markdown_never_carry_raw_markup(work: Path) -> None:
    documents = _documents(work)
    assert len(documents) > 40
    for path in documents:
        text = path.read_text(encoding="utf-8")
        for raw in (SCRIPT, IMAGE, "<script>alert", "<img src=x"):
            assert raw not in text, f"{path.relative_to(work)} holds {raw!r} unescaped"
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    pages = {
        "stats.html": escaped,
        "site/items/370811/000101002000.html": escaped,
        "site/items/370811/000101001000.html": "&lt;img src=x onerror=alert(1)&gt;",
        "md/370811/000101002000.md": f"# {escaped}",
        "md/370811/000101001000.md": "&lt;img src=x onerror=alert(1)&gt;",
    }
    for rel, text in pages.items():
        assert text in (work / rel).read_text(encoding="utf-8"), rel


def test_the_search_index_is_data_and_the_page_shows_it_as_text(work: Path) -> None:
    """The site's search index holds the names as JSON strings inside a script file (no
    HTML context); the search page puts them into the page as text, never as markup."""
    index = (work / "site" / "search-index.js").read_text(encoding="utf-8")
    data = json.loads(index[index.index("{") : index.rindex("}") + 1])
    assert ["370826", SCRIPT] in data["regions"]
    script = (work / "site" / "assets" / "search.js").read_text(encoding="utf-8")
    assert "textContent" in script
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"):
        assert sink not in script
