"""Meta-tests: every rule is registered, documented, bilingual and has fixtures."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import string

import pytest

import catalog_tool.rules as rules_package
from catalog_tool.rules import all_rules
from catalog_tool.rules.base import CatalogRule, ItemRule, LoaderRule, Rule
from tests.rules.harness import FIXTURES, MARK, load_cases

RULES = all_rules()


def _subclasses() -> set[type[Rule]]:
    for module in pkgutil.walk_packages(rules_package.__path__, prefix="catalog_tool.rules."):
        importlib.import_module(module.name)
    found: set[type[Rule]] = set()
    for module_name in list(__import__("sys").modules):
        if not module_name.startswith("catalog_tool.rules."):
            continue
        module = __import__("sys").modules[module_name]
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(obj, Rule)
                and obj not in (Rule, LoaderRule, ItemRule, CatalogRule)
                and obj.__module__ == module_name
            ):
                found.add(obj)
    return found


def test_every_rule_class_is_registered() -> None:
    unregistered = sorted(c.__name__ for c in _subclasses() if RULES.get(c.code) is not c)
    assert unregistered == []


@pytest.mark.parametrize("code", list(RULES))
def test_rule_is_documented(code: str) -> None:
    rule = RULES[code]
    doc = rule.doc
    for text in (rule.summary, doc.what, doc.why, doc.source):
        assert text.zh.strip() and text.en.strip()
    assert doc.bad.strip() and doc.good.strip() and doc.bad != doc.good


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", list(RULES))
def test_messages_are_bilingual_with_the_same_placeholders(code: str) -> None:
    for key, message in RULES[code].messages.items():
        texts = [message.text] + ([message.hint] if message.hint else [])
        for text in texts:
            assert text.zh.strip() and text.en.strip(), (code, key)
            assert _fields(text.zh) == _fields(text.en), (code, key)


@pytest.mark.parametrize("code", list(RULES))
def test_rule_has_failing_and_passing_fixtures(code: str) -> None:
    path = FIXTURES / f"{code}.yaml"
    assert path.is_file(), f"missing {path}"
    cases = [c for c in load_cases() if c.rule == code]
    failing = [c for c in cases if MARK.search(str(c.files)) or c.expect]
    passing = [c for c in cases if not (MARK.search(str(c.files)) or c.expect)]
    assert failing, f"{code} has no failing case"
    assert passing, f"{code} has no passing case"


def test_fixture_files_name_real_rules() -> None:
    assert sorted(p.stem for p in FIXTURES.glob("*.yaml") if p.stem not in RULES) == []
