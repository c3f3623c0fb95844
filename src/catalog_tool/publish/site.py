"""``catalog export guide --format html``: the static guide site.

Layout of the output folder (every link relative, so it works from ``file://`` and from
any folder of any web server)::

    index.html                  search box, region tree (regions.yaml), types, links
    regions/<code>.html         a region: its subregions and its items by type
    departments/index.html      departments by region; departments/<id>.html their items
    types/index.html            types; types/<type code>.html their items by region
    items/<region>/<code>.html  one 办事指南 per item
    forms/…                     blank forms and samples the guides link to (copied)
    qr/<hash>.svg               QR codes of the online addresses
    assets/site.css, assets/search.js
    search-index.js             the search index (sets window.CATALOG_SEARCH)
    stats.html                  the statistics dashboard
    .catalog-guide.json         the manifest (see catalog_tool.publish.output)

Item pages are rendered and written by the worker processes that read the items; the
index pages, search index and dashboard are written here from what they return.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from catalog_tool.catalog.regions import RegionTree
from catalog_tool.config import LoadedConfig, find_config, load_config
from catalog_tool.engine.run import validate
from catalog_tool.model.codes import NATIONAL_REGION
from catalog_tool.model.enums import ItemType
from catalog_tool.model.item import Item
from catalog_tool.publish import labels as lb
from catalog_tool.publish.chrome import (
    DASHBOARD,
    SEARCH_INDEX,
    SEARCH_SCRIPT,
    STYLESHEET,
    Chrome,
    asset,
)
from catalog_tool.publish.index_pages import (
    TYPE_ORDER,
    Entry,
    department_page,
    department_page_path,
    departments_index,
    home,
    region_page,
    region_totals,
    type_page,
    types_index,
)
from catalog_tool.publish.item_page import item_page
from catalog_tool.publish.load import (
    Scope,
    Skipped,
    catalog_file,
    catalog_scope,
    map_items,
    placed,
    withheld,
    withheld_files,
)
from catalog_tool.publish.model import guide_item, publishable
from catalog_tool.publish.output import Output, OutputSummary, write_later
from catalog_tool.publish.qrcode import ensure_qr
from catalog_tool.publish.search_index import search_index
from catalog_tool.stats.compute import compute_stats, online_targets
from catalog_tool.stats.facts import ItemFacts
from catalog_tool.stats.model import Stats
from catalog_tool.text import Lang

ASSETS = {STYLESHEET: "site.css", SEARCH_SCRIPT: "search.js"}
"""Site path → file in the package's ``assets`` folder."""


@dataclass(frozen=True, slots=True)
class SiteResult:
    """What building the site did."""

    output: OutputSummary
    items: int
    """Item pages in the site."""
    skipped: tuple[Skipped, ...]
    """Item files not published, and why."""
    search_index_bytes: int
    stats: Stats | None


class PageResult(NamedTuple):
    """What a worker returns for one item."""

    facts: ItemFacts
    page: str | None
    """The item page written (None: not published, e.g. a national item)."""
    files: tuple[str, ...]
    """Catalog files the page links to, to be copied."""
    qr: str | None
    written: int
    """QR code files the worker created (the page is written in the background: counted
    in ``Mapped.written``)."""
    withheld: bool = False
    """True when the item would be published but has errors (see ``load.withheld_files``)."""


@dataclass(frozen=True, slots=True)
class SiteTask:
    """Renders and writes the page of one item (runs in the worker processes)."""

    out: Path
    root: Path
    chrome: Chrome
    regions: RegionTree
    published: frozenset[str]
    withheld: frozenset[str] = frozenset()
    """Files with errors: read for the statistics, but given no page."""

    def __call__(self, file: str, item: Item) -> PageResult:
        facts = ItemFacts.of(file, item)
        if not publishable(item):
            return PageResult(facts, None, (), None, 0)
        if file in self.withheld:
            return PageResult(facts, None, (), None, 0, withheld=True)
        root = self.root
        guide = guide_item(item, self.regions, self.published, lambda rel: catalog_file(root, rel))
        written = 0
        qr = None
        if guide.online_url:
            qr, made = ensure_qr(self.out, guide.online_url)
            written += made
        write_later(self.out / guide.page, item_page(guide, self.chrome, qr))
        return PageResult(facts, guide.page, guide.files, qr, written)


def site_name(scope: Scope, lang: Lang) -> str:
    """The site's title: the region published, or the one province of the catalog."""
    tree = scope.regions
    top = scope.region
    if top in (None, NATIONAL_REGION):
        # Below the national catalog: name the site after the province if there is one.
        below = [c for c in scope.tops if c != NATIONAL_REGION] or list(
            scope.children(NATIONAL_REGION)
        )
        top = below[0] if len(below) == 1 else None
    if top is None:
        return lb.SITE_TITLE_ALL.get(lang)
    return lb.SITE_TITLE.format(lang, name=tree.name(top))


