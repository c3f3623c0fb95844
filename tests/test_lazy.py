"""Lazily exported package names: imported on first lookup, errors for unknown names."""

from __future__ import annotations

import subprocess
import sys

import pytest


def test_a_lazy_name_imports_its_module_only_when_looked_up() -> None:
    code = (
        "import sys\n"
        "import catalog_tool.legal as legal\n"
        "before = 'catalog_tool.legal.registry' in sys.modules\n"
        "registry = legal.LawRegistry\n"
        "after = 'catalog_tool.legal.registry' in sys.modules\n"
        "print(before, after, registry.__module__, 'LawRegistry' in vars(legal))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True", "catalog_tool.legal.registry", "True"]


def test_an_unknown_name_is_an_attribute_error() -> None:
    from catalog_tool import publish

    with pytest.raises(AttributeError, match="no_such_thing"):
        getattr(publish, "no_such_thing")  # noqa: B009 - the lookup is the test


def test_a_lazy_table_imports_a_value_only_when_it_is_looked_up() -> None:
    code = (
        "import sys\n"
        "from catalog_tool.render import REPORTER_BY_NAME, Format\n"
        "listed = sorted(REPORTER_BY_NAME), len(REPORTER_BY_NAME)\n"
        "before = 'catalog_tool.render.text' in sys.modules\n"
        "render = REPORTER_BY_NAME[Format.TEXT]\n"
        "print(listed[1], before, render.__module__)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["5", "False", "catalog_tool.render.text"]
