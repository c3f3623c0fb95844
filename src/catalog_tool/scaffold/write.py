"""Write a scaffold: create what is missing, keep what exists (unless forced), atomically."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from catalog_tool.errors import CatalogError
from catalog_tool.io.atomic import write_text
from catalog_tool.scaffold.plan import PlannedFile
from catalog_tool.text import Text


@dataclass(frozen=True, slots=True)
class InitResult:
    """What ``catalog init`` did, by path relative to the repository (``/`` separators)."""

    root: Path
    """The repository folder."""
    created: tuple[str, ...]
    """Files that did not exist and were written."""
    overwritten: tuple[str, ...]
    """Files that existed and were replaced (only with ``force``)."""
    skipped: tuple[str, ...]
    """Files that existed and were left as they were."""


def write_files(root: Path, files: Iterable[PlannedFile], *, force: bool) -> InitResult:
    """Write ``files`` under ``root``. An existing file is kept unless ``force``; a path
    that leads outside ``root`` (through a symbolic link) is refused before anything is
    written."""
    planned = list(files)
    base = root.resolve()
    for file in planned:
        target = root / file.path
        if not target.resolve().is_relative_to(base):
            raise CatalogError(
                Text(
                    f"{target} 指向 {root} 之外(符号链接),不会写入",
                    f"{target} leads outside {root} (a symbolic link); nothing was written",
                ),
                Text("删除或改正该链接后再运行。", "Remove or fix the link and run again."),
            )
        if target.is_dir():
            raise CatalogError(
                Text(f"{target} 是文件夹,这里需要写一个文件", f"{target} is a folder, not a file"),
                Text("移走该文件夹后再运行。", "Move the folder away and run again."),
            )
    created: list[str] = []
    overwritten: list[str] = []
    skipped: list[str] = []
    for file in planned:
        target = root / file.path
        exists = target.exists() or target.is_symlink()
        if exists and not force:
            skipped.append(file.path)
            continue
        try:
            write_text(target, file.content)
        except OSError as err:
            raise CatalogError(
                Text(f"无法写入 {target}:{err.strerror}", f"cannot write {target}: {err.strerror}"),
                Text("检查文件夹的写权限。", "Check that the folder is writable."),
            ) from None
        (overwritten if exists else created).append(file.path)
    return InitResult(root, tuple(created), tuple(overwritten), tuple(skipped))
