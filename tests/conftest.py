"""Shared fixtures: catalogs built from the clean rule base, and a CLI runner."""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from catalog_tool.cli.app import main

REPO = Path(__file__).resolve().parents[1]
# Sign test caches with a fixed secret instead of creating one in the user's home.
os.environ.setdefault("CATALOG_CACHE_SECRET", "catalog-tool tests")
BASE = REPO / "tests" / "rules" / "base"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    """A copy of the clean base catalog to mutate."""
    root = tmp_path / "catalog"
    shutil.copytree(BASE, root, ignore=shutil.ignore_patterns(".catalog_cache"))
    return root


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run ``catalog`` in-process and capture its exit code, stdout and stderr."""

    def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
        monkeypatch.delenv("CATALOG_LANG", raising=False)
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        out, err = io.StringIO(), io.StringIO()
        monkeypatch.setattr(sys, "stdout", out)
        with redirect_stdout(out), redirect_stderr(err):
            code = main(list(args))
        return Result(code, out.getvalue(), err.getvalue())

    return run
