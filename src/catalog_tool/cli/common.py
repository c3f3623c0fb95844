"""Options and helpers shared by the commands."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from catalog_tool.config import LoadedConfig, find_config, load_config
from catalog_tool.text import Lang

LangOption = Annotated[
    Lang | None,
    typer.Option("--lang", help="Language of messages: zh (default) or en.", show_default=False),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="catalog.toml or pyproject.toml to use instead of the nearest one.",
        exists=True,
        dir_okay=False,
    ),
]

JobsOption = Annotated[
    int | None,
    typer.Option("--jobs", "-j", min=1, help="Worker processes (default: the cores)."),
]
RegionOption = Annotated[
    str | None,
    typer.Option(help="Only this region (GB/T 2260 code) and the regions below it."),
]
RootArgument = Annotated[
    Path | None,
    typer.Argument(
        help="Catalog root (default: the config's root, else items/).", show_default=False
    ),
]


def pick_lang(option: Lang | None, config: LoadedConfig | None = None) -> Lang:
    """--lang, else CATALOG_LANG, else the config, else Chinese."""
    if option is not None:
        return option
    env = os.environ.get("CATALOG_LANG")
    if env in {lang.value for lang in Lang}:
        return Lang(env)
    return config.config.lang if config is not None else Lang.ZH


def config_near(path: Path | None, explicit: Path | None) -> LoadedConfig:
    """The explicit config, or the one nearest to ``path`` (or the working directory)."""
    if explicit is not None:
        return load_config(explicit)
    return load_config(find_config(path if path is not None else Path.cwd()))


def default_root(loaded: LoadedConfig) -> Path:
    """The catalog when none is given: the config's ``root``, else ``items/``, else here."""
    if loaded.config.root is not None and loaded.base is not None:
        return loaded.base / loaded.config.root
    return Path("items") if Path("items").is_dir() else Path()


def one_catalog(targets: list[Path], command: str) -> None:
    """Raise :class:`CatalogError` unless every path of ``targets`` is in one catalog: a
    command checks or rewrites one catalog, and a second one given must not be skipped
    silently (CI would pass on a catalog it never looked at)."""
    from catalog_tool.catalog.layout import find_root
    from catalog_tool.errors import CatalogError
    from catalog_tool.text import Text

    roots: dict[Path, Path] = {}
    by_folder: dict[Path, Path] = {}  # a pre-commit hook passes thousands of files
    for target in targets:
        folder = target.parent if target.suffix in (".yaml", ".yml") else target
        root = by_folder.get(folder)
        if root is None or not target.exists():  # find_root says a path does not exist
            root = by_folder[folder] = find_root(target)
        roots.setdefault(root, target)
    if len(roots) > 1:
        first, second = list(roots.values())[:2]
        raise CatalogError(
            Text(
                f"{first} 和 {second} 属于不同的事项目录,一次只能处理一个目录",
                f"{first} and {second} are in different catalogs; one catalog at a time",
            ),
            Text(
                f"分别运行 catalog {command} {first} 和 catalog {command} {second}。",
                f"Run catalog {command} {first} and catalog {command} {second} separately.",
            ),
        )


def stdout_dash(value: Path | None) -> Path | None:
    """Callback of an ``-o`` that may write to standard output: ``-o -`` means standard
    output, as no ``-o`` does (a file named "-" would be a surprise)."""
    return None if value is not None and str(value) == "-" else value


def file_only(value: Path | None) -> Path | None:
    """Callback of an ``-o`` that must name a file or folder (a workbook, a registry, a
    guide site): ``-o -`` would write a file named "-", so it is refused."""
    if value is not None and str(value) == "-":
        from catalog_tool.errors import CatalogError
        from catalog_tool.text import Text

        raise CatalogError(
            Text(
                "“-”表示标准输出,而这里要写的是文件(或文件夹)",
                "'-' means standard output, and this writes a file (or folder)",
            ),
            Text(
                "给出要写入的路径,如 -o 清单.xlsx。",
                "Give the path to write, such as -o list.xlsx.",
            ),
        )
    return value


def err(text: str) -> None:
    """Print to stderr."""
    sys.stderr.write(text + "\n")
