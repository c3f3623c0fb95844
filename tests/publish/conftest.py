"""Fixtures of the publishing tests: the small catalog of ``catalog.py``, and its site."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog_tool.publish import SiteResult, build_site
from tests.publish.catalog import make_catalog


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A fresh copy of the small catalog."""
    return make_catalog(tmp_path / "catalog")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SiteResult]:
    """The small catalog's site, built once for a module (its tests only read it)."""
    base = tmp_path_factory.mktemp("built")
    root = make_catalog(base / "catalog")
    site = base / "site"
    return site, build_site(root, site)
