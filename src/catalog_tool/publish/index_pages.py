"""The site's index pages: home (search and region tree), regions, departments, types.

Pages list items in a stable order — regions as ``regions.yaml`` lists them, then type in
the order of GB/T 39046 A.1, then code — so that a rebuild writes the same bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from catalog_tool.model.enums import ItemType
from catalog_tool.publish import labels as lb
from catalog_tool.publish.chrome import (
    DASHBOARD,
    SEARCH_INDEX,
    SEARCH_SCRIPT,
    Chrome,
    link,
    page,
)
from catalog_tool.publish.html import Child, Markup, el, join
from catalog_tool.publish.load import Scope
from catalog_tool.publish.model import item_page
from catalog_tool.text import Lang

TYPE_ORDER = {t.value: i for i, t in enumerate(ItemType)}
TYPE_PAGE_LIMIT = 2000
"""A type page lists its items when it has at most this many; above, it lists the regions
with their counts and links to the type's part of each region page (a list of 30,000
行政处罚 would be a page too large to open)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """A published item as the index pages list it."""

    region: str
    code: str
    name: str
    type: str
    agency: str | None

    @property
    def page(self) -> str:
        """The item's page, relative to the site root."""
        return item_page(self.region, self.code)

    @property
    def type_code(self) -> str:
        """The two-digit type code (GB/T 39046 A.1)."""
        return ItemType(self.type).type_code

    def sort_key(self) -> tuple[int, str]:
        """Type order, then code."""
        return (TYPE_ORDER.get(self.type, 99), self.code)


def department_id(name: str) -> str:
    """A stable file name for a department (agency) name."""
    return hashlib.blake2b(name.encode("utf-8"), digest_size=6).hexdigest()


def department_page_path(name: str) -> str:
    """Site path of a department's page."""
    return f"departments/{department_id(name)}.html"


@lru_cache(maxsize=65536)
def _department_link(depth: int, name: str) -> str:
    """The link to a department's page (cached: a region page names a few departments
    on thousands of rows)."""
    return link(depth, department_page_path(name))


def _count(n: int, lang: Lang) -> Markup:
    return el("span", lb.ITEMS_COUNT.format(lang, n=n), class_="count")


def items_table(
    entries: Sequence[Entry],
    depth: int,
    lang: Lang,
    scope: Scope,
    *,
    region: bool = False,
    agency: bool = True,
) -> Markup:
    """A table of items: name (linked), code, and optionally region and department."""
    t = lang
    head = [el("th", lb.NAME.get(t), scope="col"), el("th", lb.CODE.get(t), scope="col")]
    if region:
        head.append(el("th", lb.REGION.get(t), scope="col"))
    if agency:
        head.append(el("th", lb.AGENCY.get(t), scope="col"))
    rows: list[Markup] = []
    for e in entries:
        cells: list[Child] = [
            el("td", el("a", e.name, href=link(depth, e.page))),
            el("td", el("code", e.code)),
        ]
        if region:
            cells.append(el("td", scope.regions.name(e.region)))
        if agency:
            cells.append(
                el(
                    "td",
                    el("a", e.agency, href=_department_link(depth, e.agency)) if e.agency else None,
                )
            )
        rows.append(el("tr", *cells))
    return el("table", el("thead", el("tr", *head)), el("tbody", rows), class_="items")


def region_totals(scope: Scope, own: Mapping[str, int]) -> dict[str, int]:
    """Items of each covered region including every region below it."""
    totals: dict[str, int] = {}
    for code in reversed(scope.order):  # children come after their parent in the order
        totals[code] = own.get(code, 0) + sum(totals.get(c, 0) for c in scope.children(code))
    return totals


def region_tree(scope: Scope, totals: Mapping[str, int], depth: int, lang: Lang) -> Markup:
    """The covered regions as nested lists, following ``regions.yaml``."""

    def branch(code: str) -> Markup:
        children = scope.children(code)
        return el(
            "li",
            el("a", scope.regions.name(code), href=link(depth, f"regions/{code}.html")),
            " ",
            _count(totals.get(code, 0), lang),
            el("ul", [branch(c) for c in children]) if children else None,
        )

    return el("ul", [branch(c) for c in scope.tops], class_="tree")


