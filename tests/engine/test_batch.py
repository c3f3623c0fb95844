"""A batch of files checked stage by stage gives what checking them one by one gives."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from catalog_tool.catalog.layout import scan
from catalog_tool.engine.filecheck import check_batch, check_file
from catalog_tool.engine.run import _Run
from tests.conftest import REPO


def test_a_batch_equals_its_files_one_by_one(tmp_path: Path) -> None:
    root = tmp_path / "items"
    shutil.copytree(REPO / "tests" / "rules" / "base", root)
    item = (root / "370811" / "000101001000.yaml").read_text(encoding="utf-8")
    county = root / "370811"
    # Clean items, items with findings, a national one, and files for the careful reader.
    (county / "000101002000.yaml").write_text(
        item.replace("000101001000", "000101002000"), encoding="utf-8"
    )
    (county / "000101003000.yaml").write_text(
        item.replace("000101001000", "000101003000") + "colour: red\n", encoding="utf-8"
    )
    (county / "000101004000.yaml").write_text(
        item.replace("000101001000", "000101004000").replace("visits: 0", "visits: 3"),
        encoding="utf-8",
    )
    (county / "000101005000.yaml").write_text("code: [unclosed\n", encoding="utf-8")
    (county / "000101006000.yaml").write_bytes(
        b"\xef\xbb\xbf" + item.replace("000101001000", "000101006000").encode()
    )
    (county / "000101007000.yaml").write_text("", encoding="utf-8")
    run = _Run(root, None)
    files = list(scan(root).items)
    work = [(file, None) for file in files]
    # check_file is a batch of one: there, rule by rule is item by item.
    one_by_one = [check_file(run.setup, file) for file in files]
    assert check_batch(run.setup, work) == one_by_one
    rules = {d.rule for result in one_by_one if result for d in result.diagnostics}
    assert {"S002", "Y001", "O001"} <= rules  # findings from both readers and the rules
    assert any(f.startswith("000000/") for f in files)  # the national catalog is in it


def test_unchanged_files_of_a_batch_give_none(tmp_path: Path) -> None:
    root = tmp_path / "items"
    shutil.copytree(REPO / "tests" / "rules" / "base", root)
    setup = replace(_Run(root, None).setup, digests=True)  # as in a run with a cache
    files = list(scan(root).items)
    first = check_batch(setup, [(file, None) for file in files])
    again = [(r.file, r.digest) if i % 2 else (r.file, None) for i, r in enumerate(first) if r]
    second = check_batch(setup, again)
    assert [r is None for r in second] == [bool(i % 2) for i in range(len(again))]
    assert [r for r in second if r is not None] == first[::2]


def test_a_run_without_a_cache_hashes_nothing_else_the_same(tmp_path: Path) -> None:
    root = tmp_path / "items"
    shutil.copytree(REPO / "tests" / "rules" / "base", root)
    setup = _Run(root, None).setup
    assert not setup.digests  # no cache to key
    work = [(file, None) for file in scan(root).items]
    hashed = check_batch(replace(setup, digests=True), work)
    plain = check_batch(setup, work)
    assert all(r is not None and len(r.digest) == 32 for r in hashed)
    assert plain == [r._replace(digest="") if r is not None else None for r in hashed]
