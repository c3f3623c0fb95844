"""The guide view of an item: every 办事指南 element, in the standard order, ready to render.

Every format (HTML, Word, Markdown, PDF) renders this one view, so the guide says the same
thing wherever it is published (同源发布). The order of :data:`GUIDE_ORDER` is the order of
the elements on the page (GB/T 39046 table 4, as the issue lists them).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass

from catalog_tool.catalog.regions import RegionTree
from catalog_tool.model.enums import ENFORCEMENT_TYPES, ItemType, Status
from catalog_tool.model.item import Item, Material
from catalog_tool.publish import labels as lb
from catalog_tool.text import Text

GUIDE_ORDER: tuple[Text, ...] = (
    lb.NAME,
    lb.CODE,
    lb.IMPL_CODE,
    lb.TYPE,
    lb.BASIS,
    lb.AGENCY,
    lb.SERVICE_OBJECTS,
    lb.CONDITIONS,
    lb.MATERIALS,
    lb.STEPS,
    lb.TIME_LIMIT,
    lb.FEES,
    lb.VISITS,
    lb.ONLINE,
    lb.ADDRESS,
    lb.HOURS,
    lb.PHONE,
    lb.COMPLAINT_PHONE,
    lb.RESULT,
)
"""The labels of the guide elements in the order every format shows them."""


@dataclass(frozen=True, slots=True)
class MaterialRow:
    """One row of the materials table."""

    number: int
    name: str
    need: Text
    """必要, 非必要 or 容缺后补."""
    form: str
    """材料类型: 原件, 复印件 or 原件或复印件."""
    media: str
    """材料形式: 纸质, 电子 or 纸质和电子."""
    copies: int
    source: str
    """来源渠道, with the issuing body when there is one."""
    basis: tuple[str, ...]
    blank_form: str | None
    """Catalog-relative path of the blank form, when the file exists in the catalog."""
    sample: str | None
    """Catalog-relative path of the sample, when the file exists in the catalog."""
    notes: str | None


@dataclass(frozen=True, slots=True)
class StepView:
    """One step of the procedure."""

    number: int
    name: str
    days: int | None
    counted: bool
    """False for 不计时环节 / 特别程序: not counted toward the statutory limit."""
    description: str | None


@dataclass(frozen=True, slots=True)
class TimeView:
    """法定 and 承诺 time limits."""

    legal: int | None
    promised: int | None
    unit: str

    @property
    def compression(self) -> float | None:
        """How much shorter the promise is than the statutory limit (0.75 = 75%)."""
        if self.legal is None or self.promised is None or self.legal <= 0:
            return None
        return max(0.0, 1 - self.promised / self.legal)


@dataclass(frozen=True, slots=True)
class FeeView:
    """One fee."""

    name: str
    standard: str
    basis: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GuideItem:
    """An item as its 办事指南 shows it."""

    region: str
    region_name: str
    trail: tuple[tuple[str, str], ...]
    """(code, name) of the published regions above the item's region, top first, and its own."""
    code: str
    impl_code: str | None
    name: str
    type: str
    type_code: str
    enforcement: bool
    """行政处罚/强制/检查: no conditions and no materials apply."""
    basis: tuple[str, ...]
    agency_name: str | None
    agency_nature: str | None
    agency_credit_code: str | None
    service_objects: tuple[str, ...]
    conditions: tuple[str, ...]
    materials: tuple[MaterialRow, ...]
    steps: tuple[StepView, ...]
    time: TimeView | None
    handling: str | None
    fees: tuple[FeeView, ...]
    visits: int | None
    visits_reason: str | None
    online: bool | None
    online_depth: int | None
    online_url: str | None
    delivery: bool | None
    address: str | None
    hours: str | None
    phone: str | None
    complaint_phone: str | None
    result_name: str | None
    result_kind: str | None
    result_sample: str | None
    suspended: bool

    @property
    def page(self) -> str:
        """The item's page in the site, relative to the site root."""
        return item_page(self.region, self.code)

    @property
    def files(self) -> tuple[str, ...]:
        """Catalog files the guide links to (blank forms, samples, result sample)."""
        found = [p for m in self.materials for p in (m.blank_form, m.sample) if p is not None]
        if self.result_sample is not None:
            found.append(self.result_sample)
        return tuple(dict.fromkeys(found))