def home(
    chrome: Chrome,
    scope: Scope,
    totals: Mapping[str, int],
    type_counts: Mapping[str, int],
    total: int,
) -> bytes:
    """The home page: search box, region tree, types, and the links to the rest."""
    t = chrome.lang
    search = el(
        "section",
        el("label", lb.SEARCH.get(t), for_="q", class_="search-label"),
        el(
            "input",
            id="q",
            type="search",
            placeholder=lb.SEARCH_PLACEHOLDER.get(t),
            autocomplete="off",
            spellcheck="false",
        ),
        el("p", id="search-status", aria_live="polite"),
        el("ol", id="search-results"),
        id="search",
        class_="search",
        data_found=lb.SEARCH_COUNT.get(t),
        data_more=lb.SEARCH_MORE.get(t),
        data_none=lb.SEARCH_NONE.get(t),
        data_limit=50,
    )
    body = join(
        [
            el("h1", chrome.site_name),
            el(
                "p",
                lb.ALL_ITEMS.format(t, n=total),
                " · ",
                el("a", lb.DASHBOARD.get(t), href=DASHBOARD, class_="dashboard-link"),
                class_="summary",
            ),
            search,
            el(
                "section",
                el("h2", lb.REGIONS_HEADING.get(t)),
                region_tree(scope, totals, 0, t),
                id="regions",
            ),
            el("section", el("h2", lb.TYPES_HEADING.get(t)), _type_list(type_counts, 0, t)),
            el(
                "p",
                el("a", lb.BY_DEPARTMENT.get(t), href="departments/index.html"),
                " · ",
                el("a", lb.BY_TYPE.get(t), href="types/index.html"),
            ),
        ]
    )
    return page(
        chrome,
        title=chrome.site_name,
        depth=0,
        body=body,
        scripts=(SEARCH_INDEX, SEARCH_SCRIPT),
        page_class="home",
    )


def _type_list(type_counts: Mapping[str, int], depth: int, lang: Lang) -> Markup:
    return el(
        "ul",
        [
            el(
                "li",
                el("a", name, href=link(depth, f"types/{ItemType(name).type_code}.html")),
                " ",
                _count(n, lang),
            )
            for name, n in sorted(type_counts.items(), key=lambda kv: TYPE_ORDER.get(kv[0], 99))
        ],
        class_="types",
    )


def _trail(scope: Scope, code: str, depth: int, lang: Lang) -> Markup:
    chain = [c for c in reversed(scope.regions.upstream(code)) if c in scope.published]
    crumbs: list[Child] = [el("a", lb.HOME.get(lang), href=link(depth, "index.html"))]
    crumbs += [el("a", scope.regions.name(c), href=link(depth, f"regions/{c}.html")) for c in chain]
    return el("nav", join(crumbs, " › "), class_="trail", aria_label="breadcrumb")


def region_page(
    chrome: Chrome, scope: Scope, code: str, entries: Sequence[Entry], totals: Mapping[str, int]
) -> bytes:
    """A region: its subregions and its own items by type."""
    t = chrome.lang
    depth = 1
    name = scope.regions.name(code)
    children = scope.children(code)
    parts: list[Child] = [
        _trail(scope, code, depth, t),
        el("h1", name),
        el("p", _count(len(entries), t), " · ", el("code", code), class_="summary"),
    ]
    if children:
        parts.append(
            el(
                "section",
                el("h2", lb.SUBREGIONS.get(t)),
                el(
                    "ul",
                    [
                        el(
                            "li",
                            el("a", scope.regions.name(c), href=f"{c}.html"),
                            " ",
                            _count(totals.get(c, 0), t),
                        )
                        for c in children
                    ],
                    class_="subregions",
                ),
            )
        )
    if not entries:
        parts.append(el("p", lb.NO_ITEMS.get(t), class_="empty"))
    for type_name, group in _by_type(entries):
        parts.append(
            el(
                "section",
                el("h2", type_name, " ", _count(len(group), t)),
                items_table(group, depth, t, scope),
                id=f"type-{ItemType(type_name).type_code}",
            )
        )
    return page(chrome, title=name, depth=depth, body=join(parts), page_class="region")


