"""Configuration: ``[tool.catalog]`` in ``pyproject.toml``, or ``catalog.toml``.

Keys are kebab-case, like ruff's. Unknown keys, unknown rule codes and unknown rule
options are errors that name the file and the key, so typos never pass silently.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from catalog_tool.diagnostics import Severity
from catalog_tool.errors import CatalogError
from catalog_tool.model.enums import Level
from catalog_tool.text import Lang, Text

CONFIG_FILE = "catalog.toml"
LEVEL_ALIASES = {
    "national": Level.NATIONAL,
    "province": Level.PROVINCE,
    "city": Level.CITY,
    "county": Level.COUNTY,
    "township": Level.TOWNSHIP,
    "village": Level.VILLAGE,
}


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class Config(BaseModel):
    """The settings of a catalog (``catalog.toml`` or ``[tool.catalog]``)."""

    model_config = ConfigDict(
        extra="forbid", alias_generator=_kebab, populate_by_name=True, frozen=True
    )

    root: str | None = Field(
        default=None, description="The catalog root, relative to the config file."
    )
    select: list[str] | None = Field(
        default=None,
        description="Rules to run, by code, prefix ('M', 'F00') or dotted name; "
        "default: every rule that is on by default.",
    )
    ignore: list[str] = Field(default_factory=list, description="Rules not to run.")
    fail_level: Severity = Field(
        default=Severity.ERROR, description="Exit 1 when a finding is at or above this."
    )
    lang: Lang = Field(default=Lang.ZH, description="Language of messages: zh or en.")
    severity: dict[str, Severity] = Field(
        default_factory=dict, description="Severity overrides by code or prefix."
    )
    per_file_ignores: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Rules ignored in files matching a glob relative to the catalog root.",
    )
    per_level_ignores: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Rules ignored for items of a level "
        "(省级, 市级, 县级 … or province, city, county).",
    )
    rules: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Options of each rule, by code or dotted name."
    )
    laws: str | None = Field(
        default=None,
        description="The catalog's own law registry (local regulations, rules, documents), "
        "relative to the config file; default: laws.yaml in the catalog root, if present.",
    )
    jobs: int | None = Field(default=None, ge=1, description="Worker processes.")
    cache: bool = Field(default=True, description="Use the result cache in .catalog_cache/.")
    baseline: str | None = Field(
        default=None,
        description="Findings recorded by catalog baseline write, relative to the config "
        "file; validate reports only findings not in it.",
    )
    diff_ignore: list[str] = Field(
        default_factory=list,
        description="Fields whose changes catalog diff ignores, e.g. venue.phone.",
    )

    def digest(self) -> str:
        """A hash of every setting that can change findings (for the cache key)."""
        data = self.model_dump(
            mode="json", exclude={"lang", "jobs", "cache", "root", "diff_ignore", "baseline"}
        )
        return hashlib.blake2b(
            json.dumps(data, sort_keys=True, ensure_ascii=False).encode(), digest_size=16
        ).hexdigest()


@dataclass(frozen=True, slots=True)
class LoadedConfig:
    """A configuration and where it came from."""

    config: Config
    path: Path | None
    """The file it was read from; None for defaults."""

    @property
    def base(self) -> Path | None:
        """The folder that relative paths in the config are relative to."""
        return self.path.parent if self.path is not None else None


def find_config(start: Path) -> Path | None:
    """The nearest ``catalog.toml``, or ``pyproject.toml`` with ``[tool.catalog]``, upwards;
    a repository whose catalog lives in ``items/`` is found from the repository root."""
    here = start.resolve()
    nested = here / "items" / CONFIG_FILE
    if not (here / CONFIG_FILE).is_file() and nested.is_file():
        return nested
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if (
            pyproject.is_file()
            and "tool" in _read_toml(pyproject)
            and "catalog" in _read_toml(pyproject).get("tool", {})
        ):
            return pyproject
        if (folder / ".git").exists():
            break
    return None


def load_config(path: Path | None) -> LoadedConfig:
    """Read the config at ``path`` (None gives the defaults). Bad config raises CatalogError."""
    if path is None:
        return LoadedConfig(Config(), None)
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("catalog", {})
    try:
        config = Config.model_validate(data)
    except ValidationError as err:
        first = err.errors(include_url=False)[0]
        key = ".".join(str(p) for p in first["loc"])
        problem = setting_problem(first)
        raise CatalogError(
            Text(f"配置文件 {path} 中 {key} 有误:{problem.zh}", f"{path}: {key}: {problem.en}"),
            Text(
                "对照 catalog init 生成的 catalog.toml 检查该项。",
                "Compare with the catalog.toml that catalog init writes.",
            ),
        ) from None
    _check_rule_references(config, path)
    return LoadedConfig(config, path)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(_toml_text(path, path.read_bytes()))
    except tomllib.TOMLDecodeError as err:
        raise CatalogError(
            Text(f"配置文件 {path} 不是有效的 TOML:{err}", f"{path} is not valid TOML: {err}"),
            Text("检查引号和方括号。", "Check quotes and brackets."),
        ) from None
    except OSError as err:
        raise CatalogError(
            Text(f"无法读取配置文件 {path}:{err.strerror}", f"cannot read {path}: {err.strerror}")
        ) from None


def unknown_selector(selectors: Iterable[str]) -> str | None:
    """The first of ``selectors`` (codes, prefixes such as ``M``, names, ``ALL``) that
    matches no rule, if any: a typo would otherwise select or ignore nothing, silently."""
    from catalog_tool.rules import all_rules

    known = all_rules().values()
    for selector in selectors:
        if selector != "ALL" and not any(_matches(selector, r.code, r.name) for r in known):
            return selector
    return None


def _toml_text(path: Path, data: bytes) -> str:
    """The text of a config file: UTF-8, with the byte-order mark Windows Notepad writes
    allowed. Anything else (GBK, most often) is refused with how to save it."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        try:
            data.decode("gb18030")
            guess = Text("(看起来是 GBK 编码)", " (it looks like GBK)")
        except UnicodeDecodeError:
            guess = Text("", "")
        raise CatalogError(
            Text(
                f"配置文件 {path} 第 {line} 行不是 UTF-8 编码{guess.zh}",
                f"{path}: line {line} is not UTF-8{guess.en}",
            ),
            Text(
                "用 UTF-8 编码另存该文件(记事本:另存为 → 编码选 UTF-8)。",
                "Save the file as UTF-8 (in Notepad: Save As, Encoding UTF-8).",
            ),
        ) from None


