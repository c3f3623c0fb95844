"""The encoding of a catalog's files: UTF-8 or not, GB18030, byte order marks, CRLF.

Reads bytes only, never YAML: on a province's 55k files the scan costs the reads and one
UTF-8 decode per file, so ``catalog doctor`` stays a matter of seconds.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from catalog_tool.catalog.layout import REGIONS_FILE, Layout, display_path
from catalog_tool.doctor.model import Check, Status
from catalog_tool.io.decode import UTF8_BOM
from catalog_tool.text import Text

EXAMPLES = 5
"""How many files of each kind the check names."""


@dataclass(slots=True)
class EncodingSurvey:
    """Files of a catalog by encoding problem (paths relative to the root)."""

    files: int = 0
    gb18030: list[str] = field(default_factory=list)
    """Not UTF-8, but valid GB18030 (Chinese Windows): ``catalog fmt`` converts them."""
    undecodable: list[str] = field(default_factory=list)
    """Neither UTF-8 nor GB18030."""
    bom: list[str] = field(default_factory=list)
    """UTF-8 with a byte order mark."""
    crlf: list[str] = field(default_factory=list)
    """Windows line endings."""
    unreadable: list[str] = field(default_factory=list)

    @property
    def not_utf8(self) -> int:
        """Files that are not UTF-8 at all."""
        return len(self.gb18030) + len(self.undecodable)


def survey(root: Path, layout: Layout) -> EncodingSurvey:
    """Classify ``regions.yaml`` and every item file of the catalog at ``root``."""
    found = EncodingSurvey()
    prefix = f"{root}/"
    for rel in (REGIONS_FILE, *layout.items):
        try:
            data = _read(prefix + rel)
        except OSError:
            found.unreadable.append(rel)
            continue
        found.files += 1
        if data.startswith(UTF8_BOM):
            found.bom.append(rel)
            data = data[len(UTF8_BOM) :]
        # A lone CR is rare: the one-byte search (memchr) settles most files at once.
        if b"\r" in data and b"\r\n" in data:
            found.crlf.append(rel)
        if data.isascii():
            continue
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                data.decode("gb18030")
            except UnicodeDecodeError:
                found.undecodable.append(rel)
            else:
                found.gb18030.append(rel)
    return found


_CHUNK = 1 << 16


def _read(path: str) -> bytes:
    """The bytes of ``path`` through the bare system calls: on 55k small files, Python's
    buffered file objects cost about as much again as the reads themselves. Anything but a
    regular file (a named pipe would block the read forever) raises OSError."""
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", path)
        data = os.read(handle, _CHUNK)
        if len(data) < _CHUNK:  # a short read of a regular file is its end
            return data
        parts = [data]
        while chunk := os.read(handle, _CHUNK):
            parts.append(chunk)
        return b"".join(parts)
    finally:
        os.close(handle)


def encoding(root: Path, layout: Layout) -> Check:
    """The encoding check of the catalog at ``root``."""
    found = survey(root, layout)
    shown = display_path(root)

    def paths(files: list[str]) -> list[str]:
        return [f"{shown}/{f}" if shown != "." else f for f in files[:EXAMPLES]]

    facts: dict[str, object] = {
        "files": found.files,
        "not_utf8": found.not_utf8,
        "gb18030": len(found.gb18030),
        "undecodable": len(found.undecodable),
        "bom": len(found.bom),
        "crlf": len(found.crlf),
        "unreadable": len(found.unreadable),
    }
    title = Text("文件编码", "file encoding")
    parts_zh: list[str] = []
    parts_en: list[str] = []
    details: list[str] = []
    # Details carry a short technical tag per file, the same in both languages.
    for files, tag, zh, en in (
        (found.unreadable, "unreadable", "{n} 个无法读取", "{n} unreadable"),
        (found.gb18030, "GB18030", "{n} 个是 GB18030 编码", "{n} in GB18030"),
        (
            found.undecodable,
            "unknown-encoding",
            "{n} 个既非 UTF-8 也非 GB18030",
            "{n} neither UTF-8 nor GB18030",
        ),
        (found.bom, "BOM", "{n} 个带 BOM", "{n} with a byte order mark"),
        (found.crlf, "CRLF", "{n} 个用 CRLF 换行", "{n} with CRLF line endings"),
    ):
        if files:
            parts_zh.append(zh.format(n=len(files)))
            parts_en.append(en.format(n=len(files)))
            details.extend(f"{path}  [{tag}]" for path in paths(files))
    if not parts_zh:
        return Check(
            "encoding",
            title,
            Status.OK,
            Text(
                f"{found.files} 个文件都是 UTF-8(无 BOM,LF 换行)",
                f"all {found.files} files are UTF-8 (no BOM, LF line endings)",
            ),
            facts=facts,
        )
    status = Status.ERROR if found.not_utf8 or found.unreadable else Status.WARNING
    summary = Text(
        f"{found.files} 个文件中:" + ",".join(parts_zh),
        f"of {found.files} files: " + ", ".join(parts_en),
    )
    if found.undecodable or found.unreadable:
        hint = Text(
            "无法识别或读取的文件须手工处理(用编辑器另存为 UTF-8,检查权限);"
            "其余运行 catalog fmt 改写为 UTF-8、去掉 BOM、统一换行。",
            "Fix unreadable or unknown-encoding files by hand (save as UTF-8, check "
            "permissions); catalog fmt rewrites the others as UTF-8 without BOM or CRLF.",
        )
    else:
        hint = Text(
            "运行 catalog fmt 改写为 UTF-8(GB18030 自动转码)、去掉 BOM、统一为 LF 换行;"
            "catalog fmt --check 可在 CI 中防止再次出现。",
            "Run catalog fmt: it rewrites them as UTF-8 (converting GB18030) without BOM "
            "or CRLF; catalog fmt --check in CI keeps them out.",
        )
    return Check("encoding", title, status, summary, hint, tuple(details), facts)