def _by_type(entries: Iterable[Entry]) -> list[tuple[str, list[Entry]]]:
    groups: dict[str, list[Entry]] = {}
    for e in sorted(entries, key=Entry.sort_key):
        groups.setdefault(e.type, []).append(e)
    return list(groups.items())


def departments_index(
    chrome: Chrome, scope: Scope, by_region: Mapping[str, Mapping[str, int]]
) -> bytes:
    """Every department, under the regions where it implements items."""
    t = chrome.lang
    depth = 1
    parts: list[Child] = [el("h1", lb.DEPARTMENTS_HEADING.get(t))]
    for code in scope.order:
        agencies = by_region.get(code)
        if not agencies:
            continue
        parts.append(
            el(
                "section",
                el("h2", scope.regions.name(code)),
                el(
                    "ul",
                    [
                        el(
                            "li",
                            el("a", name, href=link(depth, department_page_path(name))),
                            " ",
                            _count(n, t),
                        )
                        for name, n in sorted(agencies.items())
                    ],
                    class_="departments",
                ),
            )
        )
    return page(
        chrome,
        title=lb.DEPARTMENTS_HEADING.get(t),
        depth=depth,
        body=join(parts),
        page_class="list",
    )


def department_page(chrome: Chrome, scope: Scope, name: str, entries: Sequence[Entry]) -> bytes:
    """The items of one department."""
    t = chrome.lang
    depth = 1
    order = {c: i for i, c in enumerate(scope.order)}
    ordered = sorted(entries, key=lambda e: (order.get(e.region, 1 << 30), *e.sort_key()))
    body = join(
        [
            el(
                "nav",
                el("a", lb.HOME.get(t), href=link(depth, "index.html")),
                " › ",
                el("a", lb.DEPARTMENTS_HEADING.get(t), href="index.html"),
                class_="trail",
            ),
            el("h1", name),
            el("p", _count(len(entries), t), class_="summary"),
            items_table(ordered, depth, t, scope, region=True, agency=False),
        ]
    )
    return page(chrome, title=name, depth=depth, body=body, page_class="list")


def types_index(chrome: Chrome, type_counts: Mapping[str, int]) -> bytes:
    """The item types with their counts."""
    t = chrome.lang
    body = join([el("h1", lb.TYPES_HEADING.get(t)), _type_list(type_counts, 1, t)])
    return page(chrome, title=lb.TYPES_HEADING.get(t), depth=1, body=body, page_class="list")


def type_page(chrome: Chrome, scope: Scope, type_name: str, entries: Sequence[Entry]) -> bytes:
    """The items of one type, by region (or, for a large type, the regions with counts)."""
    t = chrome.lang
    depth = 1
    code = ItemType(type_name).type_code
    by_region: dict[str, list[Entry]] = {}
    for e in entries:
        by_region.setdefault(e.region, []).append(e)
    parts: list[Child] = [
        el(
            "nav",
            el("a", lb.HOME.get(t), href=link(depth, "index.html")),
            " › ",
            el("a", lb.TYPES_HEADING.get(t), href="index.html"),
            class_="trail",
        ),
        el("h1", type_name),
        el("p", _count(len(entries), t), class_="summary"),
    ]
    regions = [r for r in scope.order if r in by_region]
    if len(entries) > TYPE_PAGE_LIMIT:
        parts.append(
            el(
                "section",
                el("h2", lb.BY_REGION_COUNTS.get(t)),
                el(
                    "ul",
                    [
                        el(
                            "li",
                            el(
                                "a",
                                scope.regions.name(r),
                                href=link(depth, f"regions/{r}.html") + f"#type-{code}",
                            ),
                            " ",
                            _count(len(by_region[r]), t),
                        )
                        for r in regions
                    ],
                    class_="subregions",
                ),
            )
        )
    else:
        for r in regions:
            group = sorted(by_region[r], key=Entry.sort_key)
            parts.append(
                el(
                    "section",
                    el("h2", scope.regions.name(r), " ", _count(len(group), t)),
                    items_table(group, depth, t, scope),
                )
            )
    return page(chrome, title=type_name, depth=depth, body=join(parts), page_class="list")
