"""The statistics tests use the small catalog of ``tests/publish/catalog.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.publish.catalog import make_catalog


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A fresh copy of the small catalog."""
    return make_catalog(tmp_path / "catalog")
