"""Every ``$ catalog ...`` example in docs/commands/ runs, with the exit code the page states.

A page's examples run in order through the installed ``catalog``, in a fresh copy of the
workspace of :mod:`tests.docs.workspace`, so a page may build on its earlier examples
(export a workbook, then import it). An example ends ``# exit 1`` when it must exit 1, and
``# needs chromium`` when it needs a headless Chromium (skipped where there is none).
Pages are independent, so they run side by side: each example is a process start.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.docs.examples import Example, examples, pages
from tests.docs.workspace import build_workspace

pytestmark = pytest.mark.slow

PAGES = pages()


def _catalog() -> Path | None:
    """The installed console script next to this Python, else the one on PATH."""
    beside = Path(sys.executable).parent / "catalog"
    if beside.exists():
        return beside
    found = shutil.which("catalog")
    return Path(found) if found else None


def _has_chromium() -> bool:
    return any(shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome"))


def _run(example: Example, catalog: Path, cwd: Path) -> str | None:
    """Run ``example``; the problem as text, or None when it behaved as documented."""
    env = {k: v for k, v in os.environ.items() if k not in {"GITHUB_ACTIONS", "CATALOG_LANG"}}
    env["CATALOG_CACHE_SECRET"] = "catalog-tool docs examples"
    env["COLUMNS"] = "100"
    done = subprocess.run(
        [str(catalog), *example.argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    where = f"{example.page}:{example.line}: $ {example.text}"
    if "Traceback (most recent call last)" in done.stdout + done.stderr:
        return f"{where}\n  printed a traceback:\n{done.stderr[-2000:]}"
    if done.returncode != example.exit_code:
        return (
            f"{where}\n  exited {done.returncode}, the page says {example.exit_code}\n"
            f"  stdout: {done.stdout[-800:]}\n  stderr: {done.stderr[-800:]}"
        )
    return None


def _run_page(page: Path, catalog: Path, workspace: Path, chromium: bool) -> list[str]:
    problems: list[str] = []
    for example in examples(page):
        if example.needs_chromium and not chromium:
            continue
        problem = _run(example, catalog, workspace)
        if problem is not None:
            problems.append(problem)
    return problems


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """The problems of every page, by page name; the pages run in parallel."""
    catalog = _catalog()
    if catalog is None:
        pytest.skip("the catalog command is not installed")
    base = tmp_path_factory.mktemp("docs-examples")
    pristine = build_workspace(base / "pristine", catalog)
    workspaces = {}
    for page in PAGES:
        workspaces[page.name] = base / page.stem
        shutil.copytree(pristine, workspaces[page.name], symlinks=True)
    chromium = _has_chromium()
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        futures = {
            page.name: pool.submit(_run_page, page, catalog, workspaces[page.name], chromium)
            for page in PAGES
        }
        return {name: future.result() for name, future in futures.items()}


def test_every_command_page_has_examples() -> None:
    assert PAGES, "docs/commands/ has no pages"
    assert [p.name for p in PAGES if not examples(p)] == []


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_examples_run_as_documented(page: Path, outcomes: dict[str, list[str]]) -> None:
    assert outcomes[page.name] == [], "\n\n".join(outcomes[page.name])
