"""``python -m catalog_tool``."""

from catalog_tool.cli.app import run

run()
