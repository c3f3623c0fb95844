"""The guide site in a real browser: headless Chromium driven by Playwright.

The system Chromium is used (Debian's ``chromium``; ``.ci/run`` installs it with
``fonts-noto-cjk`` and ``poppler-utils``); a browser is never downloaded. Where Chromium
is missing, these tests skip and say so. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from catalog_tool.errors import CatalogError
from catalog_tool.publish import GuideFormat, build_site, export_guide
from catalog_tool.publish.pdf import FLAGS as CHROMIUM_FLAGS
from catalog_tool.publish.pdf import find_chromium
from tests.conftest import REPO
from tests.publish.catalog import (
    DRUG,
    FOOD,
    FOOD_MATERIALS,
    PENALTY,
    add_item,
    items,
    make_catalog,
)

pytestmark = pytest.mark.browser

ARTIFACTS = Path(os.environ.get("CATALOG_ARTIFACTS") or REPO / "test-artifacts")
"""Screenshots land here (``test-artifacts/`` is git-ignored; CI may point it elsewhere)."""
ESCAPED = "<script>window.pwned=1</script>药品经营许可"
FLAGS = [flag for flag in CHROMIUM_FLAGS if flag != "--no-pdf-header-footer"]
"""The PDF export's Chromium flags (headless, no network stalls); Playwright's launch hangs
with the print-only ``--no-pdf-header-footer``, so that one is left out."""
MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]")


def chromium_path() -> str:
    """The system Chromium, or skip the test with the reason (also without CJK fonts)."""
    fc_list = shutil.which("fc-list")
    fonts = (
        subprocess.run([fc_list, ":lang=zh"], capture_output=True, check=False) if fc_list else None
    )
    if fonts is not None and not fonts.stdout.strip():
        pytest.skip("no Chinese font is installed (Debian: apt-get install fonts-noto-cjk)")
    try:
        return find_chromium()  # the lookup the PDF export uses: CATALOG_CHROMIUM, then PATH
    except CatalogError:
        pass
    pytest.skip(
        "Chromium is not installed (Debian: apt-get install chromium fonts-noto-cjk; "
        ".ci/run installs it), so the browser tests cannot run"
    )


def pdf_text(path: Path) -> str:
    """The text of a PDF, by poppler's pdftotext (or skip when it is missing)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed (Debian: apt-get install poppler-utils)")
    done = subprocess.run([tool, "-layout", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def page_sizes(pdf: bytes) -> list[tuple[int, int]]:
    """(width, height) in points of every page box of a PDF."""
    return [
        (round(float(x1) - float(x0)), round(float(y1) - float(y0)))
        for x0, y0, x1, y1 in MEDIA_BOX.findall(pdf)
    ]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small catalog's site, with one more item whose name holds a script tag."""
    base = tmp_path_factory.mktemp("browser")
    root = make_catalog(base / "catalog")
    add_item(root, items()["370811/000101001000.yaml"], "000101003000", ESCAPED)
    out = base / "site"
    build_site(root, out)
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A headless system Chromium with a fresh profile."""
    executable = chromium_path()
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")),
            executable_path=executable,
            headless=True,
            args=FLAGS,
            viewport={"width": 1100, "height": 900},
        )
        yield context
        context.close()


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A new tab, and the console errors, page errors and failed requests it records."""
    tab = browser.new_page()
    problems: list[str] = []
    tab.on(
        "console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None
    )
    tab.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    tab.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    yield tab, problems
    tab.close()


def results(tab: Any) -> list[tuple[str, str]]:
    """(name, details) of the search results shown."""
    links = tab.locator("#search-results li")
    return [
        (links.nth(i).locator("a").inner_text(), links.nth(i).locator(".meta").inner_text())
        for i in range(links.count())
    ]


def search(tab: Any, query: str) -> str:
    """Type ``query`` into the search box; the status line once results are shown."""
    tab.fill("#q", query)
    tab.wait_for_function("q => document.getElementById('search').dataset.query === q", arg=query)
    status: str = tab.inner_text("#search-status")
    return status


def test_search_as_you_type_then_open_an_item(site: Path, page: tuple[Any, list[str]]) -> None:
    tab, problems = page
    tab.goto((site / "index.html").as_uri())
    assert search(tab, "食品经营") == "找到 3 项"
    assert results(tab) == [
        (FOOD, "000101001000 · 任城区 · 济宁市任城区行政审批服务局 · 行政许可"),
        (FOOD, "000101001000 · 微山县 · 微山县行政审批服务局 · 行政许可"),
        (PENALTY, "000201001000 · 任城区 · 济宁市任城区市场监督管理局 · 行政处罚"),
    ]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / "guide-index.png"), full_page=True)
    tab.locator("#search-results li").first.locator("a").click()
    tab.wait_for_url("**/items/370811/000101001000.html")
    assert tab.inner_text("h1") == FOOD
    rows = tab.locator("table.materials tbody tr")
    assert rows.count() == 4
    assert [rows.nth(i).locator(".material-name").inner_text() for i in range(4)] == FOOD_MATERIALS
    assert rows.nth(3).locator("td").nth(3).inner_text() == "2"
    assert tab.locator("table.materials a.file").all_inner_texts() == ["空白表格", "示例样表"]
    tab.screenshot(path=str(ARTIFACTS / "guide-item.png"), full_page=True)
    assert problems == []