def build_site(
    target: Path,
    out: Path,
    *,
    region: str | None = None,
    lang: Lang = Lang.ZH,
    config: LoadedConfig | None = None,
    jobs: int | None = None,
    dashboard: bool = True,
) -> SiteResult:
    """Build the guide site of the catalog at ``target`` into the folder ``out``.

    ``region`` limits it to that region and the regions below; ``dashboard`` adds the
    statistics page. ``validate`` runs first (cached like any run): an item with an error
    gets no page and is listed in ``skipped`` with the rules it breaks.
    """
    scope = catalog_scope(target, region)
    output = Output(out, "html")
    chrome = Chrome(lang, site_name(scope, lang))
    loaded = config if config is not None else load_config(find_config(scope.root))
    report = validate(scope.root, loaded, jobs=jobs)
    held = withheld_files(scope.root, report)
    task = SiteTask(
        output.folder, scope.root, chrome, scope.regions, scope.published, frozenset(held)
    )
    mapped = map_items(scope, task, jobs)
    results = mapped.results
    skipped = placed(
        [
            *mapped.skipped,
            *(withheld(r.facts.file, held[r.facts.file]) for r in results if r.withheld),
        ],
        held,
    )
    output.record(
        [p for r in results for p in (r.page, r.qr) if p is not None],
        # Distinct codes: two workers may both draw a code new to the site at once.
        len({r.qr for r in results if r.written}) + mapped.written,
    )
    for rel in sorted({f for r in results for f in r.files}):
        output.copy(rel, scope.root / rel)
    order = {code: i for i, code in enumerate(scope.order)}
    entries = sorted(
        (
            Entry(r.facts.region, r.facts.code, r.facts.name, r.facts.type, r.facts.agency)
            for r in results
            if r.page is not None
        ),
        key=lambda e: (order.get(e.region, 1 << 30), *e.sort_key()),
    )
    index_size = _write_indexes(output, chrome, scope, entries)
    for site_path, name in ASSETS.items():
        output.write(site_path, asset(name))
    stats = None
    if dashboard:
        # Here, not at the top: catalog_tool.stats renders with catalog_tool.publish.html,
        # so importing it while catalog_tool.publish initializes would be circular.
        from catalog_tool.stats.render_html import render_dashboard

        # Every valid item counts in the statistics, published or held back for errors;
        # ``skipped`` there means files that are not valid items.
        stats = compute_stats(
            scope,
            [r.facts for r in results],
            mapped.skipped,
            report,
            online_targets(loaded.config),
        )
        output.write(DASHBOARD, render_dashboard(stats, lang, home="index.html"))
    summary = output.finish()
    return SiteResult(summary, len(entries), skipped, index_size, stats)


def _write_indexes(output: Output, chrome: Chrome, scope: Scope, entries: list[Entry]) -> int:
    """Home, region, department and type pages and the search index; the index's size."""
    own = Counter(e.region for e in entries)
    totals = region_totals(scope, own)
    type_counts = Counter(e.type for e in entries)
    output.write("index.html", home(chrome, scope, totals, type_counts, len(entries)))
    by_region: dict[str, list[Entry]] = {}
    by_agency: dict[str, list[Entry]] = {}
    by_type: dict[str, list[Entry]] = {}
    agencies_by_region: dict[str, Counter[str]] = {}
    for e in entries:
        by_region.setdefault(e.region, []).append(e)
        by_type.setdefault(e.type, []).append(e)
        if e.agency:
            by_agency.setdefault(e.agency, []).append(e)
            agencies_by_region.setdefault(e.region, Counter())[e.agency] += 1
    for code in scope.order:
        output.write(
            f"regions/{code}.html",
            region_page(chrome, scope, code, by_region.get(code, []), totals),
        )
    output.write("departments/index.html", departments_index(chrome, scope, agencies_by_region))
    for name, group in sorted(by_agency.items()):
        output.write(department_page_path(name), department_page(chrome, scope, name, group))
    output.write("types/index.html", types_index(chrome, type_counts))
    for type_name in sorted(by_type, key=lambda t: TYPE_ORDER.get(t, 99)):
        output.write(
            f"types/{ItemType(type_name).type_code}.html",
            type_page(chrome, scope, type_name, by_type[type_name]),
        )
    names = {code: scope.regions.name(code) for code in scope.order}
    index = search_index(entries, scope.order, names)
    output.write(SEARCH_INDEX, index)
    return len(index)
