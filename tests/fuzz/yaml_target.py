"""Fuzz target for the item readers: any bytes in, findings out, never an exception.

Also a differential oracle: when both the fast reader (rapidyaml) and the careful one
(ruamel) accept a file as a valid item, they must read the same item, and formatting it
must be idempotent.

Run by ``tests/fuzz/test_fuzz.py`` (bounded), or by hand for longer::

    .venv/bin/python tests/fuzz/yaml_target.py -max_total_time=600 tests/fuzz/corpus
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def check(data: bytes) -> None:
    """The property every input must satisfy."""
    from catalog_tool.catalog.read import parse_item
    from catalog_tool.formatting.run import format_text

    fast = parse_item(data, "370811", fast=True)
    careful = parse_item(data, "370811", fast=False)
    for parsed in (fast, careful):
        for finding in parsed.findings:
            assert finding.code[0] in "YSC", finding
    if fast.item is not None and careful.item is not None and not careful.findings:
        assert fast.item == careful.item, "fast and careful readers disagree"
        assert careful.text is not None
        once = format_text(careful.text, "item")
        assert format_text(once, "item") == once, "fmt is not idempotent"


def seeds() -> list[bytes]:
    """Real item files to start from: the sample catalog and the rule base."""
    files = sorted((REPO / "items").rglob("*.yaml")) + sorted(
        (REPO / "tests" / "rules" / "base").rglob("*.yaml")
    )
    return [f.read_bytes() for f in files if f.name != "regions.yaml"]


def main() -> None:
    import atheris

    with atheris.instrument_imports():
        import catalog_tool.catalog.read
        import catalog_tool.formatting.run
        import catalog_tool.io.compose
        import catalog_tool.io.decode
        import catalog_tool.io.fast  # noqa: F401

    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
