"""Item contents that ``fmt`` has found canonical already.

ruamel's round trip takes about 30 ms a file: ``catalog fmt --check`` in CI over a
province of 55,000 items would take a quarter of an hour on two cores every time. The
content hashes of the items fmt found (or made) canonical are kept in
``.catalog_cache/fmt.pickle``, signed like the result cache (see
:mod:`catalog_tool.engine.cache`), and a file whose hash is there is canonical without
being parsed: an unchanged catalog costs a read and a hash per file.

The key is the tool's version, its code and ruamel.yaml's version: canonical form can
change with any of them. A run over the whole catalog keeps only the hashes of the files
it saw; a run over named files adds its own to those kept.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

from ruamel.yaml import __version__ as ruamel_version

from catalog_tool.engine.cache import CACHE_DIR, cache_key, prepare_base, read_signed, write_signed

FILE = "fmt.pickle"
LIMIT = 1_000_000
"""More hashes than this (16 MB) are never kept: a run over named files starts afresh."""


def digest(data: bytes) -> bytes:
    """The content hash fmt keeps for a file."""
    return hashlib.blake2b(data, digest_size=16).digest()


class KnownCanonical:
    """The hashes of item contents known to be canonical, for one catalog."""

    def __init__(self, root: Path, enabled: bool = True) -> None:
        self.base = root / CACHE_DIR
        self.enabled = enabled
        self._key = cache_key(["fmt", f"ruamel.yaml {ruamel_version}"]) if enabled else ""
        stored = read_signed(self.base / FILE) if enabled else None
        mine = isinstance(stored, tuple) and len(stored) == 2 and stored[0] == self._key
        kept = stored[1] if mine and stored is not None else None
        self._old: frozenset[bytes] = kept if isinstance(kept, frozenset) else frozenset()
        self._seen: set[bytes] = set()

    def __contains__(self, content: bytes) -> bool:
        """Whether the hash ``content`` is of a canonical item (and remember it as seen)."""
        if content in self._old:
            self._seen.add(content)
            return True
        return False

    def __bool__(self) -> bool:
        return bool(self._old)

    def add(self, content: bytes) -> None:
        """Remember the hash of an item found or made canonical."""
        if self.enabled:
            self._seen.add(content)

    def save(self, *, whole: bool) -> None:
        """Write what this run learnt; ``whole`` when it went over every item."""
        if not self.enabled:
            return
        keep = self._seen if whole else self._seen | self._old
        if len(keep) > LIMIT:
            keep = self._seen
        if keep == self._old:
            return
        with contextlib.suppress(OSError):  # a read-only catalog: no cache, no error
            prepare_base(self.base)
            write_signed(self.base / FILE, (self._key, frozenset(keep)))
