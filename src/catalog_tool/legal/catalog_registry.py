"""The law registry a catalog is checked against: the bundled one plus its own file."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError
from ruamel.yaml.error import YAMLError

from catalog_tool.config import setting_problem
from catalog_tool.errors import CatalogError
from catalog_tool.io.syntax_text import syntax_text
from catalog_tool.legal.files import registry_path
from catalog_tool.legal.registry import LawRegistry, bundled
from catalog_tool.text import Text


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
        where = "/".join(str(p) for p in first["loc"]) or "整个文件"
        problem = setting_problem(first)
        if not first["loc"] and first.get("type") == "model_type":
            problem = Text(
                "应为含 version 和 laws 的表", "should be a mapping with version and laws"
            )
        raise CatalogError(
            Text(
                f"法律库文件 {path} 有误({where}):{problem.zh}",
                f"{path}: {where.replace('整个文件', 'the whole file')}: {problem.en}",
            ),
            Text(
                "对照 schemas/laws.schema.json 修改;运行 catalog laws check 自检。",
                "See schemas/laws.schema.json; run 'catalog laws check'.",
            ),
        ) from None
    except YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        at = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else str(path)
        problem = syntax_text(str(getattr(err, "problem", None) or err))
        raise CatalogError(
            Text(
                f"{at}: 法律库文件的 YAML 语法错误:{problem.zh}",
                f"{at}: YAML error in the law registry: {problem.en}",
            ),
            Text(
                "修正该处的语法;格式见 schemas/laws.schema.json。",
                "Fix the syntax there; see schemas/laws.schema.json.",
            ),
        ) from None
    except (OSError, ValueError) as err:
        raise CatalogError(
            Text(f"无法读取法律库文件 {path}:{err}", f"cannot read the law registry {path}: {err}"),
            Text(
                "文件须为 JSON 或 YAML,格式见 schemas/laws.schema.json。",
                "It must be JSON or YAML; see schemas/laws.schema.json.",
            ),
        ) from None
