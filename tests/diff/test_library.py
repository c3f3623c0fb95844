"""``catalog_tool.diff(...)`` and ``catalog_tool.merge(...)`` return data, whichever way the
names were reached (the lazy table, or the packages after a submodule import)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import catalog_tool
from tests.conftest import REPO
from tests.diff.gitrepo import SAMPLE


def test_diff_and_merge_are_library_functions_returning_data(tmp_path: Path) -> None:
    result = catalog_tool.diff(str(SAMPLE), str(SAMPLE))
    assert isinstance(result, catalog_tool.diff.DiffResult)
    merged = catalog_tool.merge(SAMPLE, write=False)
    assert isinstance(merged, catalog_tool.merge.MergeResult)
    assert not merged.written


def test_the_names_are_callable_in_a_fresh_interpreter_either_way() -> None:
    script = (
        "import catalog_tool\n"
        "first = callable(catalog_tool.diff) and callable(catalog_tool.merge)\n"
        "import catalog_tool.diff.fields, catalog_tool.merge.base\n"
        "second = callable(catalog_tool.diff) and callable(catalog_tool.merge)\n"
        "print(first, second)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert done.stdout.split() == ["True", "True"]
