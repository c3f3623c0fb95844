"""The frame every page of the site shares: head, header with navigation, footer.

Every link is relative (``prefix`` climbs back to the site root), so the site works from
``file://`` and from any folder of any web server. Nothing is loaded from elsewhere: the
stylesheet and scripts are the site's own files, and ``<link rel=icon href="data:,">``
stops browsers from asking a server for a favicon.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from catalog_tool.publish import labels as lb
from catalog_tool.publish.html import Markup, el, escape, href, join
from catalog_tool.text import Lang

STYLESHEET = "assets/site.css"
SEARCH_SCRIPT = "assets/search.js"
SEARCH_INDEX = "search-index.js"
DASHBOARD = "stats.html"


def asset(name: str) -> bytes:
    """A file of the package's ``assets`` folder (our stylesheet and script)."""
    return resources.files("catalog_tool.publish").joinpath("assets", name).read_bytes()


@dataclass(frozen=True, slots=True)
class Chrome:
    """What the frame needs: the language and the site's name."""

    lang: Lang
    site_name: str

    def html_lang(self) -> str:
        """The ``lang`` attribute of the pages."""
        return "zh-CN" if self.lang is Lang.ZH else "en"


def prefix(depth: int) -> str:
    """The relative path from a page ``depth`` folders deep back to the site root."""
    return "../" * depth


def link(depth: int, path: str) -> str:
    """A relative, percent-encoded link from a page ``depth`` deep to site path ``path``."""
    return href(prefix(depth) + path)


@lru_cache(maxsize=64)
def _frame(chrome: Chrome, depth: int) -> tuple[Markup, Markup, Markup]:
    """The parts of a page that depend only on the site and the page's depth (cached:
    every item page shares them)."""
    lang = chrome.lang
    nav = el(
        "nav",
        el("a", lb.HOME.get(lang), href=link(depth, "index.html")),
        el("a", lb.BY_REGION.get(lang), href=link(depth, "index.html") + "#regions"),
        el("a", lb.BY_DEPARTMENT.get(lang), href=link(depth, "departments/index.html")),
        el("a", lb.BY_TYPE.get(lang), href=link(depth, "types/index.html")),
        el("a", lb.DASHBOARD.get(lang), href=link(depth, DASHBOARD)),
        class_="site-nav",
        aria_label="site",
    )
    header = el(
        "header",
        el("a", chrome.site_name, href=link(depth, "index.html"), class_="brand"),
        nav,
        class_="site-header",
    )
    footer = el("footer", lb.GENERATED_BY.get(lang), class_="site-footer")
    head = join(
        [
            el("meta", name="viewport", content="width=device-width, initial-scale=1"),
            el("link", rel="icon", href="data:,"),
            el("link", rel="stylesheet", href=link(depth, STYLESHEET)),
        ]
    )
    return head, header, footer


def page(
    chrome: Chrome,
    *,
    title: str,
    depth: int,
    body: Markup,
    scripts: Sequence[str] = (),
    page_class: str | None = None,
) -> bytes:
    """A whole page as UTF-8 bytes. ``scripts`` are site paths, loaded at the end of body."""
    head, header, footer = _frame(chrome, depth)
    full_title = title if title == chrome.site_name else f"{title} · {chrome.site_name}"
    tail = join(el("script", src=link(depth, s)) for s in scripts)
    body_class = f' class="{escape(page_class)}"' if page_class else ""
    document = (
        "<!DOCTYPE html>\n"
        f'<html lang="{chrome.html_lang()}">\n'
        f'<head><meta charset="utf-8">{el("title", full_title)}{head}</head>\n'
        f"<body{body_class}>\n"
        f"{header}\n<main>\n{body}\n</main>\n{footer}\n{tail}</body>\n</html>\n"
    )
    return document.encode("utf-8")
