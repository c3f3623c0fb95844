"""The law registry a catalog is checked against: the bundled one plus its own file."""

from __future__ import annotations

import hashlib
import importlib.resources
from pathlib import Path

from pydantic import ValidationError
from ruamel.yaml.error import YAMLError

from catalog_tool.errors import CatalogError
from catalog_tool.legal.registry import BUNDLED_RESOURCE, LawRegistry, bundled
from catalog_tool.text import Text

CATALOG_LAWS = ("laws.yaml", "laws.yml", "laws.json")
"""File names a catalog root may use for its own registry."""


def registry_path(root: Path, configured: str | None, base: Path | None) -> Path | None:
    """The catalog's own registry file: as configured, else ``laws.yaml`` in the root."""
    if configured is not None:
        path = (base or root) / configured
        if not path.is_file():
            raise CatalogError(
                Text(
                    f"配置的法律库文件不存在:{path}",
                    f"the configured law registry does not exist: {path}",
                ),
                Text(
                    "检查配置中的 laws 路径(相对于配置文件)。",
                    "Check the laws path (relative to the config file).",
                ),
            )
        return path
    return next((root / n for n in CATALOG_LAWS if (root / n).is_file()), None)


def registry_fingerprint(
    root: Path, configured: str | None = None, base: Path | None = None
) -> str:
    """A hash of the registry a catalog uses, from the files alone (nothing is parsed)."""
    digest = hashlib.blake2b(digest_size=12)
    digest.update(importlib.resources.files("catalog_tool").joinpath(BUNDLED_RESOURCE).read_bytes())
    path = registry_path(root, configured, base)
    if path is not None:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def catalog_registry(
    root: Path, configured: str | None = None, base: Path | None = None
) -> LawRegistry:
    """The bundled registry with the catalog's own entries over it."""
    path = registry_path(root, configured, base)
    if path is None:
        return bundled()
    try:
        return bundled().overlay(LawRegistry.load(path))
    except ValidationError as err:
        first = err.errors(include_url=False)[0]
        where = "/".join(str(p) for p in first["loc"])
        raise CatalogError(
            Text(
                f"法律库文件 {path} 有误({where}):{first['msg']}",
                f"{path}: {where}: {first['msg']}",
            ),
            Text(
                "对照 schemas/laws.schema.json 修改;运行 catalog laws check 自检。",
                "See schemas/laws.schema.json; run 'catalog laws check'.",
            ),
        ) from None
    except (OSError, ValueError, YAMLError) as err:
        raise CatalogError(
            Text(f"无法读取法律库文件 {path}:{err}", f"cannot read the law registry {path}: {err}"),
            Text(
                "文件须为 JSON 或 YAML,格式见 schemas/laws.schema.json。",
                "It must be JSON or YAML; see schemas/laws.schema.json.",
            ),
        ) from None
