"""Where a cold ``validate`` spends its time on each file: per stage and per rule.

The per-file stage is most of a cold run (two worker processes, each running
:func:`catalog_tool.engine.filecheck.check_batch`). This runs the same stages, in the same
batches of 256 files grouped by code, over a sample of a catalog's files in one process,
and times each stage with the process's CPU clock. Collection stays off, as in a worker.

    python benchmarks/profile.py benchmarks/data/55k --sample 4000 --passes 5

Figures are the median over the passes of microseconds per file. Only files that the
fast reader takes are timed (the others, about 1% of a generated catalog, go to the
careful reader). Freeing a batch's items is counted in its own line, except for the
items a memo still holds: the L rules remember the citations of the last 1,024 items by
identity, so L001, which clears that memo, pays for freeing them.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import os
import random
import statistics
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from catalog_tool.catalog.index import ItemSummary
from catalog_tool.catalog.layout import scan
from catalog_tool.diagnostics import Finding
from catalog_tool.engine import filecheck
from catalog_tool.engine.attribute_hook import drop_getattr_hook
from catalog_tool.engine.context import ItemContext
from catalog_tool.engine.pool import CHUNK, code_first
from catalog_tool.engine.positions import Positioner, to_diagnostic
from catalog_tool.engine.run import worker_setup
from catalog_tool.engine.suppress import parse
from catalog_tool.io import fast, yaml_factory
from catalog_tool.model.codes import NATIONAL_REGION
from catalog_tool.model.item import model_for_region

Timings = dict[str, float]


def sample_files(root: Path, size: int, seed: int) -> list[str]:
    """``size`` item files of the catalog, ordered as the pool orders them (by code)."""
    items = list(scan(root).items)
    chosen = random.Random(seed).sample(items, min(size, len(items)))
    return sorted(chosen, key=code_first)


def fast_files(root: Path, files: list[str]) -> list[str]:
    """The files the fast reader takes (the careful reader's are timed in no stage)."""
    return [
        f
        for f in files
        if filecheck.fast_item((root / f).read_bytes(), model_for_region(f.split("/", 1)[0]))
    ]


class Clock:
    """CPU seconds spent under each name."""

    def __init__(self) -> None:
        self.spent: Timings = defaultdict(float)

    @contextmanager
    def on(self, name: str) -> Iterator[None]:
        start = time.process_time()
        try:
            yield
        finally:
            self.spent[name] += time.process_time() - start


def one_pass(setup: filecheck.Setup, files: list[str]) -> tuple[Timings, Timings]:
    """CPU seconds of each stage and of each rule over ``files``."""
    stages, rules = Clock(), Clock()
    for first in range(0, len(files), CHUNK):
        batch = files[first : first + CHUNK]
        folders = [f.split("/", 1)[0] for f in batch]
        with stages.on("read"):
            read = [filecheck.read_limited(str(setup.root / f), setup.root) for f in batch]
        sources = [s for s in read if isinstance(s, bytes)]
        with stages.on("digest"):
            for source in sources:
                hashlib.blake2b(source, digest_size=16).hexdigest()
        with stages.on("guards: plain_enough"):
            for source in sources:
                fast.plain_enough(source)
        with stages.on("rapidyaml → JSON"):
            emitted = [yaml_factory.ryml_json(s) for s in sources]
        with stages.on("guards: suspicious_strings"):
            for json_text, source in zip(emitted, sources, strict=True):
                fast.suspicious_strings(json_text, source)
        with stages.on("decode"):
            texts = [s.decode() for s in sources]
        with stages.on("pydantic"):
            items = [
                model_for_region(d).model_validate_json(e)
                for d, e in zip(folders, emitted, strict=True)
            ]
        with stages.on("guards: keys and codes"):
            for json_text, item, source in zip(emitted, items, sources, strict=True):
                unchanged = fast.key_count(json_text) == filecheck.model_keys(item)
                assert unchanged  # the fast reader took these files: no duplicate keys
                fast.quoted_codes_missing(filecheck.item_codes(item), source)
        contexts = [
            ItemContext(f, d, setup.regions, setup.assets, setup.laws)
            for f, d in zip(batch, folders, strict=True)
        ]
        found: list[list[Finding]] = [[] for _ in batch]
        national = [i.region == NATIONAL_REGION for i in items]
        for rule in setup.rules:
            with rules.on(rule.code):
                for item, context, out, is_national in zip(
                    items, contexts, found, national, strict=True
                ):
                    if rule.national or not is_national:
                        out.extend(rule.check(item, context))
        with stages.on("summary"):
            for file, folder, item in zip(batch, folders, items, strict=True):
                ItemSummary.from_item(file, folder, item)
        with stages.on("diagnostics and suppressions"):
            for file, text, findings in zip(batch, texts, found, strict=True):
                positioner = Positioner(setup.root)
                positioner.seed_text(file, text)
                for finding in findings:
                    to_diagnostic(finding, file, setup.severities.of(finding), positioner)
                parse(text)
        with stages.on("freeing the batch"):
            del items, contexts, found, emitted, sources, texts, read
    return stages.spent, rules.spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, help="a catalog root (e.g. benchmarks/data/55k)")
    parser.add_argument("--sample", type=int, default=4000)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    root = args.root.resolve()
    setup = worker_setup(root)
    drop_getattr_hook()  # as a worker does (see catalog_tool.engine.attribute_hook)
    files = fast_files(root, sample_files(root, args.sample, args.seed))
    gc.disable()
    one_pass(setup, files)  # warm: schemas built, memos filled as in a long run
    passes = [one_pass(setup, files) for _ in range(args.passes)]
    per_file = 1e6 / len(files)

    def median(values: list[float]) -> float:
        return float(statistics.median(values)) * per_file

    stage_names = list(passes[0][0])
    rule_codes = sorted(passes[0][1], key=lambda c: -passes[0][1][c])
    print(f"{len(files)} files of {root} ({os.cpu_count()} cores), {args.passes} passes")
    print("\n| stage | µs per file |\n|---|---:|")
    for name in stage_names:
        print(f"| {name} | {median([p[0][name] for p in passes]):.1f} |")
    rules_total = median([sum(p[1].values()) for p in passes])
    print(f"| rules ({len(rule_codes)}) | {rules_total:.1f} |")
    total = median([sum(p[0].values()) + sum(p[1].values()) for p in passes])
    print(f"| **total** | **{total:.1f}** |")
    print("\n| rule | µs per file |\n|---|---:|")
    for code in rule_codes:
        print(f"| {code} | {median([p[1][code] for p in passes]):.1f} |")


if __name__ == "__main__":
    main()
