"""The result cache in ``<catalog root>/.catalog_cache/``.

Keyed on everything that can change a finding: the tool version and its code, the
configuration, the law registry, ``regions.yaml`` and the list of other files (forms).
Under that key:

* one shard per region folder: ``file → ((mtime_ns, ctime_ns, size), FileResult)``; a file whose stat
  is unchanged costs nothing, and a file whose content hash is unchanged costs a read;
* the final diagnostics of the last run with the stat snapshot they came from, so a run
  over an unchanged catalog only walks the folders.

Cache files are written atomically; a cache that cannot be read is ignored (and rebuilt),
never an error. ``--no-cache`` (or ``cache = false``) turns it off.

Every cache file is signed (HMAC-SHA256) with a key kept outside the catalog, in the
user's cache folder, or taken from ``CATALOG_CACHE_SECRET``: the files are pickles, and a
pickle committed to a catalog by someone else must never be loaded (it could run code in
CI). Share the secret between CI runs to reuse a restored cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
import secrets
import shutil
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from catalog_tool._version import __version__
from catalog_tool.diagnostics import Diagnostic
from catalog_tool.io.atomic import write_bytes

if TYPE_CHECKING:  # a run answered from the cache never checks a file
    from catalog_tool.engine.filecheck import FileResult

CACHE_DIR = ".catalog_cache"
FORMAT = 4
_TAG = (
    b"Signature: 8a477f597d28d172789f06886806bc55\n"
    b"# This file is a cache directory tag created by catalog-tool.\n"
    b"# For information about cache directory tags see https://bford.info/cachedir/\n"
)

_SIGNATURE = 32


@cache
def _secret() -> bytes:
    """The signing key: CATALOG_CACHE_SECRET, else a random key in the user's cache folder."""
    configured = os.environ.get("CATALOG_CACHE_SECRET")
    if configured:
        return configured.encode()
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "catalog-tool"
    path = home / "cache-secret"
    with contextlib.suppress(OSError):
        if len(stored := path.read_bytes()) >= 16:  # an empty or cut file is no key
            return stored
    key = secrets.token_bytes(32)
    with contextlib.suppress(OSError):
        home.mkdir(parents=True, exist_ok=True)
        # Readable by this user only from the start: no moment when others could read it.
        temp = home / f".cache-secret.{os.getpid()}"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        temp.replace(path)
        return path.read_bytes()
    return key  # no writable home: the cache lives as long as this process


def _sign(payload: bytes) -> bytes:
    return hmac.new(_secret(), payload, hashlib.sha256).digest()


Stat = tuple[int, int, int]
"""(mtime and ctime in nanoseconds, size in bytes): see :func:`~catalog_tool.catalog.layout.item_stats`."""


class Entry(NamedTuple):
    """A cached result and the stat of the file it came from (a tuple: shards of thousands
    unpickle several times faster than dataclasses)."""

    stat: Stat
    result: FileResult


def cache_key(parts: Iterable[str]) -> str:
    """The key of a cache generation from the strings that can change findings, the tool's
    version and its code (:func:`code_fingerprint`)."""
    digest = hashlib.blake2b(digest_size=12)
    code = code_fingerprint(PACKAGE)
    for part in (f"format {FORMAT}", f"catalog-tool {__version__}", code, *parts):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


PACKAGE = Path(__file__).resolve().parents[1]
"""The ``catalog_tool`` package folder."""


