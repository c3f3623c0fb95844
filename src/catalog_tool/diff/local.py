"""A catalog on disk, read lazily: items by region and code, and each one's upstream item.

``drift`` and ``merge`` look at a few regions and their upstream chains, not the whole
catalog: a region is read only when one of its items is asked for, and an item is found
by its conventional file ``<region>/<code>.yaml`` (C002 keeps files there); only files
named otherwise are read to learn their code.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from catalog_tool.catalog.layout import find_root, scan
from catalog_tool.catalog.regions import RegionTree
from catalog_tool.catalog.regions_file import load_regions
from catalog_tool.diff.matching import Version, read_version
from catalog_tool.errors import CatalogError
from catalog_tool.model.codes import CODE_PATTERN
from catalog_tool.text import Text

_CODE = re.compile(CODE_PATTERN)


def _digest(source: bytes) -> bytes:
    return hashlib.blake2b(source, digest_size=16).digest()


@dataclass(frozen=True, slots=True)
class LocalItem:
    """An item file of the catalog, read."""

    version: Version
    digest: bytes
    """A hash of the file's bytes as read (the bytes themselves are not kept: a province
    has 150 MB of them)."""

    @property
    def file(self) -> str:
        """Path relative to the catalog root."""
        return self.version.file


class LocalCatalog:
    """The item files of a catalog folder, parsed on demand."""

    def __init__(self, target: str | Path) -> None:
        self.root = find_root(Path(target))
        self.regions: RegionTree = load_regions(self.root)[0]
        self._files: dict[str, list[str]] = {}
        listed = scan(self.root).items
        for rel in listed:
            self._files.setdefault(rel.split("/", 1)[0], []).append(rel)
        self._known = frozenset(listed)
        self._read: dict[str, LocalItem | None] = {}
        self._indexed: dict[str, dict[str, LocalItem]] = {}

    def require_region(self, region: str) -> None:
        """Raise a clear error when ``region`` is not in ``regions.yaml``."""
        if region not in self.regions:
            raise CatalogError(
                Text(
                    f"区划 {region} 不在 regions.yaml 中", f"region {region} is not in regions.yaml"
                ),
                Text(
                    "用 regions.yaml 中列出的区划代码,如 370811。",
                    "Use a region code listed in regions.yaml, e.g. 370811.",
                ),
            )

    def files_in(self, region: str) -> list[str]:
        """Item files of ``region``."""
        return list(self._files.get(region, ()))

    def read(self, file: str) -> LocalItem | None:
        """The item in ``file``; None when it cannot be read at all."""
        if file not in self._read:
            try:
                source = (self.root / file).read_bytes()
            except OSError:
                self._read[file] = None
            else:
                self._read[file] = LocalItem(read_version(file, source), _digest(source))
        return self._read[file]

    def source(self, item: LocalItem) -> bytes | None:
        """The bytes of ``item``'s file, if they are still the ones that were parsed."""
        try:
            source = (self.root / item.file).read_bytes()
        except OSError:
            return None
        return source if _digest(source) == item.digest else None

    def release(self, region: str) -> None:
        """Forget the items read from ``region`` (a merge is done with a county)."""
        for file in self._files.get(region, ()):
            self._read.pop(file, None)
        self._indexed.pop(region, None)

    def items_in(self, region: str) -> Iterator[LocalItem]:
        """Every readable item of ``region``, in file order."""
        for file in self.files_in(region):
            item = self.read(file)
            if item is not None:
                yield item

    def get(self, region: str, code: str) -> LocalItem | None:
        """The item of ``code`` in ``region``."""
        for suffix in (".yaml", ".yml"):
            file = f"{region}/{code}{suffix}"
            if file in self._known:
                item = self.read(file)
                if item is not None and item.version.code == code:
                    return item
        return self._index(region).get(code)

    def _index(self, region: str) -> dict[str, LocalItem]:
        """Items of ``region`` by code. A file named ``<code>.yaml`` holds that code (C002
        reports one that does not), so only files named otherwise are read for theirs."""
        if region not in self._indexed:
            index: dict[str, LocalItem] = {}
            for file in self.files_in(region):
                stem = file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
                if _CODE.fullmatch(stem):
                    continue
                item = self.read(file)
                code = item.version.code if item is not None else None
                if item is not None and code is not None:
                    index.setdefault(code, item)
            self._indexed[region] = index
        return self._indexed[region]

    def upstream(self, region: str, code: str) -> LocalItem | None:
        """The nearest item of ``code`` up the region chain of ``region``."""
        for above in self.regions.upstream(region):
            found = self.get(above, code)
            if found is not None:
                return found
        return None
