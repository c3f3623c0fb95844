"""``catalog diff --upstream REGION``: how a region's items deviate from their upstream items.

Each item of the region (and of the regions below it) is compared with the nearest item
of the same code up its region chain, and each difference is classified with the field
ownership table (:mod:`catalog_tool.merge.ownership`):

* **allowed**: a local-owned field (agency, venue, online url, promised days within the
  legal limit …), or a basis entry that adds a local regulation or rule (as F003 allows);
* **forbidden**: an upstream-owned field differs, a material or condition goes beyond
  the standard, promised days exceed the legal limit, or the upstream item is cancelled
  while the local one is not;
* **missing**: the upstream item has an upstream-owned field or list element that the
  local item lacks.

Differences only in punctuation, width or spaces are not deviations (N003 reports them),
and a field the upstream item does not have at all (the national catalog has only four)
sets no standard. The conformance share of a region is the share of its items that have
an upstream item and neither a forbidden deviation nor anything missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from catalog_tool.diff.fields import ChangeKind, FieldChange, compare, ignored
from catalog_tool.diff.local import LocalCatalog, LocalItem
from catalog_tool.diff.model import (
    Category,
    Deviation,
    DriftResult,
    ItemDrift,
    RegionConformance,
)
from catalog_tool.domain.basis import atoms_of
from catalog_tool.domain.normalize import form_key
from catalog_tool.legal.catalog_registry import catalog_registry
from catalog_tool.legal.registry import LawLevel, LawRegistry
from catalog_tool.merge.ownership import Owner, owner_of
from catalog_tool.model.enums import Status

_NOT_COMPARED = frozenset({"code", "region", "impl_code", "synced_from"})
_LOCAL_LAW = frozenset({LawLevel.LOCAL_REGULATION, LawLevel.LOCAL_GOVERNMENT_RULE})


def drift(
    root: str | Path,
    region: str,
    *,
    descendants: bool = True,
    ignore_fields: Sequence[str] = (),
    laws: LawRegistry | None = None,
) -> DriftResult:
    """The deviations of ``region``'s items (and, by default, of the regions below it)
    from their upstream items, with a conformance summary per region."""
    catalog = LocalCatalog(root)
    catalog.require_region(region)
    registry = laws if laws is not None else catalog_registry(catalog.root)
    regions = [region, *(catalog.regions.descendants(region) if descendants else ())]
    items: list[ItemDrift] = []
    summaries: list[RegionConformance] = []
    for code in regions:
        found = [
            _drift_of(catalog, item, ignore_fields, registry) for item in _valid(catalog, code)
        ]
        found.sort(key=lambda d: (d.code, d.file))
        items.extend(found)
        summaries.append(
            RegionConformance(
                region=code,
                name=catalog.regions.name(code),
                level=catalog.regions.level(code).value,
                items=len(found),
                with_upstream=sum(1 for d in found if d.upstream_region is not None),
                conforming=sum(1 for d in found if d.conforming),
            )
        )
    return DriftResult(
        root=str(catalog.root),
        region=region,
        regions=tuple(summaries),
        items=tuple(items),
        region_names={r.code: r.name for r in catalog.regions},
    )


def _valid(catalog: LocalCatalog, region: str) -> Iterable[LocalItem]:
    return (i for i in catalog.items_in(region) if i.version.data and i.version.code)


def _drift_of(
    catalog: LocalCatalog, item: LocalItem, ignore: Sequence[str], laws: LawRegistry
) -> ItemDrift:
    version = item.version
    assert version.data is not None and version.code is not None
    upstream = catalog.upstream(version.region, version.code)
    if upstream is None or upstream.version.data is None:
        return ItemDrift(version.region, version.code, version.name, version.file, None, None)
    deviations = classify(upstream.version.data, version.data, laws, ignore=ignore)
    return ItemDrift(
        region=version.region,
        code=version.code,
        name=version.name,
        file=version.file,
        upstream_region=upstream.version.region,
        upstream_file=upstream.file,
        deviations=deviations,
    )


def classify(
    upstream: Mapping[str, Any],
    local: Mapping[str, Any],
    laws: LawRegistry | None = None,
    *,
    ignore: Sequence[str] = (),
) -> tuple[Deviation, ...]:
    """The deviations of plain item data ``local`` from ``upstream``, classified."""
    item_type = upstream.get("type") if isinstance(upstream.get("type"), str) else None
    out: list[Deviation] = []
    for change in compare(upstream, local, order=True):
        top = change.field.split(".", 1)[0]
        if top in _NOT_COMPARED or ignored(change.field, ignore) or upstream.get(top) is None:
            continue
        if _form_only(change) or (change.kind is ChangeKind.REORDERED and top != "steps"):
            continue
        owner = owner_of(change.field, item_type)
        category = _category(change, owner, upstream, local, laws)
        if category is not None:
            out.append(
                Deviation(change.path, change.field, category, owner.value, change.new, change.old)
            )
    return tuple(out)


def _category(
    change: FieldChange,
    owner: Owner,
    upstream: Mapping[str, Any],
    local: Mapping[str, Any],
    laws: LawRegistry | None,
) -> Category | None:
    # compare(upstream, local): "removed" is upstream-only, "added" is local-only.
    if change.field == "status":
        cancelled = upstream.get("status") == Status.CANCELLED.value
        return Category.FORBIDDEN if cancelled else Category.ALLOWED
    if change.field == "time_limit.promised_days":
        return Category.FORBIDDEN if _promise_too_long(upstream, local) else Category.ALLOWED
    if owner is Owner.LOCAL:
        return Category.ALLOWED
    if change.kind is ChangeKind.REMOVED:
        return Category.MISSING
    if change.kind is ChangeKind.ADDED and change.field == "basis" and laws is not None:
        return Category.ALLOWED if _local_law(change.new, laws) else Category.FORBIDDEN
    return Category.FORBIDDEN


def _form_only(change: FieldChange) -> bool:
    if change.kind is not ChangeKind.CHANGED:
        return False
    old, new = change.old, change.new
    return isinstance(old, str) and isinstance(new, str) and form_key(old) == form_key(new)


def _promise_too_long(upstream: Mapping[str, Any], local: Mapping[str, Any]) -> bool:
    def days(data: Mapping[str, Any], key: str) -> int | None:
        limit = data.get("time_limit")
        value = limit.get(key) if isinstance(limit, Mapping) else None
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    promised = days(local, "promised_days")
    legal = days(upstream, "legal_days")
    return promised is not None and legal is not None and promised > legal


def _local_law(citation: Any, laws: LawRegistry) -> bool:
    if not isinstance(citation, str):
        return False
    atoms = atoms_of(citation)
    for atom in atoms:
        record = laws.find(atom.title) if atom.title is not None else None
        if record is None or record.level not in _LOCAL_LAW:
            return False
    return bool(atoms)