@cache
def code_fingerprint(package: Path) -> str:
    """A hash of the name, size and modification time of every module and data file of
    ``package``: a tool installed from a newer commit under the same version number (an
    editable or a git install) has other rules, and must not be answered from the old
    one's cache. Stat calls only, about 200 of them: a few milliseconds per run."""
    digest = hashlib.blake2b(digest_size=12)
    folders = [package]
    while folders:
        folder = folders.pop()
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda entry: entry.name)
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    folders.append(Path(entry.path))
            elif entry.name.endswith((".py", ".json")):
                info = entry.stat()
                name = Path(entry.path).relative_to(package).as_posix()
                digest.update(f"{name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def snapshot_digest(stats: Mapping[str, Stat]) -> str:
    """One hash over every file's stat: equal only when no file changed."""
    digest = hashlib.blake2b(digest_size=16)
    for file in sorted(stats):
        mtime, ctime, size = stats[file]
        digest.update(f"{file}\0{mtime}\0{ctime}\0{size}\n".encode())
    return digest.hexdigest()


class ResultCache:
    """One cache generation of one catalog."""

    def __init__(self, root: Path, key: str) -> None:
        self.base = root / CACHE_DIR
        self.folder = self.base / key
        self._shards: dict[str, dict[str, Entry]] = {}

    # -- whole-run results -----------------------------------------------------------------

    def load_report(self, snapshot: str) -> tuple[list[Diagnostic], int] | None:
        """The diagnostics and item count of the last run, if it saw exactly this snapshot."""
        data = self._read(self.folder / "report.pickle")
        if isinstance(data, tuple) and len(data) == 3 and data[0] == snapshot:
            _, diagnostics, items = data
            if isinstance(diagnostics, list) and isinstance(items, int):
                return diagnostics, items
        return None

    def save_report(self, snapshot: str, report: tuple[list[Diagnostic], int]) -> None:
        """Remember the diagnostics of this run for the next identical one."""
        self._write(self.folder / "report.pickle", (snapshot, *report))

    # -- per-file results ------------------------------------------------------------------

    def shard(self, region: str) -> dict[str, Entry]:
        """Cached entries of one region folder (empty when none)."""
        if region not in self._shards:
            data = self._read(self.folder / f"{region}.pickle")
            self._shards[region] = data if isinstance(data, dict) else {}
        return self._shards[region]

    def lookup(self, file: str, stat: Stat) -> FileResult | None:
        """The cached result of ``file`` if its stat is unchanged."""
        entry = self.shard(file.split("/", 1)[0]).get(file)
        return entry.result if entry is not None and entry.stat == stat else None

    def by_digest(self, file: str, digest: str) -> FileResult | None:
        """The cached result of ``file`` if its content is unchanged (the stat was not)."""
        entry = self.shard(file.split("/", 1)[0]).get(file)
        if entry is not None and entry.result.digest == digest:
            return entry.result
        return None

    def store(self, results: Iterable[tuple[str, Stat, FileResult]]) -> None:
        """Replace the shards of every region that ``results`` covers, and write them."""
        fresh: dict[str, dict[str, Entry]] = {}
        for file, stat, result in results:
            fresh.setdefault(file.split("/", 1)[0], {})[file] = Entry(stat, result)
        for region, entries in fresh.items():
            self._shards[region] = entries
            self._write(self.folder / f"{region}.pickle", entries)

    def update(self, results: Iterable[tuple[str, Stat, FileResult]]) -> None:
        """Add or replace single entries in their shards, and write those shards."""
        touched: set[str] = set()
        for file, stat, result in results:
            region = file.split("/", 1)[0]
            self.shard(region)[file] = Entry(stat, result)
            touched.add(region)
        for region in touched:
            self._write(self.folder / f"{region}.pickle", self._shards[region])

    # -- files -------------------------------------------------------------------------------

    def _read(self, path: Path) -> Any:
        return read_signed(path)

    def _write(self, path: Path, data: object) -> None:
        with contextlib.suppress(OSError):
            self._prepare()
            write_signed(path, data)

    def _prepare(self) -> None:
        if not self.folder.is_dir() and self.base.is_dir():
            # A new generation: the old ones can never be used again (other files in
            # the base, such as fmt's, are not generations).
            for old in self.base.iterdir():
                if old.is_dir():
                    shutil.rmtree(old, ignore_errors=True)
        prepare_base(self.base)
        self.folder.mkdir(parents=True, exist_ok=True)


def read_signed(path: Path) -> Any:
    """The value of a cache file, only when it carries this user's signature: a pickle
    from anywhere else (a cache committed to the catalog, say) is never loaded, since
    loading one can run any code. None for anything unusable."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    signature, payload = data[:_SIGNATURE], data[_SIGNATURE:]
    if len(data) <= _SIGNATURE or not hmac.compare_digest(signature, _sign(payload)):
        return None
    try:
        return pickle.loads(payload)
    except Exception:  # signed but unreadable: written by another version of the code
        return None


def write_signed(path: Path, data: object) -> None:
    """Write ``data`` to the cache file ``path``, pickled and signed, atomically."""
    payload = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    write_bytes(path, _sign(payload) + payload)


def prepare_base(base: Path) -> None:
    """Make the ``.catalog_cache`` folder ``base``, tagged and ignored by git."""
    if (base / "CACHEDIR.TAG").is_file():
        return
    base.mkdir(parents=True, exist_ok=True)
    (base / "CACHEDIR.TAG").write_bytes(_TAG)
    # Keep the cache out of git without asking users to edit their .gitignore.
    (base / ".gitignore").write_text("*\n", encoding="utf-8")
