"""Scaffolding: replaced by the real command module."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the command(s) to ``app``."""
