"""``--changed-since`` finds relatives by the code an item declares, as a full run does,
and never calls a baseline entry stale that it did not look for."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from catalog_tool import validate
from catalog_tool.engine.baseline_update import record
from catalog_tool.engine.cache import CACHE_DIR
from tests.conftest import REPO
from tests.diff.gitrepo import git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

OLD = "370826/000101002000.yaml"
MISNAMED = "370826/000101009000.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The sample catalog, committed, then one county item renamed to another code's
    file name (its content still declares 000101002000), committed too."""
    root = tmp_path / "items"
    shutil.copytree(REPO / "items", root, ignore=shutil.ignore_patterns(CACHE_DIR))
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    git(root, "mv", OLD, MISNAMED)
    git(root, "commit", "-qm", "rename")
    return root


def findings(root: Path, **options: object) -> list[tuple[str, int, str, str]]:
    report = validate(root, cache=False, **options)  # type: ignore[arg-type]
    out = []
    for d in report.diagnostics:
        path = Path(d.file or "")
        path = path if path.is_absolute() else Path.cwd() / path
        out.append((path.relative_to(root).as_posix(), d.line, d.rule, d.message.zh))
    return out


def test_a_misnamed_item_is_compared_with_the_relatives_of_the_code_it_declares(
    repo: Path,
) -> None:
    full = findings(repo)
    partial = findings(repo, changed_since="HEAD~1")
    assert [f for f in full if f[0] == MISNAMED] == [f for f in partial if f[0] == MISNAMED]
    assert {f[2] for f in partial if f[0] == MISNAMED} == {"C002"}  # no false F004


def test_a_partial_run_calls_no_entry_stale_that_it_did_not_check(repo: Path) -> None:
    record(repo, cache=False)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "baseline")
    neighbour = repo / "370826" / "000101001000.yaml"
    text = neighbour.read_text(encoding="utf-8")
    assert "hours: 周一至周五" in text
    neighbour.write_text(
        text.replace("hours: 周一至周五", "hours: 周一至周五,节假日除外", 1), "utf-8"
    )
    report = validate(
        repo, changed_since="HEAD", cache=False, baseline=repo / "catalog-baseline.json"
    )
    assert report.baseline is not None
    assert report.baseline.stale == ()
    full = validate(repo, cache=False, baseline=repo / "catalog-baseline.json")
    assert full.baseline is not None and full.baseline.stale == () and full.baseline.hidden == 1