def item_page(region: str, code: str) -> str:
    """Site path of an item page."""
    return f"items/{region}/{code}.html"


def safe_relative(path: str) -> str | None:
    """``path`` normalised as a catalog-relative path, or None when it leaves the catalog
    (absolute, ``..``) — such a path is never copied into the output."""
    if not path or "\\" in path or path.startswith("/") or ":" in path.split("/", maxsplit=1)[0]:
        return None
    normal = posixpath.normpath(path)
    if normal.startswith("../") or normal in {".", ".."} or normal.startswith("."):
        return None
    return normal


def guide_item(
    item: Item,
    regions: RegionTree,
    published: frozenset[str],
    exists: Callable[[str], bool],
) -> GuideItem:
    """The guide view of ``item``. ``published`` are the regions in the output (for the trail);
    ``exists`` says whether a catalog-relative file exists (links go only to real files)."""

    def linked(path: str | None) -> str | None:
        if path is None:
            return None
        safe = safe_relative(path)
        return safe if safe is not None and exists(safe) else None

    above = [c for c in reversed(regions.upstream(item.region)) if c in published]
    trail = tuple((c, regions.name(c)) for c in [*above, item.region])
    item_type = ItemType(item.type)
    agency = item.agency
    limit = item.time_limit
    online = item.online
    venue = item.venue
    result = item.result
    return GuideItem(
        region=item.region,
        region_name=regions.name(item.region),
        trail=trail,
        code=item.code,
        impl_code=item.impl_code,
        name=item.name,
        type=item_type.value,
        type_code=item_type.type_code,
        enforcement=item_type in ENFORCEMENT_TYPES,
        basis=tuple(item.basis),
        agency_name=agency.name if agency else None,
        agency_nature=str(agency.nature) if agency else None,
        agency_credit_code=agency.credit_code if agency else None,
        service_objects=tuple(str(s) for s in item.service_objects or ()),
        conditions=tuple(item.conditions or ()),
        materials=tuple(
            _material(i, m, linked) for i, m in enumerate(item.materials or (), start=1)
        ),
        steps=tuple(
            StepView(i, s.name, s.days, s.counted, s.description)
            for i, s in enumerate(item.steps or (), start=1)
        ),
        time=TimeView(limit.legal_days, limit.promised_days, str(limit.unit)) if limit else None,
        handling=str(item.handling) if item.handling is not None else None,
        fees=tuple(FeeView(f.name, f.standard, tuple(f.basis)) for f in item.fees or ()),
        visits=item.visits,
        visits_reason=item.visits_reason,
        online=online.available if online else None,
        online_depth=online.depth if online else None,
        online_url=online.url if online and online.available else None,
        delivery=item.delivery,
        address=venue.address if venue else None,
        hours=venue.hours if venue else None,
        phone=venue.phone if venue else None,
        complaint_phone=venue.complaint_phone if venue else None,
        result_name=result.name if result else None,
        result_kind=str(result.kind) if result else None,
        result_sample=linked(result.sample) if result else None,
        suspended=item.status == Status.SUSPENDED,
    )


def _material(number: int, m: Material, linked: Callable[[str | None], str | None]) -> MaterialRow:
    need = lb.DEFERRABLE if m.required == "容缺后补" else lb.REQUIRED if m.required else lb.OPTIONAL
    source = str(m.source) + (f"（{m.issuer}）" if m.issuer else "")
    return MaterialRow(
        number=number,
        name=m.name,
        need=need,
        form=str(m.form),
        media=str(m.media),
        copies=m.copies,
        source=source,
        basis=tuple(m.basis),
        blank_form=linked(m.blank_form),
        sample=linked(m.sample),
        notes=m.notes,
    )


def publishable(item: Item) -> bool:
    """Items that get a guide: implementation items (not the national basic catalog,
    which has no guide elements) that are not cancelled."""
    return not item.is_national and item.status != Status.CANCELLED
