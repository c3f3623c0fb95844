"""The generated ``catalog.toml``: every setting and rule option, each explained in Chinese."""

from __future__ import annotations

import re
from pathlib import Path

from catalog_tool.config import Config, load_config
from catalog_tool.rules import all_rules
from catalog_tool.rules.base import options_of
from catalog_tool.scaffold.config_notes import CONFIG_NOTES, OPTION_NOTES
from catalog_tool.scaffold.config_template import render_config

CJK = re.compile(r"[\u4e00-\u9fff]")
# A setting that is off: "#key = …", "#[table]", "#]" or a continuation "#    …";
# a note is "# " followed by text.
DISABLED = re.compile(r"(?m)^#(?=[^\s#]|    )")


def rule_options() -> set[tuple[str, str]]:
    return {
        (code, option) for code, rule in all_rules().items() for option in rule.Options.model_fields
    }


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "catalog.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_setting_and_rule_option_has_a_chinese_note() -> None:
    assert set(CONFIG_NOTES) == set(Config.model_fields)
    assert set(OPTION_NOTES) == rule_options()
    for note in [*CONFIG_NOTES.values(), *OPTION_NOTES.values()]:
        assert CJK.search(note), note


def test_turning_every_setting_on_sets_every_field_and_option(tmp_path: Path) -> None:
    everything = DISABLED.sub("", render_config())
    config = load_config(write(tmp_path, everything)).config
    assert config.model_fields_set == set(Config.model_fields)
    configured = {(code, option) for code, options in config.rules.items() for option in options}
    assert configured == rule_options()


def test_the_file_as_generated_changes_no_default(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, render_config())).config
    assert config.model_dump(exclude={"rules"}) == Config().model_dump(exclude={"rules"})
    for code, rule in all_rules().items():
        assert options_of(rule, config.rules.get(code)) == rule.Options(), code
    # A rule that is off by default stays off: configuring it would turn it on.
    off = {code for code, rule in all_rules().items() if not rule.default_enabled}
    assert off and not off & set(config.rules)


def test_each_setting_follows_its_chinese_note() -> None:
    lines = render_config().splitlines()
    keys = [(field.alias or name) for name, field in Config.model_fields.items() if name != "rules"]
    for key in keys:
        at = next(i for i, line in enumerate(lines) if re.match(rf"^#?\[?{key}[\] ]", line))
        assert lines[at - 1].startswith("# ") and CJK.search(lines[at - 1]), key
    for code, option in rule_options():
        header = f"[rules.{code}]" if f"[rules.{code}]" in lines else f"#[rules.{code}]"
        section = lines.index(header)
        at = next(i for i in range(section, len(lines)) if re.match(rf"^#?{option} = ", lines[i]))
        assert lines[at - 1].startswith("# ") and CJK.search(lines[at - 1]), (code, option)


def test_comment_lines_fit_a_terminal() -> None:
    import unicodedata

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    assert max(width(line) for line in render_config().splitlines()) <= 100
