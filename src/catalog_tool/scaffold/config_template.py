"""``catalog.toml`` with every setting and rule option, generated from the models.

Generated rather than kept as a file: the settings come from
:class:`catalog_tool.config.Config` and the rule options (with their defaults) from each
rule's ``Options`` model, so a new setting appears in the scaffold the day it is added.

Two kinds of lines: ``# 说明`` (a space after ``#``) explains; ``#key = value`` (no space)
is a setting that is off, shown with its default or an example, which a user turns on by
deleting the ``#``. Settings are written out (on) where writing the default changes
nothing and shows the policy the catalog is checked against (thresholds, fail level);
long default lists stay off, so that a catalog keeps getting the tool's improved lists;
rules that are off by default stay off, because configuring a rule turns it on.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from catalog_tool._version import __version__
from catalog_tool.config import Config
from catalog_tool.rules import all_rules
from catalog_tool.rules.base import Rule
from catalog_tool.scaffold.config_notes import (
    CONFIG_EXAMPLES,
    CONFIG_NOTES,
    OPTION_EXAMPLES,
    OPTION_NOTES,
)

WIDTH = 96
"""Longest line a list is packed into before it wraps."""
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")

HEADER = f"""\
# catalog-tool 配置文件(由 catalog init 生成,catalog-tool {__version__})。
#
# 这里写出了全部设置和规则选项。两种行:
#   "# " 开头(# 后有空格)的是说明;
#   "#" 紧接设置名(# 后无空格)的是未启用的设置,删去行首的 # 即启用。
# 键名、规则代码或选项写错时,命令会报错并指出是哪一项。
# catalog rules 列出全部规则;catalog explain 规则代码 显示一条规则的说明、依据和示例。
"""


def render_config() -> str:
    """The text of a fresh ``catalog.toml``."""
    defaults = Config().model_dump(mode="json")
    scalars: list[str] = []
    tables: list[str] = []
    for name, field in Config.model_fields.items():
        if name == "rules":
            continue
        key = field.alias or name
        note = CONFIG_NOTES.get(name) or field.description or ""
        value = defaults[name]
        if isinstance(value, dict):
            tables.append(_table(key, note, value, CONFIG_EXAMPLES.get(name)))
        elif value is None:
            scalars.append(_setting(key, note, CONFIG_EXAMPLES.get(name), enabled=False))
        else:
            scalars.append(_setting(key, note, value, enabled=True))
    rules_note = CONFIG_NOTES.get("rules") or Config.model_fields["rules"].description or ""
    sections = [_rule_section(r) for r in all_rules().values() if r.Options.model_fields]
    blocks = [HEADER.rstrip("\n"), *scalars, *tables, _comment(rules_note), *sections]
    return "\n\n".join(blocks) + "\n"


def _rule_section(rule: type[Rule]) -> str:
    defaults = rule.Options().model_dump(mode="json")
    # Configuring a rule that is off by default turns it on: keep its whole section off.
    section_on = rule.default_enabled
    title = f"{rule.code} {rule.name}:{rule.summary.zh}"
    if not section_on:
        title += "。默认关闭;删去本节各设置行首的 # 即开启。"
    lines = [_comment(title), ("" if section_on else "#") + f"[rules.{rule.code}]"]
    for option, field in rule.Options.model_fields.items():
        note = OPTION_NOTES.get((rule.code, option)) or field.description or ""
        default = defaults[option]
        # Off: a default of "not set" (only an example can be shown), and long lists, which
        # written out would pin today's defaults forever.
        enabled = section_on and default is not None and not isinstance(default, list)
        shown = default if default is not None else OPTION_EXAMPLES.get((rule.code, option))
        lines.append(_setting(option, note, shown, enabled=enabled))
    return "\n".join(lines)


def _table(key: str, note: str, value: Mapping[str, Any], example: object) -> str:
    lines = [_comment(note), f"[{key}]"]
    shown = value or (example if isinstance(example, Mapping) else {})
    for entry, setting in shown.items():
        prefix = "" if value else "#"
        lines.append(prefix + f"{_key(entry)} = {_value(setting)}")
    return "\n".join(lines)


def _setting(key: str, note: str, value: object, *, enabled: bool) -> str:
    if value is None:
        # Nothing to show: say so, in a line that is plainly a note.
        return _comment(note + "(无默认值)")
    prefix = "" if enabled else "#"
    rendered = _assignment(key, value)
    return _comment(note) + "\n" + "\n".join(prefix + line for line in rendered)


def _comment(text: str) -> str:
    return "\n".join(f"# {line}" for line in _wrap(text, WIDTH - 2))


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wrap(text: str, width: int) -> list[str]:
    """Chinese prose in lines of at most ``width`` columns, broken after punctuation where
    one is near the end (Chinese needs no spaces to break at)."""
    lines: list[str] = []
    rest = text
    while _width(rest) > width:
        cut = 0
        while _width(rest[: cut + 1]) <= width:
            cut += 1
        punctuation = max(rest.rfind(p, 0, cut) for p in ",;。:、)")
        if punctuation >= cut // 2:
            cut = punctuation + 1
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    lines.append(rest)
    return lines


def _assignment(key: str, value: object) -> list[str]:
    one_line = f"{_key(key)} = {_value(value)}"
    if not isinstance(value, list) or _width(one_line) <= WIDTH:
        return [one_line]
    lines = [f"{_key(key)} = ["]
    lines.extend(f"    {chunk}" for chunk in _pack(_value(v) for v in value))
    lines.append("]")
    return lines


def _pack(values: Iterable[str]) -> list[str]:
    lines: list[str] = []
    current = ""
    for value in values:
        piece = value + ","
        if current and _width(current) + 1 + _width(piece) > WIDTH - 4:
            lines.append(current)
            current = piece
        else:
            current = f"{current} {piece}" if current else piece
    if current:
        lines.append(current)
    return lines


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else json.dumps(key, ensure_ascii=False)


def _value(value: object) -> str:
    """``value`` in TOML (JSON strings, numbers and arrays are valid TOML too)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        inner = ", ".join(f"{_key(str(k))} = {_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    raise TypeError(f"cannot write {value!r} as TOML")
