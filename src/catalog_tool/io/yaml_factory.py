"""The one place that constructs YAML parsers and emitters.

Three tools, each for one job:

* :func:`round_trip` (ruamel, pure Python): keeps comments, key order and quoting. It is
  about 60x slower than the fast path, so it is used only where a file is rewritten
  (``fmt``, ``merge``, ``import`` into existing files).
* :func:`event_parser` (ruamel over libyaml, C): the careful reader. Its events carry exact
  marks, anchors, aliases and tags, so hygiene findings (Y001–Y005) and positions come from it.
* :func:`ryml_json` (rapidyaml, C++): the fast reader for files the prescan in
  :mod:`catalog_tool.io.fast` found unambiguous.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import cache
from typing import Any

import ryml
from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.resolver import VersionedResolver


def round_trip(mapping: int = 2, sequence: int = 4, offset: int = 2, null: str = "null") -> YAML:
    """A ruamel round-trip YAML for rewriting files without losing comments or layout.

    The indentation defaults to the house layout; pass a file's own (see
    :mod:`catalog_tool.io.roundtrip`) so that a rewrite touches only the lines that change.
    """
    yaml = YAML(typ="rt")
    # Keep '…' and "…" exactly as written; codes must stay quoted strings.
    yaml.preserve_quotes = True
    # Never re-wrap long Chinese lines: a rewrite should touch only the lines that change.
    yaml.width = 4096
    # Two-space mappings with list dashes indented under their key, unless told otherwise.
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    # Chinese text is written as is, not as \u escapes.
    yaml.allow_unicode = True
    # ruamel writes None as an empty value; keep the file's own spelling (null by default).
    yaml.representer.add_representer(
        type(None), lambda rep, _: rep.represent_scalar("tag:yaml.org,2002:null", null)
    )
    return yaml


@cache
def _safe_c() -> YAML:
    # typ="safe" with pure=False picks libyaml's CParser through ruamel.yaml.clib; the
    # resolver and constructor are ruamel's YAML 1.2 ones, the reference for how values read.
    return YAML(typ="safe", pure=False)


def uses_c_parser() -> bool:
    """True when the careful reader runs on libyaml (ruamel.yaml.clib is installed)."""
    return _safe_c().Parser.__name__ == "CParser"


def event_parser(text: str) -> Iterator[Any]:
    """The YAML events of ``text`` from libyaml, with 0-based marks."""
    return iter(_safe_c().parse(text))


@cache
def resolver() -> VersionedResolver:
    """ruamel's YAML 1.2 resolver, which decides what a plain scalar means."""
    resolver: VersionedResolver = _safe_c().resolver
    return resolver


@cache
def constructor() -> SafeConstructor:
    """ruamel's safe constructor, which turns a resolved scalar into a Python value."""
    constructor: SafeConstructor = _safe_c().constructor
    return constructor


class _Workspace(threading.local):
    """A rapidyaml tree and an output buffer, reused by every parse of a thread: creating
    and freeing them for each of 55k files was a sixth of rapidyaml's time."""

    def __init__(self) -> None:
        self.tree = ryml.Tree()
        self.out = bytearray(1 << 16)


_WORKSPACE = _Workspace()


def ryml_json(source: bytes) -> bytes:
    """Parse ``source`` with rapidyaml and return it as JSON text.

    The JSON is emitted into the thread's reused buffer (``emit_json_malloc`` would leak
    its buffer: 163 MiB over 50k calls in rapidyaml 0.15.2); a buffer found short is
    enlarged and the tree emitted again. Raises ``ryml.ExceptionParse`` on invalid YAML.
    """
    work = _WORKSPACE
    tree = work.tree
    tree.clear()
    tree.clear_arena()
    buf = bytearray(source)  # parsed in place: the tree points into this copy
    ryml.parse_substr(buf, tree)
    root = tree.root_id()
    failed, size = ryml.emit_json_to_substr(tree, root, work.out)
    if failed:
        work.out = bytearray(max(size, 2 * len(work.out)))
        failed, size = ryml.emit_json_to_substr(tree, root, work.out)
    return bytes(memoryview(work.out)[:size])
