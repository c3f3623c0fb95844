"""The result cache: tagged, readable, its size, and whether its files are signed.

Cache files are pickles, loaded only when signed with this user's key (see
``engine/cache.py``): an HMAC-SHA256 of the payload in the first 32 bytes. The check reads
the bytes and verifies signatures; it never unpickles anything.
"""

from __future__ import annotations

import hmac
import os
from dataclasses import dataclass, field
from pathlib import Path

from catalog_tool.catalog.layout import display_path
from catalog_tool.doctor.model import Check, Status

# The cache module owns the signing key and the signature layout (its private names):
# verifying with its own function keeps the doctor in step with the writer.
from catalog_tool.engine.cache import _SIGNATURE, CACHE_DIR, _sign
from catalog_tool.text import Text

CACHEDIR_TAG = "CACHEDIR.TAG"
TAG_SIGNATURE = b"Signature: 8a477f597d28d172789f06886806bc55"
"""The first bytes of every cache directory tag (https://bford.info/cachedir/)."""
_PICKLE_PROTOCOL = 0x80
"""The first byte of a pickle of protocol 2 or later: an unsigned cache file."""
EXAMPLES = 5


@dataclass(slots=True)
class CacheSurvey:
    """What the cache folder holds."""

    files: int = 0
    bytes: int = 0
    generations: int = 0
    signed: int = 0
    unsigned: list[str] = field(default_factory=list)
    """Cache files that are bare pickles (written without a signature)."""
    foreign: list[str] = field(default_factory=list)
    """Cache files whose signature does not match this user's key, or that are damaged."""
    unreadable: list[str] = field(default_factory=list)


def survey(base: Path) -> CacheSurvey:
    """Walk ``base`` (a ``.catalog_cache`` folder) and classify each cache file."""
    found = CacheSurvey()
    for folder, dirs, names in os.walk(base):
        if Path(folder) == base:
            found.generations = len(dirs)
        for name in sorted(names):
            path = Path(folder) / name
            try:
                data = path.read_bytes()
            except OSError:
                found.unreadable.append(display_path(path))
                continue
            found.files += 1
            found.bytes += len(data)
            if not name.endswith(".pickle"):
                continue
            signature, payload = data[:_SIGNATURE], data[_SIGNATURE:]
            if len(data) > _SIGNATURE and hmac.compare_digest(signature, _sign(payload)):
                found.signed += 1
            elif data[:1] == bytes([_PICKLE_PROTOCOL]):
                found.unsigned.append(display_path(path))
            else:
                found.foreign.append(display_path(path))
    return found


def cache(root: Path) -> Check:
    """Health of ``<root>/.catalog_cache``."""
    title = Text("结果缓存", "result cache")
    base = root / CACHE_DIR
    shown = display_path(base)
    delete = Text(
        f"删除 {shown} 即可,下次 validate 会重建。",
        f"Delete {shown}; the next validate rebuilds it.",
    )
    if not base.exists():
        return Check(
            "cache",
            title,
            Status.OK,
            Text("还没有缓存(首次 validate 时创建)", "no cache yet (validate creates it)"),
        )
    if not base.is_dir():
        return Check(
            "cache",
            title,
            Status.WARNING,
            Text(f"{shown} 不是文件夹,缓存无法使用", f"{shown} is not a folder: no caching"),
            delete,
        )
    found = survey(base)
    facts: dict[str, object] = {
        "path": shown,
        "files": found.files,
        "bytes": found.bytes,
        "generations": found.generations,
        "signed": found.signed,
        "unsigned": len(found.unsigned),
        "foreign": len(found.foreign),
        "unreadable": len(found.unreadable),
    }
    size = _size(found.bytes)
    tagged = _tagged(base / CACHEDIR_TAG)
    if found.unreadable:
        return Check(
            "cache",
            title,
            Status.WARNING,
            Text(
                f"{len(found.unreadable)} 个缓存文件无法读取(将被忽略)",
                f"{len(found.unreadable)} cache files cannot be read (they are ignored)",
            ),
            delete,
            tuple(found.unreadable[:EXAMPLES]),
            facts,
        )
    if found.unsigned:
        return Check(
            "cache",
            title,
            Status.WARNING,
            Text(
                f"{len(found.unsigned)} 个缓存文件没有签名:加载它们会执行其中的任何代码",
                f"{len(found.unsigned)} cache files are not signed: loading one would run "
                "whatever code it holds",
            ),
            Text(
                f"删除 {shown};不要提交或从别处复制缓存。若新写入的缓存仍无签名,请升级 catalog-tool。",
                f"Delete {shown}; never commit or copy a cache in. If fresh cache files are "
                "still unsigned, upgrade catalog-tool.",
            ),
            tuple(found.unsigned[:EXAMPLES]),
            facts,
        )
    if found.foreign:
        return Check(
            "cache",
            title,
            Status.WARNING,
            Text(
                f"{len(found.foreign)} 个缓存文件的签名不符(损坏,或用别的密钥写入),将被忽略并重建",
                f"{len(found.foreign)} cache files fail their signature (damaged, or written "
                "with another key); they are ignored and rebuilt",
            ),
            Text(
                f"CI 恢复的缓存须设置同一个 CATALOG_CACHE_SECRET;否则删除 {shown}。",
                f"A cache restored in CI needs the same CATALOG_CACHE_SECRET; otherwise delete {shown}.",
            ),
            tuple(found.foreign[:EXAMPLES]),
            facts,
        )
    if not tagged:
        return Check(
            "cache",
            title,
            Status.WARNING,
            Text(
                f"{shown} 缺少有效的 {CACHEDIR_TAG}(备份工具会把缓存当作数据备份)",
                f"{shown} has no valid {CACHEDIR_TAG} (backup tools will back it up)",
            ),
            delete,
            facts=facts,
        )
    return Check(
        "cache",
        title,
        Status.OK,
        Text(
            f"{shown}:{found.files} 个文件,{size},签名有效",
            f"{shown}: {found.files} files, {size}, signatures valid",
        ),
        facts=facts,
    )


def _tagged(tag: Path) -> bool:
    try:
        with tag.open("rb") as handle:
            return handle.read(len(TAG_SIGNATURE)) == TAG_SIGNATURE
    except OSError:
        return False


def _size(count: int) -> str:
    size = float(count)
    for unit in ("B", "KiB", "MiB"):
        if size < 1024:
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GiB"
