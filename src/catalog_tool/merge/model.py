"""What a merge did or would do, as frozen values; the CLI renders them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from catalog_tool.text import Text


class Action(StrEnum):
    """What the merge does with one field or list element."""

    THEIRS = "theirs"
    """Only upstream changed it since the last sync: the upstream value is applied."""
    ADOPTED = "adopted"
    """First sync (no base): the upstream-owned value is taken from upstream."""
    REMOVED = "removed"
    """Upstream deleted it since the last sync: it is removed locally."""
    CANCELLED = "cancelled"
    """Upstream is 取消: the local item is marked 取消 too."""
    CONFLICT = "conflict"
    """Both sides changed it differently since the last sync (or, at the first sync, the
    local value is marked deliberate by a suppression comment)."""


class Strategy(StrEnum):
    """How ``--strategy`` resolves conflicts."""

    OURS = "ours"
    THEIRS = "theirs"


@dataclass(frozen=True, slots=True)
class FieldMerge:
    """One decision about one field or list element."""

    path: str
    """Where, for people: ``name``, ``materials[授权委托书]``, ``time_limit.legal_days``."""
    action: Action
    base: Any = None
    ours: Any = None
    theirs: Any = None
    pointer: str = ""
    """JSON pointer in the local file (for its line)."""
    line: int | None = None
    """1-based line in the local file, when known."""


class ItemState(StrEnum):
    """Where one local item stands after the merge."""

    UPDATED = "updated"
    """Changed (or, without writing, would change)."""
    CONFLICT = "conflict"
    """Has conflicts and no strategy: the file is left untouched."""
    CREATED = "created"
    """A stub made with ``--create`` for an upstream item the region lacks."""
    SKIPPED = "skipped"
    """Could not be merged (the local or upstream file is not a valid item)."""


@dataclass(frozen=True, slots=True)
class ItemMerge:
    """One local item the merge changes, would change, or could not merge."""

    file: Path
    """The local file."""
    region: str
    code: str
    name: str
    state: ItemState
    upstream_region: str | None = None
    upstream_file: Path | None = None
    changes: tuple[FieldMerge, ...] = ()
    """Decisions applied (with ``--strategy``, conflicts too, as resolved)."""
    conflicts: tuple[FieldMerge, ...] = ()
    base_found: bool | None = None
    """True when the recorded base was found; False when it was recorded but not found
    (treated as a first sync); None when there was no record (a first sync)."""
    before: str = ""
    """The file's text before (kept with ``texts=True``, else empty)."""
    after: str = ""
    """The file's text after, equal to ``before`` when left untouched (kept with
    ``texts=True``, else empty)."""
    notes: tuple[Text, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class MissingItem:
    """An upstream item a target region has no item for."""

    region: str
    code: str
    name: str
    upstream_region: str


@dataclass(frozen=True, slots=True)
class MergeResult:
    """The outcome of ``catalog_tool.merge``."""

    root: Path
    checked: int
    """Local items compared with their upstream items."""
    items: tuple[ItemMerge, ...]
    """Items updated, in conflict, created or skipped (up-to-date items are not listed)."""
    written: bool
    """True when files were written (not a dry run or check)."""
    strategy: Strategy | None = None
    missing: tuple[MissingItem, ...] = ()
    """Upstream items the ``--into`` regions lack (``--create`` makes stubs for them)."""

    @property
    def out_of_date(self) -> int:
        """Items a merge changes (or would change), conflicts and stubs included."""
        return sum(1 for i in self.items if i.state is not ItemState.SKIPPED)

    @property
    def conflicts(self) -> int:
        """Items left untouched because of conflicts."""
        return sum(1 for i in self.items if i.state is ItemState.CONFLICT)

    @property
    def skipped(self) -> int:
        """Items that could not be merged."""
        return sum(1 for i in self.items if i.state is ItemState.SKIPPED)
