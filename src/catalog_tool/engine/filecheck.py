"""The per-file stage: read, parse, validate, run item rules. Runs in worker processes.

A :class:`FileResult` is self-contained and picklable: positioned diagnostics, the item's
summary for cross-item rules, and its suppressions. That is what the cache stores too.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel, ValidationError

from catalog_tool.catalog.index import ItemSummary
from catalog_tool.catalog.regions import RegionTree
from catalog_tool.diagnostics import Diagnostic, Finding, Severity
from catalog_tool.engine.context import ItemContext
from catalog_tool.engine.folders import Folders
from catalog_tool.engine.positions import Positioner, to_diagnostic
from catalog_tool.engine.schema_check import check_model
from catalog_tool.engine.severity import SeverityTable
from catalog_tool.engine.suppress import Malformed, Suppression, parse
from catalog_tool.io.compose import Problem
from catalog_tool.io.decode import UTF8_BOM
from catalog_tool.io.fast import emit, key_count, quiet_stderr, quoted_codes_missing
from catalog_tool.io.load import Loaded, load_yaml
from catalog_tool.legal.registry import LawRegistry, bundled
from catalog_tool.model.codes import NATIONAL_REGION
from catalog_tool.model.item import Item, model_for_region
from catalog_tool.model.nesting import models_in
from catalog_tool.rules.base import ItemRule, Rule
from catalog_tool.rules.hygiene import (
    AnchorsAndTags,
    DuplicateKey,
    InvalidYaml,
    NotUtf8,
    UnquotedCode,
    UnreadableFile,
    UnusedSuppression,
)

MAX_FILE_BYTES = 5 * 1024 * 1024
"""An item file is a few KB; anything this large is rejected unread."""

_PROBLEM_RULES: dict[str, tuple[type[Rule], str]] = {
    "syntax": (InvalidYaml, "default"),
    "tab": (InvalidYaml, "tab"),
    "control_char": (InvalidYaml, "control_char"),
    "too_deep": (InvalidYaml, "too_deep"),
    "too_many_values": (UnreadableFile, "too_many_values"),
    "complex_key": (InvalidYaml, "complex_key"),
    "duplicate_key": (DuplicateKey, "default"),
    "anchor": (AnchorsAndTags, "anchor"),
    "alias": (AnchorsAndTags, "alias"),
    "tag": (AnchorsAndTags, "tag"),
    "multi_doc": (AnchorsAndTags, "multi_doc"),
    "unquoted_code": (UnquotedCode, "default"),
}


@dataclass(frozen=True, slots=True)
class Setup:
    """What every worker needs to check files; sent once per worker."""

    root: Path
    regions: RegionTree
    rules: tuple[ItemRule, ...]
    severities: SeverityTable
    assets: frozenset[str] = frozenset()
    laws: LawRegistry = field(default_factory=bundled)
    fast: bool = True
    digests: bool = True
    """Hash each file's content (the cache's key): a run without a cache skips it."""


class FileResult(NamedTuple):
    """Everything the later stages need from one file (a named tuple: it pickles fast)."""

    file: str
    digest: str
    """The content hash ("" when the file could not be read or the run has no cache)."""
    diagnostics: tuple[Diagnostic, ...] = ()
    summary: ItemSummary | None = None
    suppressions: tuple[Suppression, ...] = ()
    malformed: tuple[Malformed, ...] = ()


def problem_finding(problem: Problem) -> Finding:
    """The Y finding for a loader problem."""
    if problem.kind == "not_utf8":
        key = "gb18030" if problem.params.get("gb18030") else "default"
        return NotUtf8.finding_with(
            "", key, problem.params, position=(problem.line, problem.column)
        )
    rule, key = _PROBLEM_RULES[problem.kind]
    return rule.finding_with("", key, problem.params, position=(problem.line, problem.column))


def read_limited(path: str, root: Path, at: tuple[int, str] | None = None) -> bytes | Finding:
    """The bytes of ``path``, or a Y007 finding saying why they cannot be read.

    Plain ``os`` calls on strings: this runs for every file, and pathlib costs more than
    the read itself. On POSIX one ``open`` that refuses links and does not block (a FIFO
    would block the read forever) replaces the ``lstat``; links take the slower way.
    ``at`` (an open handle of the file's folder and its name there, see
    :class:`~catalog_tool.engine.folders.Folders`) opens it relative to its folder.
    """
    if SAFE_OPEN:
        try:
            fd = os.open(path, SAFE_OPEN) if at is None else os.open(at[1], SAFE_OPEN, dir_fd=at[0])
        except OSError as err:
            if err.errno != errno.ELOOP:  # ELOOP: a symbolic link, checked below
                return UnreadableFile.finding("", position=(1, 1), reason=err.strerror or str(err))
        else:
            try:
                return _read_open(fd)
            except OSError as err:
                return UnreadableFile.finding("", position=(1, 1), reason=err.strerror or str(err))
            finally:
                os.close(fd)
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            target = Path(path).resolve()
            if not target.is_relative_to(root.resolve()):
                return UnreadableFile.finding("", "outside", position=(1, 1), target=str(target))
            info = os.stat(path)  # noqa: PTH116 - hot path, see docstring
        if not stat.S_ISREG(info.st_mode):
            # A FIFO or device would block the read forever.
            return UnreadableFile.finding("", "not_regular", position=(1, 1))
        if info.st_size > MAX_FILE_BYTES:
            return _too_large(info.st_size)
        with open(path, "rb") as handle:  # noqa: PTH123 - hot path, see docstring
            return handle.read()
    except OSError as err:
        return UnreadableFile.finding("", position=(1, 1), reason=err.strerror or str(err))


SAFE_OPEN = (
    os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK
    if hasattr(os, "O_NOFOLLOW") and hasattr(os, "O_NONBLOCK")
    else 0
)
"""Flags for opening an item file in one call that refuses links and never blocks (a FIFO
would block the read forever); 0 where the system lacks them."""


def _read_open(fd: int) -> bytes | Finding:
    """The bytes of an open file that is not a link, or the Y007 finding."""
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        return UnreadableFile.finding("", "not_regular", position=(1, 1))
    if info.st_size > MAX_FILE_BYTES:
        return _too_large(info.st_size)
    data = os.read(fd, info.st_size + 1)
    if len(data) <= info.st_size:
        return data
    # The file grew since fstat: read on, within the limit.
    parts = [data]
    size = len(data)
    while chunk := os.read(fd, 1 << 16):
        size += len(chunk)
        if size > MAX_FILE_BYTES:
            return _too_large(size)
        parts.append(chunk)
    return b"".join(parts)


def _too_large(size: int) -> Finding:
    return UnreadableFile.finding("", "too_large", position=(1, 1), size=size, limit=MAX_FILE_BYTES)


def check_file(setup: Setup, file: str, known_digest: str | None = None) -> FileResult | None:
    """Check one item file, given relative to the catalog root.

    With ``known_digest`` (the content hash of a cached result), None means the content is
    unchanged and the cached result still holds.
    """
    return check_batch(setup, [(file, known_digest)])[0]


class _Read(NamedTuple):
    """A file of a batch that was read and has changed."""

    slot: int
    """Its place in the batch."""
    file: str
    folder: str
    source: bytes
    digest: str


def check_batch(
    setup: Setup, work: Sequence[tuple[str, str | None]], folders: Folders | None = None
) -> list[FileResult | None]:
    """:func:`check_file` for each ``(file, known_digest)`` of ``work``, in its order.

    ``folders`` (handles of the catalog's folders) makes each read cheaper.

    The batch goes stage by stage: every file is read, then every clean one parsed, then
    validated, then each rule runs over all the items. One stage's code and data stay in
    the processor's caches instead of being pushed out by the next file's, which makes a
    worker's batch of 256 files 10-15% faster than checking them one after another. The
    results are exactly those of one by one: each item's findings come in rule order.
    """
    results: list[FileResult | None] = [None] * len(work)
    pending: list[_Read] = []
    prefix = os.path.join(setup.root, "")  # noqa: PTH118 - joined once, then concatenated
    for index, (file, known_digest) in enumerate(work):
        folder = file.split("/", 1)[0]
        at = folders.at(file) if folders is not None else None
        source = read_limited(prefix + file, setup.root, at)
        if isinstance(source, Finding):
            positioner = Positioner(setup.root)
            diagnostic = to_diagnostic(source, file, setup.severities.of(source), positioner)
            results[index] = FileResult(file=file, digest="", diagnostics=(diagnostic,))
            continue
        if not setup.digests:
            pending.append(_Read(index, file, folder, source, ""))
            continue
        digest = hashlib.blake2b(source, digest_size=16).hexdigest()
        if digest != known_digest:  # else None: unchanged, the cached result holds
            pending.append(_Read(index, file, folder, source, digest))
    fast: list[tuple[_Read, Item, str]] = []
    if setup.fast:
        with quiet_stderr():  # rapidyaml prints its parse errors there itself
            emitted = [fast_emit(read.source) for read in pending]
        for read, json_text in zip(pending, emitted, strict=True):
            found = fast_validate(read.source, json_text, model_for_region(read.folder))
            if found is None:
                results[read.slot] = _check_carefully(setup, read)
            else:
                fast.append((read, *found))
    else:
        for read in pending:
            results[read.slot] = _check_carefully(setup, read)
    findings = _run_rules_batch(setup, [(read.file, read.folder, item) for read, item, _ in fast])
    for (read, item, text), item_findings in zip(fast, findings, strict=True):
        summary = ItemSummary.from_item(read.file, read.folder, item)
        results[read.slot] = _result(setup, read, item_findings, summary, text)
    return results


def _check_carefully(setup: Setup, read: _Read) -> FileResult:
    """The careful reader's result for a file the fast one declined."""
    loaded = load_yaml(read.source, fast=False)
    findings, summary = _check_loaded(setup, read.file, read.folder, loaded)
    return _result(setup, read, findings, summary, loaded.text or "", loaded)


def _result(
    setup: Setup,
    read: _Read,
    findings: list[Finding],
    summary: ItemSummary | None,
    text: str,
    loaded: Loaded | None = None,
) -> FileResult:
    """The file's result; its findings are positioned in ``loaded`` (the careful reader's)
    or else in ``text``. Most files have none, and need no positioner."""
    diagnostics: tuple[Diagnostic, ...] = ()
    if findings:
        positioner = Positioner(setup.root)
        if loaded is not None:
            positioner.seed(read.file, loaded)
        else:
            positioner.seed_text(read.file, text)
        diagnostics = tuple(
            to_diagnostic(f, read.file, setup.severities.of(f), positioner) for f in findings
        )
    suppressions, malformed = parse(text)
    return FileResult(read.file, read.digest, diagnostics, summary, suppressions, malformed)


def fast_item(source: bytes, model: type[Item]) -> tuple[Item, str] | None:
    """The validated item and its text, when the fast reader read a clean file faithfully.

    None sends the file to the careful reader: anything the guards doubt, any file that is
    not valid UTF-8, and any item that fails validation (its errors need the careful
    reader's positions and values).
    """
    return fast_validate(source, fast_emit(source), model)


def fast_emit(source: bytes) -> bytes | None:
    """The fast reader's JSON for ``source`` (None: it goes to the careful reader)."""
    return None if source.startswith(UTF8_BOM) else emit(source)


def fast_validate(
    source: bytes, emitted: bytes | None, model: type[Item]
) -> tuple[Item, str] | None:
    """:func:`fast_item` once ``emitted`` is :func:`fast_emit`'s JSON for ``source``."""
    if emitted is None:
        return None
    try:
        text = source.decode("utf-8")
        item = model.model_validate_json(emitted)
    except (UnicodeDecodeError, ValidationError):
        return None
    if key_count(emitted) != model_keys(item):
        return None  # a duplicate key: the JSON holds more keys than the item kept
    if quoted_codes_missing(item_codes(item), source):
        return None
    return item, text


def model_keys(model: BaseModel) -> int:
    """Keys the item was read with, counting nested models (defaults are not counted)."""
    read = model.__pydantic_fields_set__
    total = len(read)
    plan = _NESTED.get(type(model))
    if plan is None:
        plan = _NESTED[type(model)] = _nested_fields(type(model))
    values = model.__dict__
    for name, deep in plan:
        if name not in read:
            continue
        value = values[name]
        if type(value) is list:
            for entry in value:
                if isinstance(entry, BaseModel):
                    total += model_keys(entry) if deep else len(entry.__pydantic_fields_set__)
        elif isinstance(value, BaseModel):
            total += model_keys(value) if deep else len(value.__pydantic_fields_set__)
    return total


_NESTED: dict[type[BaseModel], tuple[tuple[str, bool], ...]] = {}
""":func:`_nested_fields` of each model class met (a dict lookup is cheaper than a cache)."""


def _nested_fields(cls: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """Fields of ``cls`` that may hold models (directly or in a list), each with whether
    those models may hold models in turn (materials, steps and fees hold none)."""
    plan = []
    for name, info in cls.model_fields.items():
        models = models_in(info.annotation)
        if models:
            plan.append((name, any(_nested_fields(m) for m in models)))
    return tuple(plan)


def item_codes(item: Item) -> list[str]:
    """The item's codes that must be written quoted (see :func:`quoted_codes_missing`)."""
    codes = [item.code, item.region, item.impl_code or ""]
    if item.agency is not None:
        codes.append(item.agency.credit_code)
    if item.venue is not None:
        codes += [item.venue.phone, item.venue.complaint_phone]
    if item.synced_from is not None:
        codes += [item.synced_from.region, item.synced_from.hash]
    return codes


def _run_rules(setup: Setup, file: str, folder: str, item: Item) -> list[Finding]:
    return _run_rules_batch(setup, [(file, folder, item)])[0]


def _run_rules_batch(setup: Setup, items: Sequence[tuple[str, str, Item]]) -> list[list[Finding]]:
    """The findings of each item: every rule over all the items in turn (rule order is
    kept within each item; items of the national catalog get only the national rules)."""
    # Positional arguments: a frozen dataclass sets each field through a call, and keywords
    # double the cost of building one context per item.
    regions, assets, laws = setup.regions, setup.assets, setup.laws
    contexts = [ItemContext(file, folder, regions, assets, laws) for file, folder, _ in items]
    findings: list[list[Finding]] = [[] for _ in items]
    # Each rule walks a ready list of its items: 28 rules test and unpack less per item.
    every = [
        (item, context, found)
        for (_, _, item), context, found in zip(items, contexts, findings, strict=True)
    ]
    local = [entry for entry in every if entry[0].region != NATIONAL_REGION]
    for rule in setup.rules:
        check = rule.check
        for item, context, found in every if rule.national else local:
            found.extend(check(item, context))
    return findings


def _check_loaded(
    setup: Setup, file: str, folder: str, loaded: Loaded
) -> tuple[list[Finding], ItemSummary | None]:
    findings = [problem_finding(p) for p in loaded.problems]
    if not loaded.usable:
        return findings, None
    model = model_for_region(folder)
    item, schema_findings = check_model(model, loaded.data)
    findings.extend(schema_findings)
    if item is None:
        data = loaded.data
        summary = ItemSummary.from_raw(file, folder, data) if isinstance(data, dict) else None
        return findings, summary
    assert isinstance(item, Item)
    findings.extend(_run_rules(setup, file, folder, item))
    return findings, ItemSummary.from_item(file, folder, item)


def unused_suppression(file: str, suppression: Suppression, severity: Severity) -> Diagnostic:
    """The Y006 diagnostic for a suppression that matched nothing."""
    finding = UnusedSuppression.finding(
        "", position=(suppression.line, suppression.column), codes=",".join(suppression.codes)
    )
    return _positioned(finding, file, severity)


def malformed_suppression(file: str, malformed: Malformed, severity: Severity) -> Diagnostic:
    """The Y006 diagnostic for a ``# catalog:`` comment that is not a suppression."""
    finding = UnusedSuppression.finding(
        "", "malformed", position=(malformed.line, malformed.column), comment=malformed.comment
    )
    return _positioned(finding, file, severity)


def _positioned(finding: Finding, file: str, severity: Severity) -> Diagnostic:
    return to_diagnostic(finding, file, severity, Positioner(Path()))
