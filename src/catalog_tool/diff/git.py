"""Read a catalog straight out of git: trees, blobs and file history, never a checkout.

Every blob goes through one ``git cat-file --batch`` process: starting a process per file
would cost more than reading 55k files. Tree listings come from ``git ls-tree -r -z``.
"""

from __future__ import annotations

import contextlib
import subprocess
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO

from catalog_tool.errors import CatalogError
from catalog_tool.text import Text

_NO_BLOB = "0" * 40


@dataclass(frozen=True, slots=True)
class TreeEntry:
    """One file of a tree listing."""

    path: str
    """Path relative to the top of the repository, with ``/`` separators."""
    blob: str
    """The blob id."""
    mode: str
    """The git file mode (``100644``, ``120000`` for a symbolic link …)."""


def _not_installed() -> CatalogError:
    return CatalogError(
        Text("需要 git,但找不到 git 命令", "git is needed but not installed"),
        Text("安装 git,或比较两个文件夹。", "Install git, or compare two folders."),
    )


def run_git(args: Sequence[str], cwd: Path, *, check: bool = True) -> str | None:
    """Run ``git args`` in ``cwd``; its stdout, or None on failure when ``check`` is off."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, check=False, timeout=300
        )
    except FileNotFoundError:
        raise _not_installed() from None
    if done.returncode != 0:
        if not check:
            return None
        stderr = done.stderr.decode("utf-8", "replace").strip()
        problem = stderr.splitlines()[-1] if stderr else "git failed"
        raise CatalogError(
            Text(f"git {args[0]} 失败:{problem}", f"git {args[0]} failed: {problem}"),
            Text(
                "确认目录在 git 仓库中,且修订名存在(如 main、HEAD~1、v2024)。",
                "Check that the catalog is in a git repository and the revision exists.",
            ),
        )
    return done.stdout.decode("utf-8", "surrogateescape")


def toplevel(start: Path) -> Path | None:
    """The top folder of the git work tree holding ``start``, or None outside git."""
    folder = start if start.is_dir() else start.parent
    try:
        out = run_git(["rev-parse", "--show-toplevel"], folder, check=False)
    except CatalogError:
        return None
    return Path(out.strip()).resolve() if out else None


def resolve_revision(top: Path, spec: str) -> str | None:
    """The commit id ``spec`` names in the repository at ``top``, or None if it names none."""
    if spec.startswith("-"):
        return None  # never let a revision be read as an option
    out = run_git(["rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}"], top, check=False)
    return out.strip() if out else None


def list_tree(top: Path, revision: str, folder: str) -> list[TreeEntry]:
    """Files under ``folder`` (relative to ``top``; ``""`` for all) at ``revision``."""
    scope = [folder] if folder else []
    out = run_git(["ls-tree", "-r", "-z", "--full-tree", revision, "--", *scope], top)
    entries: list[TreeEntry] = []
    for record in (out or "").split("\0"):
        if not record:
            continue
        meta, _, path = record.partition("\t")
        mode, kind, blob = meta.split(" ")
        if kind == "blob":
            entries.append(TreeEntry(path, blob, mode))
    return entries


def file_history(top: Path, folder: str) -> dict[str, set[str]]:
    """Every blob id each file under ``folder`` has had in the history of ``HEAD``.

    One ``git log`` over the folder, not one per file: a merge may look for the bases of
    thousands of upstream items. Empty when there is no history (no commit yet).
    """
    scope = [folder] if folder else []
    out = run_git(
        ["log", "--format=", "--raw", "-z", "--no-abbrev", "--no-renames", "HEAD", "--", *scope],
        top,
        check=False,
    )
    history: dict[str, set[str]] = {}
    fields = (out or "").split("\0")
    i = 0
    while i < len(fields):
        meta = fields[i].lstrip("\n")
        i += 1
        if not meta.startswith(":") or i >= len(fields):
            continue
        path = fields[i]
        i += 1
        parts = meta[1:].split(" ")
        if len(parts) < 4:
            continue
        blobs = history.setdefault(path, set())
        blobs.update(b for b in (parts[2], parts[3]) if b != _NO_BLOB)
    return history


class BlobReader:
    """One ``git cat-file --batch`` process that serves every blob a command needs."""

    def __init__(self, top: Path) -> None:
        self.top = top
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def _start(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            try:
                self._process = subprocess.Popen(
                    ["git", "cat-file", "--batch"],
                    cwd=self.top,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                )
            except FileNotFoundError:
                raise _not_installed() from None
        return self._process

    def read(self, blob: str) -> bytes:
        """The content of one blob (request and answer in turn: no deadlock possible)."""
        process = self._start()
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(f"{blob}\n".encode())
        process.stdin.flush()
        return self._answer(process.stdout, blob)

    def read_many(self, blobs: Iterable[str]) -> dict[str, bytes]:
        """The contents of many blobs, streamed through the one process.

        A thread writes the requests while this one reads the answers: writing them all
        first would fill both pipes and hang.
        """
        wanted = list(dict.fromkeys(blobs))
        if not wanted:
            return {}
        process = self._start()
        assert process.stdin is not None and process.stdout is not None
        stdin = process.stdin
        failure: list[BaseException] = []

        def feed() -> None:
            try:
                for start in range(0, len(wanted), 512):
                    chunk = wanted[start : start + 512]
                    stdin.write("".join(f"{b}\n" for b in chunk).encode())
                stdin.flush()
            except (BrokenPipeError, OSError) as error:
                failure.append(error)

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        try:
            return {blob: self._answer(process.stdout, blob) for blob in wanted}
        finally:
            writer.join()

    def _answer(self, stdout: IO[bytes], blob: str) -> bytes:
        header = stdout.readline().split()
        if len(header) != 3:
            self.close()
            raise CatalogError(
                Text(f"git 中找不到对象 {blob}", f"git has no object {blob}"),
                Text("仓库可能不完整(浅克隆?)。", "The repository may be incomplete (shallow?)."),
            )
        size = int(header[2])
        data = stdout.read(size)
        stdout.read(1)  # the newline after each object
        return data

    def close(self) -> None:
        """End the process."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.stdin is not None:
            with contextlib.suppress(OSError):
                process.stdin.close()
        if process.stdout is not None:
            process.stdout.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
