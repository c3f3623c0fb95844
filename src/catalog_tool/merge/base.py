"""The base of a three-way merge: the upstream version a local item was last synced from.

A merge records ``synced_from: {region, hash}`` in the local item. The hash is
:func:`content_hash` of the upstream item: BLAKE2b (8 bytes, 16 hex digits) of the
canonical JSON (sorted keys, no spaces, UTF-8) of its upstream-owned fields only, so a
change upstream to the upstream item's own venue or agency does not make every local item
out of date. To merge, the base content is found again by that hash: first among the
upstream versions at hand (on disk now, or merged earlier in this run), then in the git
history of the upstream file (one ``git log`` for the catalog, one ``cat-file`` process).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from catalog_tool.diff.fields import canonical, clean
from catalog_tool.diff.git import BlobReader, file_history, toplevel
from catalog_tool.diff.matching import read_version
from catalog_tool.merge.ownership import upstream_projection

HASH_BYTES = 8
"""16 hex digits: the model accepts 12 to 64."""


def content_hash(data: Mapping[str, Any]) -> str:
    """The hash a local item records of the upstream item ``data`` (plain data)."""
    text = canonical(upstream_projection(clean(data)))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=HASH_BYTES).hexdigest()


class Bases:
    """Finds upstream versions by hash, in memory first, then in git history."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._top = toplevel(self.root)
        self._prefix = ""
        if self._top is not None:
            relative = self.root.relative_to(self._top).as_posix()
            self._prefix = "" if relative == "." else relative
        self._history: dict[str, set[str]] | None = None
        self._reader: BlobReader | None = None
        self._seen_blobs: set[str] = set()
        self._by_hash: dict[str, dict[str, Mapping[str, Any]]] = {}

    def find(
        self, file: str, digest: str, at_hand: Iterable[Mapping[str, Any]] = ()
    ) -> Mapping[str, Any] | None:
        """The version of upstream ``file`` (relative to the root) whose hash is ``digest``."""
        for data in at_hand:
            if content_hash(data) == digest:
                return data
        known = self._by_hash.setdefault(file, {})
        if digest in known:
            return known[digest]
        if self._top is None:
            return None
        for blob, source in self._blobs(file).items():
            version = read_version(file, source)
            if version.data is not None:
                known.setdefault(content_hash(version.data), version.data)
            self._seen_blobs.add(blob)
        return known.get(digest)

    def _blobs(self, file: str) -> dict[str, bytes]:
        assert self._top is not None
        if self._history is None:
            self._history = file_history(self._top, self._prefix)
        path = f"{self._prefix}/{file}" if self._prefix else file
        wanted = [b for b in self._history.get(path, ()) if b not in self._seen_blobs]
        if not wanted:
            return {}
        if self._reader is None:
            self._reader = BlobReader(self._top)
        return self._reader.read_many(sorted(wanted))

    def close(self) -> None:
        """End the git process, if one was started."""
        if self._reader is not None:
            self._reader.close()
            self._reader = None