def _check_rule_references(config: Config, path: Path) -> None:
    from catalog_tool.rules import resolve_rule

    selectors = [*(config.select or []), *config.ignore, *config.severity]
    for patterns in (*config.per_file_ignores.values(), *config.per_level_ignores.values()):
        selectors.extend(patterns)
    unknown = unknown_selector(selectors)
    if unknown is not None:
        raise CatalogError(
            Text(
                f"配置文件 {path} 引用了不存在的规则 {unknown}",
                f"{path}: no rule matches {unknown!r}",
            ),
            Text("运行 catalog rules 查看全部规则。", "Run 'catalog rules' to list the rules."),
        )
    for level in config.per_level_ignores:
        if level not in LEVEL_ALIASES and level not in {lv.value for lv in Level}:
            raise CatalogError(
                Text(f"配置文件 {path} 中层级 {level} 不存在", f"{path}: unknown level {level!r}"),
                Text(
                    "可用:省级、市级、县级 或 province、city、county。",
                    "Use province, city or county.",
                ),
            )
    for key, options in config.rules.items():
        rule = resolve_rule(key)
        if rule is None:
            raise CatalogError(
                Text(
                    f"配置文件 {path} 中 rules.{key} 不是规则", f"{path}: rules.{key} is not a rule"
                ),
                Text("运行 catalog rules 查看全部规则。", "Run 'catalog rules' to list the rules."),
            )
        try:
            rule.Options.model_validate(options)
        except ValidationError as err:
            first = err.errors(include_url=False)[0]
            option = ".".join(str(p) for p in first["loc"])
            problem = setting_problem(first)
            raise CatalogError(
                Text(
                    f"配置文件 {path} 中 rules.{key}.{option} 有误:{problem.zh}",
                    f"{path}: rules.{key}.{option}: {problem.en}",
                ),
                Text(
                    f"运行 catalog explain {rule.code} 查看可用选项。",
                    f"Run 'catalog explain {rule.code}'.",
                ),
            ) from None


