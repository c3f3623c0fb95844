"""The few facts of an item that statistics and the site's index pages need.

A named tuple, not a dataclass: tens of thousands cross from the worker processes to the
parent, and tuples pickle several times faster than models.
"""

from __future__ import annotations

from typing import NamedTuple

from catalog_tool.model.codes import NATIONAL_REGION
from catalog_tool.model.enums import ENFORCEMENT_TYPES, Status
from catalog_tool.model.item import Item

_ENFORCEMENT = frozenset(t.value for t in ENFORCEMENT_TYPES)


class ItemFacts(NamedTuple):
    """What statistics and indexes know of one valid item."""

    file: str
    """Path relative to the catalog root."""
    region: str
    code: str
    name: str
    type: str
    status: str
    agency: str | None
    online: bool | None
    handling: str | None
    legal_days: int | None
    promised_days: int | None
    visits: int | None

    @classmethod
    def of(cls, file: str, item: Item) -> ItemFacts:
        """The facts of a validated item."""
        limit = item.time_limit
        return cls(
            file=file,
            region=item.region,
            code=item.code,
            name=item.name,
            type=str(item.type),
            status=str(item.status),
            agency=item.agency.name if item.agency is not None else None,
            online=item.online.available if item.online is not None else None,
            handling=str(item.handling) if item.handling is not None else None,
            legal_days=limit.legal_days if limit is not None else None,
            promised_days=limit.promised_days if limit is not None else None,
            visits=item.visits,
        )

    @property
    def in_use(self) -> bool:
        """True for an item in use (在用)."""
        return self.status == Status.ACTIVE.value

    @property
    def application(self) -> bool:
        """An item people apply for, in use, below the national catalog (as O002 counts):
        the population of the service figures (online rate, 即办件, visits, time)."""
        return self.in_use and self.region != NATIONAL_REGION and self.type not in _ENFORCEMENT


def facts_of(file: str, item: Item) -> ItemFacts:
    """Picklable task for :func:`catalog_tool.publish.load.map_items`."""
    return ItemFacts.of(file, item)
