"""``--changed-since REF``: which files of a catalog changed, according to git."""

from __future__ import annotations

import contextlib
import hashlib
import re
import subprocess
from collections.abc import Sequence
from pathlib import Path

from catalog_tool.catalog.layout import ITEM_SUFFIXES
from catalog_tool.errors import CatalogError
from catalog_tool.model.codes import REGION_PATTERN
from catalog_tool.text import Text

_REGION = re.compile(REGION_PATTERN)


def _git(args: Sequence[str], cwd: Path) -> str:
    return _finish(_start(args, cwd), args)


def _start(args: Sequence[str], cwd: Path) -> subprocess.Popen[str]:
    try:
        return subprocess.Popen(
            ["git", *args],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    except FileNotFoundError:
        raise CatalogError(
            Text(
                "--changed-since 需要 git,但找不到 git 命令",
                "--changed-since needs git, which is not installed",
            ),
            Text(
                "安装 git,或去掉 --changed-since 做完整检查。",
                "Install git, or run without --changed-since.",
            ),
        ) from None


def _finish(process: subprocess.Popen[str], args: Sequence[str]) -> str:
    try:
        stdout, stderr = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        stdout, stderr = process.communicate()
        stderr = stderr or "timed out after 60 s"
    if process.returncode != 0:
        problem = stderr.strip().splitlines()[-1] if stderr.strip() else "git failed"
        raise CatalogError(
            Text(
                f"git {' '.join(args[:2])} 失败:{problem}",
                f"git {' '.join(args[:2])} failed: {problem}",
            ),
            Text(
                "确认目录在 git 仓库中,且修订名存在(如 origin/main、HEAD~1)。",
                "Check that the catalog is in a git repository and the revision exists.",
            ),
        )
    return stdout


def changed_files(root: Path, ref: str, also: Sequence[Path] = ()) -> frozenset[str] | None:
    """Item files under ``root`` changed since ``ref``: committed, staged, unstaged, untracked
    or deleted, relative to ``root``. None when a change reaches the whole catalog:
    ``regions.yaml``, forms, the law registry or one of ``also`` (the config file)."""
    top = Path(_git(["rev-parse", "--show-toplevel"], root).strip())
    top = top.resolve()
    base = root.resolve().relative_to(top)
    extra = [p.resolve() for p in also if p.resolve().is_relative_to(top)]
    scope = [base.as_posix() or ".", *(p.relative_to(top).as_posix() for p in extra)]
    # The two listings run side by side: each walks the whole work tree.
    commands = (
        ["diff", "--name-only", "-z", ref, "--", *scope],
        ["ls-files", "--others", "--exclude-standard", "-z", "--", *scope],
    )
    started = [(_start(args, top), args) for args in commands]
    try:
        listed = [name for process, args in started for name in _finish(process, args).split("\0")]
    finally:
        for process, _ in started:
            if process.poll() is None:  # the other one failed: this one is not wanted
                process.kill()
            process.communicate()  # reaps it and closes its pipes
    changed: set[str] = set()
    for name in filter(None, listed):
        path = top / name
        if path.resolve() in extra:
            return None
        relative = Path(name).relative_to(base).as_posix() if base.parts else name
        parts = relative.split("/")
        if len(parts) == 2 and _REGION.match(parts[0]) and parts[1].endswith(ITEM_SUFFIXES):
            changed.add(relative)
        elif not parts[0].startswith("."):
            return None
    return frozenset(changed)


def worktree_fingerprint(root: Path, items: Sequence[str]) -> str | None:
    """A hash that changes whenever an item file may have changed, from git's own view.

    HEAD, plus everything ``git status`` reports under the root (modified, staged,
    untracked or ignored files, with their stat), plus the list of item files. git checks
    the work tree against its index with its own stat cache, several times faster than
    statting every file here. None when the root is not in a git work tree.
    """
    return Fingerprint(root).result(items)


class Fingerprint:
    """:func:`worktree_fingerprint`, with git started at once and waited for at the end.

    git needs a few hundred milliseconds on a large catalog; started before the catalog
    is scanned and the configuration read, it runs while they do.
    """

    def __init__(self, root: Path) -> None:
        self._processes: list[subprocess.Popen[bytes]] = []
        try:
            for args in (
                ["rev-parse", "--show-toplevel", "HEAD"],
                # Porcelain paths are relative to the top of the work tree, whatever the cwd.
                ["status", "--porcelain=v1", "-z", "--untracked-files=all",
                 "--ignored=matching", "--", "."],
            ):  # fmt: skip
                self._processes.append(
                    subprocess.Popen(
                        ["git", *args],
                        cwd=root,
                        stdin=subprocess.DEVNULL,
                        stdout=subprocess.PIPE,
                        stderr=subprocess.DEVNULL,
                    )
                )
        except (OSError, ValueError, subprocess.SubprocessError):
            self.cancel()
            self._processes = []

    def result(self, items: Sequence[str]) -> str | None:
        """The fingerprint (None when git is missing or the root is not in a work tree)."""
        if len(self._processes) != 2:
            return None
        try:
            rev_out = self._output(self._processes[0], 30)
            status_out = self._output(self._processes[1], 60)
        finally:
            self.cancel()
        if rev_out is None or status_out is None:
            return None
        lines = rev_out.decode("utf-8", "surrogateescape").split("\n")
        if len(lines) < 2:
            return None
        top, head = Path(lines[0]), lines[1]
        digest = hashlib.blake2b(head.encode(), digest_size=16)
        for entry in status_out.split(b"\0"):
            name = entry[3:].decode("utf-8", "surrogateescape")
            if not name or any(part.startswith(".") for part in Path(name).parts):
                continue  # hidden files (the cache itself, .git…) are never items
            digest.update(entry[:3] + name.encode("utf-8", "surrogateescape"))
            with contextlib.suppress(OSError):
                info = (top / name).stat()
                digest.update(
                    f"\0{info.st_mtime_ns}\0{info.st_ctime_ns}\0{info.st_size}\n".encode()
                )
        digest.update("\n".join(items).encode())
        return digest.hexdigest()

    def cancel(self) -> None:
        """Stop git if it still runs (the result is not wanted)."""
        for process in self._processes:
            if process.poll() is None:
                process.kill()
            process.wait()
            if process.stdout is not None:
                process.stdout.close()

    @staticmethod
    def _output(process: subprocess.Popen[bytes], timeout: float) -> bytes | None:
        try:
            out, _ = process.communicate(timeout=timeout)
        except (OSError, ValueError, subprocess.SubprocessError):
            return None
        return out if process.returncode == 0 else None
