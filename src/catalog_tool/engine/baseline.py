"""Baselines: today's findings recorded, so that CI fails only on new ones.

A catalog office adopting the tool has thousands of old findings. ``catalog baseline write``
records them in a JSON file; ``validate --baseline FILE`` (or ``baseline = "…"`` in the
config) then hides the findings it lists and reports the entries that no longer occur, so
the file shrinks as the catalog is cleaned up.

An entry is matched by file, rule and message, never by line: editing an item above a
finding moves it but does not make it new. Line numbers inside messages (``上级
370800/000101001000.yaml:2``) are left out of the comparison for the same reason. The
pointer is compared first, so that two findings with the same message in one file (two
materials without basis) pair with their own entries; an entry whose pointer moved (a
material list reordered) still matches by message.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from catalog_tool.diagnostics import Diagnostic
from catalog_tool.errors import CatalogError
from catalog_tool.io.atomic import write_text
from catalog_tool.model.baseline import BASELINE_VERSION, BaselineEntryOut, BaselineOut
from catalog_tool.text import Text

DEFAULT_BASELINE = "catalog-baseline.json"
"""Where ``catalog baseline write`` puts the baseline when neither option nor config says."""

_LINE_REF = re.compile(r"(\.ya?ml):\d+(?::\d+)?")


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    """One recorded finding."""

    file: str
    """Path relative to the catalog root, ``/``-separated."""
    rule: str
    pointer: str
    message: str
    """The Chinese message, as written when the baseline was recorded."""

    @property
    def key(self) -> tuple[str, str, str]:
        """What must match: file, rule and the message without line numbers."""
        return (self.file, self.rule, _without_lines(self.message))


@dataclass(frozen=True, slots=True)
class Baseline:
    """The recorded findings of a catalog."""

    entries: tuple[BaselineEntry, ...]


@dataclass(frozen=True, slots=True)
class BaselineOutcome:
    """What a baseline did to one run."""

    file: str
    """The baseline file, as shown to the user."""
    hidden: int
    """Findings hidden because the baseline lists them."""
    stale: tuple[BaselineEntry, ...]
    """Entries within the checked files that no longer occur."""


def _without_lines(message: str) -> str:
    return _LINE_REF.sub(r"\1", message)


def entry_of(diagnostic: Diagnostic) -> BaselineEntry:
    """The baseline entry recording ``diagnostic`` (whose file is root-relative)."""
    return BaselineEntry(
        file=diagnostic.file or "",
        rule=diagnostic.rule,
        pointer=diagnostic.pointer,
        message=diagnostic.message.zh,
    )


def baseline_of(diagnostics: Iterable[Diagnostic]) -> Baseline:
    """A baseline that records ``diagnostics``, in a stable order."""
    entries = sorted(
        (entry_of(d) for d in diagnostics),
        key=lambda e: (e.file, e.rule, e.pointer, e.message),
    )
    return Baseline(tuple(entries))


def split(
    diagnostics: Sequence[Diagnostic],
    baseline: Baseline,
    in_scope: Callable[[BaselineEntry], bool],
) -> tuple[list[Diagnostic], int, tuple[BaselineEntry, ...]]:
    """Split root-relative ``diagnostics`` by ``baseline``: the new ones, how many were
    hidden, and the entries ``in_scope`` (that the run could have matched) that nothing
    matched."""
    exact: dict[tuple[str, str, str, str], list[BaselineEntry]] = defaultdict(list)
    for entry in baseline.entries:
        exact[(*entry.key, entry.pointer)].append(entry)
    left = Counter(baseline.entries)

    def take(entry: BaselineEntry) -> None:
        left[entry] -= 1
        if left[entry] == 0:
            del left[entry]

    unmatched: list[Diagnostic] = []
    for diagnostic in diagnostics:
        candidates = exact.get((*entry_of(diagnostic).key, diagnostic.pointer), [])
        match = next((e for e in candidates if left[e] > 0), None)
        if match is None:
            unmatched.append(diagnostic)
        else:
            take(match)
    # Second pass: the same finding whose pointer moved (a list was reordered).
    loose: dict[tuple[str, str, str], list[BaselineEntry]] = defaultdict(list)
    for entry in left:
        loose[entry.key].extend([entry] * left[entry])
    kept: list[Diagnostic] = []
    for diagnostic in unmatched:
        pool = loose.get(entry_of(diagnostic).key)
        if pool:
            take(pool.pop())
        else:
            kept.append(diagnostic)
    hidden = len(diagnostics) - len(kept)
    stale = tuple(e for e in left.elements() if in_scope(e))
    return kept, hidden, tuple(sorted(stale, key=lambda e: (e.file, e.rule, e.pointer)))


def load_baseline(path: Path) -> Baseline:
    """Read the baseline at ``path``; an unreadable or malformed file raises CatalogError."""
    fix = Text(
        "用 catalog baseline write 重新生成基线文件。",
        "Regenerate it with catalog baseline write.",
    )
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogError(
            Text(f"找不到基线文件 {path}", f"baseline file {path} not found"),
            Text(
                "先运行 catalog baseline write 记录现有问题,或改正 baseline 设置。",
                "Run catalog baseline write first, or correct the baseline setting.",
            ),
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise CatalogError(
            Text(f"无法读取基线文件 {path}:{error}", f"cannot read baseline file {path}: {error}"),
            fix,
        ) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise CatalogError(
            Text(
                f"{path}:{error.lineno}:{error.colno}: 基线文件不是有效的 JSON:{error.msg}",
                f"{path}:{error.lineno}:{error.colno}: the baseline is not valid JSON: {error.msg}",
            ),
            fix,
        ) from None
    try:
        model = BaselineOut.model_validate(data)
    except ValidationError as error:
        from catalog_tool.config import setting_problem

        first = error.errors()[0]
        where = "/" + "/".join(str(p) for p in first["loc"])
        problem = setting_problem(first)
        raise CatalogError(
            Text(
                f"{path}: 基线文件格式不对,位置 {where}:{problem.zh}",
                f"{path}: the baseline does not match its schema at {where}: {problem.en}",
            ),
            fix,
        ) from None
    return Baseline(
        tuple(
            BaselineEntry(file=e.file, rule=e.rule, pointer=e.pointer, message=e.message)
            for e in model.entries
        )
    )


def baseline_text(baseline: Baseline) -> str:
    """The file's text: versioned JSON, one entry per finding, stable for diffs in review."""
    data = BaselineOut(
        version=BASELINE_VERSION,
        entries=[
            BaselineEntryOut(file=e.file, rule=e.rule, pointer=e.pointer, message=e.message)
            for e in baseline.entries
        ],
    )
    return json.dumps(data.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"


def write_baseline(path: Path, baseline: Baseline) -> None:
    """Write ``baseline`` to ``path`` atomically."""
    write_text(path, baseline_text(baseline))
