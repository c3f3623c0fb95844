"""The law registry a catalog is checked against: the bundled one plus its own file."""

from __future__ import annotations

import re
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
    return bundled().overlay(load_registry(path))


def load_registry(path: Path) -> LawRegistry:
    """The registry file at ``path``; :class:`CatalogError` saying what is wrong with it,
    and where, when it cannot be used."""
    try:
        return LawRegistry.load(path)
    except ValidationError as err:
        first = err.errors(include_url=False)[0]
        if first.get("type") == "json_invalid":
            raise _invalid_json(path, str((first.get("ctx") or {}).get("error", ""))) from None
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


_JSON_AT = re.compile(r"(?P<what>.*) at line (?P<line>\d+) column (?P<column>\d+)")
_JSON_PROBLEMS = {
    "EOF while parsing": "文件不完整,在此提前结束(缺少 } 或 ])",
    "key must be a string": "键须为双引号中的字符串",
    "expected value": "此处应有一个值",
    "trailing comma": "多余的逗号",
    "expected `,` or `}`": "应为“,”或“}”",
    "expected `,` or `]`": "应为“,”或“]”",
    "expected `:`": "应为“:”",
}


def _invalid_json(path: Path, error: str) -> CatalogError:
    """The error for a registry file that is not JSON: at its line and column."""
    found = _JSON_AT.fullmatch(error)
    what = found.group("what") if found is not None else error
    # jiter counts an empty line's column as 0; columns are 1-based everywhere else.
    column = max(1, int(found.group("column"))) if found is not None else 1
    at = f"{path}:{found.group('line')}:{column}" if found is not None else str(path)
    zh = next((z for prefix, z in _JSON_PROBLEMS.items() if what.startswith(prefix)), what)
    return CatalogError(
        Text(
            f"{at}: 法律库文件不是有效的 JSON:{zh}", f"{at}: the law registry is not JSON: {what}"
        ),
        Text(
            "修正该处;格式见 schemas/laws.schema.json。",
            "Fix it there; see schemas/laws.schema.json.",
        ),
    )