_SETTING_PROBLEMS: dict[str, Text] = {
    "extra_forbidden": Text(
        "不是已知的配置项(检查拼写)", "not a known setting (check the spelling)"
    ),
    "missing": Text("缺少此项", "missing"),
    "string_type": Text("应为字符串(加引号)", "should be a string (in quotes)"),
    "int_type": Text("应为整数", "should be a whole number"),
    "int_parsing": Text("应为整数", "should be a whole number"),
    "int_from_float": Text("应为整数", "should be a whole number"),
    "float_type": Text("应为数字", "should be a number"),
    "float_parsing": Text("应为数字", "should be a number"),
    "bool_type": Text("应为 true 或 false", "should be true or false"),
    "bool_parsing": Text("应为 true 或 false", "should be true or false"),
    "list_type": Text('应为列表,如 ["C005"]', 'should be a list, such as ["C005"]'),
    "dict_type": Text("应为表,如 [rules.C005]", "should be a table, such as [rules.C005]"),
}


def setting_problem(error: Mapping[str, Any]) -> Text:
    """What is wrong with a setting, from pydantic's error: in Chinese for the common
    kinds of mistake, pydantic's own English words otherwise (in both languages)."""
    kind = str(error.get("type", ""))
    known = _SETTING_PROBLEMS.get(kind)
    if known is not None:
        return known
    context = error.get("ctx") or {}
    if kind in ("literal_error", "enum") and "expected" in context:
        expected = str(context["expected"])
        if " or " not in expected and "," not in expected:
            return Text(f"应为 {expected}", f"should be {expected}")
        return Text(f"应为 {expected.replace(' or ', '、')} 之一", f"should be one of {expected}")
    for bound, zh, en in (
        ("ge", "应不小于", "should be at least"),
        ("le", "应不大于", "should be at most"),
        ("gt", "应大于", "should be more than"),
        ("lt", "应小于", "should be less than"),
    ):
        if bound in context:
            return Text(f"{zh} {context[bound]}", f"{en} {context[bound]}")
    message = str(error.get("msg", kind))
    return Text(message, message)


def _matches(selector: str, code: str, name: str) -> bool:
    return selector == "ALL" or code.startswith(selector) or selector == name


@dataclass(frozen=True, slots=True)
class RuleSelection:
    """Which rules run, at which severity, and where they are ignored."""

    config: Config

    def enabled(self, code: str, name: str, default_enabled: bool) -> bool:
        """Whether the rule runs at all."""
        if any(_matches(s, code, name) for s in self.config.ignore):
            return False
        configured = code in self.config.rules or name in self.config.rules
        select = self.config.select
        matched = select is None or any(_matches(s, code, name) for s in select)
        if not default_enabled:
            # Off until configured (then it follows select) or named exactly in select.
            return any(s in (code, name) for s in select or []) or (configured and matched)
        return matched

    def severity(self, code: str, default: Severity) -> Severity:
        """The configured severity; the longest matching selector wins."""
        best: tuple[int, Severity] | None = None
        for selector, severity in self.config.severity.items():
            if code.startswith(selector) and (best is None or len(selector) > best[0]):
                best = (len(selector), severity)
        return best[1] if best is not None else default

    def ignored_in(self, code: str, file: str | None, level: Level | None) -> bool:
        """Whether a finding of ``code`` in ``file`` (of ``level``) is ignored by config."""
        if file is not None:
            for pattern, codes in self.config.per_file_ignores.items():
                if fnmatch.fnmatch(file, pattern) and any(code.startswith(c) for c in codes):
                    return True
        if level is not None:
            for name, codes in self.config.per_level_ignores.items():
                if LEVEL_ALIASES.get(name, name) == level and any(
                    code.startswith(c) for c in codes
                ):
                    return True
        return False

    def options(self, code: str, name: str) -> Mapping[str, Any]:
        """The raw configured options of a rule."""
        return self.config.rules.get(code) or self.config.rules.get(name) or {}