def test_search_by_code_and_by_department(site: Path, page: tuple[Any, list[str]]) -> None:
    tab, problems = page
    tab.goto((site / "index.html").as_uri())
    assert search(tab, "000201001000") == "找到 1 项"
    assert [name for name, _ in results(tab)] == [PENALTY]
    assert search(tab, "微山县行政审批服务局") == "找到 2 项"
    assert [name for name, _ in results(tab)] == [FOOD, DRUG]
    assert search(tab, "没有这个事项") == "没有找到匹配的事项"
    assert results(tab) == []
    assert problems == []


def test_a_script_in_a_name_shows_as_text(site: Path, page: tuple[Any, list[str]]) -> None:
    tab, problems = page
    tab.goto((site / "index.html").as_uri())
    assert search(tab, "pwned") == "找到 1 项"
    assert results(tab)[0][0] == ESCAPED
    tab.locator("#search-results a").first.click()
    tab.wait_for_url("**/items/370811/000101003000.html")
    assert tab.inner_text("h1") == ESCAPED
    assert tab.evaluate("typeof window.pwned") == "undefined"
    assert problems == []


def test_the_site_works_from_a_static_web_server(site: Path, page: tuple[Any, list[str]]) -> None:
    tab, problems = page

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    handler: Callable[..., Quiet] = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        tab.goto(base + "index.html")
        assert search(tab, "药品") == "找到 2 项"
        tab.click("text=统计看板")
        tab.wait_for_url("**/stats.html")
        assert tab.locator("svg.chart").count() == 3
        tab.goto(base + "items/370811/000101001000.html")
        assert tab.locator("figure.qr img").evaluate("img => img.naturalWidth > 0")
    finally:
        server.shutdown()
        server.server_close()
    assert problems == []


def test_dashboard_opens_from_file_without_errors(site: Path, page: tuple[Any, list[str]]) -> None:
    tab, problems = page
    tab.goto((site / "index.html").as_uri())
    tab.click("text=统计看板")
    tab.wait_for_url("**/stats.html")
    labels = tab.locator("svg.chart").evaluate_all("svgs => svgs.map(s => s.ariaLabel)")
    assert labels == [
        "各类型事项数",
        "各层级网上可办率与目标",
        "各区划合规率（无错误的事项文件占比）",
    ]
    tab.click("text=返回办事指南")
    tab.wait_for_url("**/index.html")
    assert problems == []


def test_without_chromium_the_tests_skip_and_say_why(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no chromium, and no fc-list either
    monkeypatch.delenv("CATALOG_CHROMIUM", raising=False)
    with pytest.raises(pytest.skip.Exception) as skipped:
        chromium_path()
    assert str(skipped.value) == (
        "Chromium is not installed (Debian: apt-get install chromium fonts-noto-cjk; "
        ".ci/run installs it), so the browser tests cannot run"
    )


def test_print_stylesheet_gives_clean_a4_pages(
    site: Path, page: tuple[Any, list[str]], tmp_path: Path
) -> None:
    tab, problems = page
    tab.goto((site / "items/370811/000101001000.html").as_uri())
    tab.emulate_media(media="print")
    assert not tab.locator("header.site-header").is_visible()
    assert not tab.locator("nav.trail").is_visible()
    pdf = tmp_path / "item.pdf"
    tab.pdf(path=str(pdf), prefer_css_page_size=True)
    sizes = page_sizes(pdf.read_bytes())
    assert sizes and set(sizes) == {(595, 842)}
    text = pdf_text(pdf)
    assert FOOD in text and "申请材料" in text and "不计入法定时限" in text
    assert problems == []


def test_pdf_export_prints_a4_pages_with_chinese_text(tmp_path: Path) -> None:
    chromium_path()
    root = make_catalog(tmp_path / "catalog")
    result = export_guide(root, tmp_path / "pdf", GuideFormat.PDF)
    assert result.documents == ("370811-任城区.pdf", "370826-微山县.pdf")
    pdf = tmp_path / "pdf" / "370811-任城区.pdf"
    sizes = page_sizes(pdf.read_bytes())
    assert len(sizes) >= 3 and set(sizes) == {(595, 842)}  # a cover, then each item
    text = pdf_text(pdf)
    assert FOOD_MATERIALS[2] in text and "不计入法定时限 · 3 个工作日" in text
    # The cover, then each item from the top of a new page (pdftotext ends pages with \f).
    firsts = [
        next((ln.strip() for ln in p.splitlines() if ln.strip()), "") for p in text.split("\f")
    ]
    assert firsts[0] == "任城区政务服务事项办事指南"
    assert [f for f in firsts if f in (FOOD, PENALTY)] == [FOOD, PENALTY]
