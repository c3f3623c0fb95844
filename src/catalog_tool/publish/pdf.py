"""``catalog export guide --format pdf``: the guides printed by headless Chromium.

One PDF per region: a cover and every item's guide — the same HTML as the site's item
pages (同源发布), printed with the site's print stylesheet (A4, no navigation, a page
break before each item) through ``chromium --headless --print-to-pdf``. Chromium must be
installed (Debian: ``apt-get install chromium fonts-noto-cjk``; the fonts are needed for
Chinese text); ``CATALOG_CHROMIUM`` may name another Chromium or Chrome binary.

Chromium runs with ``--no-sandbox``: it opens only the static pages written here (no
script runs in them), and containers and root shells, where publishing usually runs,
cannot start its sandbox. Network features are switched off, so it never waits for a
connection on a machine without one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from catalog_tool.errors import CatalogError
from catalog_tool.publish import labels as lb
from catalog_tool.publish.chrome import STYLESHEET, asset
from catalog_tool.publish.html import el, join
from catalog_tool.publish.item_page import item_article
from catalog_tool.publish.model import GuideItem
from catalog_tool.publish.qrcode import qr_path, qr_svg
from catalog_tool.text import Lang, Text

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL = Text(
    "安装 Chromium 和中文字体:apt-get install chromium fonts-noto-cjk(Debian/Ubuntu);"
    "或设置环境变量 CATALOG_CHROMIUM 指向 Chromium/Chrome 可执行文件。",
    "Install Chromium and CJK fonts: apt-get install chromium fonts-noto-cjk (Debian/Ubuntu), "
    "or set CATALOG_CHROMIUM to a Chromium or Chrome binary.",
)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
)


def find_chromium() -> str:
    """The Chromium binary: ``CATALOG_CHROMIUM``, else the first of :data:`BROWSERS` on PATH."""
    chosen = os.environ.get("CATALOG_CHROMIUM")
    if chosen:
        if shutil.which(chosen) is None:
            raise CatalogError(
                Text(
                    f"CATALOG_CHROMIUM 指向的 {chosen} 不存在或不可执行",
                    f"CATALOG_CHROMIUM names {chosen}, which is not an executable",
                ),
                INSTALL,
            )
        return chosen
    for name in BROWSERS:
        found = shutil.which(name)
        if found is not None:
            return found
    raise CatalogError(
        Text(
            "生成 PDF 需要 Chromium,但没有找到",
            "making PDFs needs Chromium, which was not found",
        ),
        INSTALL,
    )


def check_cjk_fonts() -> None:
    """Refuse to print Chinese without a Chinese font (the PDF would show empty boxes)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return  # no fontconfig to ask: let Chromium try
    found = subprocess.run(
        [fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False, timeout=60
    )
    if found.returncode == 0 and not found.stdout.strip():
        raise CatalogError(
            Text("没有找到中文字体,PDF 中的汉字将无法显示", "no Chinese font is installed"),
            INSTALL,
        )


def print_document(title: str, subtitle: str, guides: Sequence[GuideItem], lang: Lang) -> bytes:
    """The printable HTML of one region: a cover, then each guide on new pages."""
    cover = el(
        "section",
        el("h1", title),
        el("p", subtitle),
        el("p", lb.ALL_ITEMS.format(lang, n=len(guides))),
        class_="cover",
    )
    articles = join(
        item_article(g, lang, 0, qr_path(g.online_url) if g.online_url else None, files=False)
        for g in guides
    )
    html_lang = "zh-CN" if lang is Lang.ZH else "en"
    document = (
        f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head><meta charset="utf-8">'
        f"{el('title', title)}{el('link', rel='stylesheet', href=STYLESHEET)}</head>\n"
        f'<body class="print">\n<main>\n{cover}\n{articles}\n</main>\n</body>\n</html>\n'
    )
    return document.encode("utf-8")


def print_to_pdf(chromium: str, html: Path, timeout: float) -> bytes:
    """Print ``html`` (a file) with headless Chromium; the PDF's bytes."""
    with tempfile.TemporaryDirectory(prefix="catalog-pdf-") as work:
        target = Path(work) / "out.pdf"
        command = [
            chromium,
            *FLAGS,
            f"--user-data-dir={Path(work) / 'profile'}",
            f"--print-to-pdf={target}",
            html.as_uri(),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            raise CatalogError(
                Text(
                    f"Chromium 打印 {html.name} 超时({timeout:.0f} 秒)",
                    f"Chromium timed out printing {html.name} ({timeout:.0f} s)",
                ),
                Text("用 --region 分区划生成。", "Print one region at a time with --region."),
            ) from None
        if not target.is_file() or not target.read_bytes().startswith(b"%PDF"):
            detail = (done.stderr or "").strip().splitlines()[-3:]
            raise CatalogError(
                Text(
                    f"Chromium 未能生成 PDF(退出码 {done.returncode}):{' '.join(detail)}",
                    f"Chromium made no PDF (exit code {done.returncode}): {' '.join(detail)}",
                ),
                INSTALL,
            )
        return target.read_bytes()


def region_pdf(
    chromium: str, title: str, subtitle: str, guides: Sequence[GuideItem], lang: Lang
) -> bytes:
    """The PDF of one region's ``guides``."""
    with tempfile.TemporaryDirectory(prefix="catalog-print-") as work:
        folder = Path(work)
        stylesheet = folder / STYLESHEET
        stylesheet.parent.mkdir(parents=True)
        stylesheet.write_bytes(asset("site.css"))
        for url in sorted({g.online_url for g in guides if g.online_url}):
            path = folder / qr_path(url)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(qr_svg(url))
        page = folder / "guide.html"
        page.write_bytes(print_document(title, subtitle, guides, lang))
        return print_to_pdf(chromium, page, timeout=120 + len(guides))
