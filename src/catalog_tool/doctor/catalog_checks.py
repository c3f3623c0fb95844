"""Checks of one catalog: where it is, its config, its law registry, write access, the lock."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from catalog_tool.catalog.layout import Layout, display_path
from catalog_tool.config import LoadedConfig, find_config, load_config
from catalog_tool.doctor.model import Check, Status
from catalog_tool.errors import CatalogError
from catalog_tool.io.lock import LOCK_FILE

# The lock module decides staleness for the writers; the doctor must agree with it exactly,
# so it asks the same functions rather than repeating the rule.
from catalog_tool.io.lock import _read as read_lock
from catalog_tool.io.lock import _stale as lock_is_stale
from catalog_tool.text import Text

CONFIG_TITLE = Text("配置文件", "config file")


def catalog_found(root: Path, layout: Layout) -> Check:
    """The catalog root that the other checks look at."""
    shown = display_path(root)
    regions = len({f.split("/", 1)[0] for f in layout.items})
    return Check(
        "catalog",
        Text("事项目录", "catalog"),
        Status.OK,
        Text(
            f"{shown}:{len(layout.items)} 个事项文件,{regions} 个区划文件夹",
            f"{shown}: {len(layout.items)} item files in {regions} region folders",
        ),
        facts={"root": shown, "items": len(layout.items), "regions": regions},
    )


def no_catalog(start: Path) -> Check:
    """No catalog where the doctor looked: the catalog checks are skipped."""
    shown = display_path(start)
    return Check(
        "catalog",
        Text("事项目录", "catalog"),
        Status.WARNING,
        Text(
            f"{shown} 中没有事项目录(regions.yaml),跳过目录的检查",
            f"no catalog (regions.yaml) in {shown}; the catalog checks were skipped",
        ),
        Text(
            "在目录仓库中运行,或指定目录:catalog doctor items;新建目录用 catalog init。",
            "Run it in a catalog repository or name one: catalog doctor items; "
            "catalog init makes a new one.",
        ),
    )


def config(start: Path, explicit: Path | None) -> tuple[Check, LoadedConfig | None]:
    """The config file that commands run from ``start`` use, and whether it is valid."""
    try:
        path = explicit if explicit is not None else find_config(start)
        loaded = load_config(path)
    except CatalogError as error:
        return (
            Check("config", CONFIG_TITLE, Status.ERROR, error.text, error.hint),
            None,
        )
    if loaded.path is None:
        return (
            Check(
                "config",
                CONFIG_TITLE,
                Status.OK,
                Text("没有配置文件,使用默认设置", "no config file: the defaults apply"),
                Text(
                    "catalog init 可生成写出全部设置的 catalog.toml。",
                    "catalog init writes a catalog.toml with every setting.",
                ),
            ),
            loaded,
        )
    shown = display_path(loaded.path)
    baseline = loaded.config.baseline
    if baseline is not None and not ((loaded.base or Path()) / baseline).is_file():
        missing = display_path((loaded.base or Path()) / baseline)
        return (
            Check(
                "config",
                CONFIG_TITLE,
                Status.ERROR,
                Text(
                    f"{shown} 有效,但其中的 baseline 文件 {missing} 不存在",
                    f"{shown} is valid, but its baseline {missing} does not exist",
                ),
                Text(
                    "运行 catalog baseline write 生成它,或从配置中删去 baseline。",
                    "Run catalog baseline write, or remove baseline from the config.",
                ),
                facts={"path": shown},
            ),
            loaded,
        )
    return (
        Check(
            "config",
            CONFIG_TITLE,
            Status.OK,
            Text(f"{shown} 有效", f"{shown} is valid"),
            facts={"path": shown},
        ),
        loaded,
    )


def laws(root: Path | None, loaded: LoadedConfig | None) -> Check:
    """The law registry the L rules check citations against loads."""
    from catalog_tool.legal.catalog_registry import catalog_registry
    from catalog_tool.legal.files import registry_path
    from catalog_tool.legal.registry import bundled

    title = Text("法律库", "law registry")
    settings = loaded.config if loaded is not None else None
    configured = settings.laws if settings is not None else None
    base = loaded.base if loaded is not None else None
    try:
        registry = catalog_registry(root, configured, base) if root is not None else bundled()
        own = registry_path(root, configured, base) if root is not None else None
    except CatalogError as error:
        return Check("laws", title, Status.ERROR, error.text, error.hint)
    count = len(registry)
    if own is None:
        summary = Text(f"内置法律库,{count} 部法律法规", f"the bundled registry: {count} laws")
    else:
        shown = display_path(own)
        summary = Text(
            f"内置法律库加本目录的 {shown},共 {count} 部",
            f"the bundled registry with {shown}: {count} laws",
        )
    return Check("laws", title, Status.OK, summary, facts={"laws": count})


def writable(root: Path) -> Check:
    """The catalog root accepts new files (fmt, import and merge write through temp files)."""
    title = Text("目录可写", "catalog writable")
    try:
        handle, name = tempfile.mkstemp(prefix=".catalog-doctor-", suffix=".tmp", dir=root)
        os.close(handle)
        Path(name).unlink()
    except OSError as error:
        return Check(
            "writable",
            title,
            Status.WARNING,
            Text(
                f"{display_path(root)} 不可写({error.strerror}):validate 可用,"
                "fmt、import、merge 无法写入",
                f"{display_path(root)} is not writable ({error.strerror}): validate works, "
                "fmt, import and merge cannot write",
            ),
            Text("检查文件夹的所有者和权限。", "Check the folder's owner and permissions."),
        )
    return Check(
        "writable", title, Status.OK, Text(f"{display_path(root)} 可写", "the root is writable")
    )


def lock(root: Path) -> Check:
    """A ``.catalog.lock`` left behind, or held by a running writer."""
    title = Text("目录锁", "catalog lock")
    path = root / LOCK_FILE
    if not path.exists():
        return Check("lock", title, Status.OK, Text("没有锁文件", "no lock file"))
    holder = read_lock(path)
    who = "?"
    if holder is not None:
        try:
            started = time.strftime(
                "%Y-%m-%d %H:%M:%S", time.localtime(float(holder.get("started", 0)))
            )
        except (TypeError, ValueError, OverflowError, OSError):
            started = "?"  # a damaged lock file still gets reported, not a crash
        who = f"{holder.get('command', 'catalog')} (pid {holder.get('pid')}, {holder.get('host')}, {started})"
    shown = display_path(path)
    if lock_is_stale(holder, path):
        return Check(
            "lock",
            title,
            Status.WARNING,
            Text(
                f"{shown} 是已结束的进程留下的:{who};下一个写入的命令会接管它",
                f"{shown} was left by a process that ended: {who}; the next writer takes it over",
            ),
            Text(
                f"确认没有 catalog 命令在运行后,可删除 {shown}。",
                f"Once no catalog command is running, delete {shown}.",
            ),
            facts={"path": shown, "stale": True},
        )
    return Check(
        "lock",
        title,
        Status.WARNING,
        Text(f"目录正被 {who} 使用", f"the catalog is locked by {who}"),
        Text(
            "等它结束;fmt、import、merge 会等待或提示被锁。",
            "Wait for it to finish; fmt, import and merge wait for it or stop.",
        ),
        facts={"path": shown, "stale": False},
    )
