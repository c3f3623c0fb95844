"""Where a catalog is on disk: its root, item files and other files (forms, samples)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from catalog_tool.errors import CatalogError
from catalog_tool.model.codes import CODE_PATTERN, REGION_PATTERN
from catalog_tool.text import Text

REGIONS_FILE = "regions.yaml"
ITEM_SUFFIXES = (".yaml", ".yml")
_REGION_DIR = re.compile(REGION_PATTERN)
_CODE = re.compile(CODE_PATTERN)


@dataclass(frozen=True, slots=True)
class Layout:
    """The files of a catalog, relative to its root, with ``/`` separators."""

    root: Path
    items: tuple[str, ...]
    """Item files: ``<region>/<name>.yaml`` in every region-like folder."""
    assets: frozenset[str]
    """Every other file (blank forms, samples, results)."""


def find_root(path: Path) -> Path:
    """The catalog root for ``path``: the folder itself or the nearest one above with
    ``regions.yaml``. A folder with an ``items/`` catalog inside is accepted too."""
    path = path.resolve()
    if not path.exists():
        raise CatalogError(
            Text(f"路径不存在:{path}", f"no such path: {path}"),
            Text("检查路径拼写。", "Check the path."),
        )
    start = path if path.is_dir() else path.parent
    if (start / "items" / REGIONS_FILE).is_file() and not (start / REGIONS_FILE).is_file():
        return start / "items"
    for folder in (start, *start.parents):
        if (folder / REGIONS_FILE).is_file():
            return folder
    raise CatalogError(
        Text(
            f"{path} 不在事项目录中:找不到 {REGIONS_FILE}",
            f"{path} is not in a catalog: no {REGIONS_FILE} found",
        ),
        Text(
            "目录根文件夹须有 regions.yaml 和按区划代码命名的子文件夹;可用 catalog init 创建。",
            "A catalog root holds regions.yaml and one folder per region; "
            "'catalog init' makes one.",
        ),
    )


def scan(root: Path) -> Layout:
    """List the item files and the other files under ``root`` (hidden folders skipped)."""
    items: list[str] = []
    assets: set[str] = set()
    with os.scandir(root) as top:
        entries = sorted(top, key=lambda e: e.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and _REGION_DIR.match(entry.name):
            _scan_region(root, entry, items, assets)
        elif entry.is_dir():
            assets.update(_walk(root, Path(entry.path)))
        elif entry.name != REGIONS_FILE:
            assets.add(entry.name)
    return Layout(root=root, items=tuple(items), assets=frozenset(assets))


def _scan_region(
    root: Path,
    folder: os.DirEntry[str],
    items: list[str],
    assets: set[str],
) -> None:
    # A region may hold thousands of items: names are sorted as plain strings, and the
    # prefix is added once they are (this runs on every validate, cached or not).
    names: list[str] = []
    with os.scandir(folder.path) as listing:
        for entry in listing:
            name = entry.name
            if entry.is_dir():
                if not name.startswith("."):
                    assets.update(_walk(root, Path(entry.path)))
            elif name.endswith(ITEM_SUFFIXES):
                names.append(name)
            else:
                assets.add(f"{folder.name}/{name}")
    names.sort()
    prefix = f"{folder.name}/"
    items.extend([prefix + name for name in names])


def _walk(root: Path, folder: Path) -> set[str]:
    found: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        base = Path(dirpath).relative_to(root).as_posix()
        found.update(f"{base}/{name}" for name in filenames)
    return found


def item_stats(root: Path, items: Iterable[str]) -> dict[str, tuple[int, int, int]]:
    """(mtime and ctime in ns, size) of each item file that can be stat'ed (links
    followed). The ctime changes with every write, even one that puts the old mtime back
    (``touch -r``): nothing but the system clock can set it."""
    stats: dict[str, tuple[int, int, int]] = {}
    prefix = f"{root}{os.sep}"
    for file in items:
        try:
            info = os.stat(prefix + file)  # noqa: PTH116 - 55k calls: pathlib would double it
        except OSError:
            continue  # reported as Y007 when the file is read
        stats[file] = (info.st_mtime_ns, info.st_ctime_ns, info.st_size)
    return stats


def item_path(root: Path, region: str, code: str) -> Path:
    """Where the item ``code`` of ``region`` lives, refusing anything that would leave the
    root: both parts must be codes (digits only), never ``..`` or a path separator."""
    if not _REGION_DIR.fullmatch(region) or not _CODE.fullmatch(code):
        raise CatalogError(
            Text(
                f"区划“{region}”或基本编码“{code}”不是有效的代码,不能作为文件名",
                f"region {region!r} or code {code!r} is not a valid code and cannot name a file",
            ),
            Text(
                "区划为 6、9 或 12 位数字,基本编码为 12 位数字。",
                "Regions are 6, 9 or 12 digits; codes are 12 digits.",
            ),
        )
    path = root / region / f"{code}.yaml"
    if not path.resolve().is_relative_to(root.resolve()):
        raise CatalogError(
            Text(f"{path} 在目录之外", f"{path} lies outside the catalog"),
            Text(
                "不要让区划文件夹链接到目录之外。",
                "Do not link region folders outside the catalog.",
            ),
        )
    return path


def display_path(path: Path) -> str:
    """``path`` as the user should see it: relative to the working directory if inside."""
    # abspath, not resolve: a symbolic link is shown as itself, not as its target.
    absolute = Path(os.path.abspath(path))  # noqa: PTH100
    try:
        return absolute.relative_to(Path.cwd()).as_posix() or "."
    except ValueError:
        return absolute.as_posix()


def is_root(path: Path) -> bool:
    """True when ``path`` is a catalog root (or a folder holding one in ``items/``)."""
    return path.is_dir() and (
        (path / REGIONS_FILE).is_file() or (path / "items" / REGIONS_FILE).is_file()
    )
