"""What checks produce: positioned, bilingual diagnostics."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from catalog_tool.text import Lang, Text, visible


class Severity(StrEnum):
    """How serious a diagnostic is. Ordered: error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """A number that grows with seriousness, for ``--fail-level`` comparisons."""
        return _RANK[self]

    @property
    def word(self) -> Text:
        """The severity as a report says it: 错误, 警告, 提示."""
        return _WORD[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
_WORD = {
    Severity.ERROR: Text("错误", "error"),
    Severity.WARNING: Text("警告", "warning"),
    Severity.INFO: Text("提示", "info"),
}


@dataclass(frozen=True, slots=True)
class Ref:
    """Another place that a message names, such as the upstream item of a 四级四同 check."""

    file: str
    """Path of the other file, relative to the catalog root, with ``/`` separators."""
    pointer: str = ""
    """JSON pointer inside the other file."""


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule reports, before the framework turns pointers into lines and columns."""

    code: str
    """The rule code, e.g. ``M001``."""
    pointer: str
    """JSON pointer to the offending value in ``file``."""
    message: Text
    """Message template; ``{name}`` placeholders are filled from ``params``."""
    hint: Text | None = None
    """How to fix it; a template like ``message``."""
    params: Mapping[str, object] = field(default_factory=dict)
    """Values for the templates. A :class:`Ref` value is rendered as ``file:line``."""
    file: str | None = None
    """The file the finding is in, relative to the catalog root; None means the item checked."""
    position: tuple[int, int] | None = None
    """A 1-based (line, column) known without a pointer, e.g. from the YAML parser."""
    severity: Severity | None = None
    """A severity for this finding only (a configured severity for the rule still wins)."""
    region: str | None = None
    """The region a finding is about, when its file does not say (O002 on regions.yaml)."""


@dataclass(frozen=True, slots=True)
class Related:
    """A resolved :class:`Ref`: a place in another file, with its line and column."""

    file: str
    line: int
    column: int
    pointer: str


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem, ready to report: positioned and with its message in both languages."""

    rule: str
    """Stable rule code, e.g. ``M001``."""
    severity: Severity
    """Severity after configuration overrides."""
    message: Text
    """What is wrong, quoting the offending value."""
    hint: Text | None
    """How to fix it."""
    file: str | None
    """Path of the file; relative to the catalog root inside the engine, to the working
    directory once in a report."""
    line: int = 1
    """1-based line."""
    column: int = 1
    """1-based column."""
    pointer: str = ""
    """JSON pointer of the offending value inside the file."""
    region: str | None = None
    """Region code of the item, when known."""
    code: str | None = None
    """基本编码 of the item, when known."""
    sheet: str | None = None
    """Spreadsheet sheet name, for problems found in a workbook."""
    cell: str | None = None
    """Spreadsheet cell such as ``事项!C12``, for problems found in a workbook."""
    related: tuple[Related, ...] = ()
    """Other places the message names."""

    @property
    def where(self) -> str:
        """``file:line:column``, or ``file:sheet!cell`` for a problem in a workbook."""
        if self.cell is not None:
            return f"{self.file}:{self.cell}"
        return f"{self.file}:{self.line}:{self.column}"

    def message_at_cell(self, lang: Lang) -> str:
        """The message, led by the cell for a problem in a workbook (for formats that place
        a problem by line and column only)."""
        message = self.message.get(lang)
        return f"{self.cell}: {message}" if self.cell is not None else message

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order of the report: file, line, column, rule, then message."""
        return (self.file or "", self.line, self.column, self.rule, self.message.zh)

    def moved(self, path: Callable[[str], str]) -> Diagnostic:
        """This diagnostic with every file it names given by ``path``: its own, the ones
        it refers to, and those references as its message and hint write them
        (``file:line``). A report shows paths from the working directory; the engine and
        a baseline keep them from the catalog root."""
        if not self.related:
            return replace(self, file=path(self.file) if self.file is not None else None)
        message, hint = self.message, self.hint
        for related in self.related:
            # The reference whole: not inside a longer path, nor before more digits.
            written = re.compile(rf"(?<![\w/.]){re.escape(related.file)}:{related.line}(?!\d)")
            seen = f"{path(related.file)}:{related.line}"
            message = Text(written.sub(seen, message.zh), written.sub(seen, message.en))
            if hint is not None:
                hint = Text(written.sub(seen, hint.zh), written.sub(seen, hint.en))
        return replace(
            self,
            file=path(self.file) if self.file is not None else None,
            message=message,
            hint=hint,
            related=tuple(replace(r, file=path(r.file)) for r in self.related),
        )


def fill(template: Text, params: Mapping[str, object]) -> Text:
    """Fill a bilingual template. A :class:`Text` parameter fills in its own language; a
    string parameter shows its invisible characters (:func:`~catalog_tool.text.visible`)."""
    shown = {k: visible(v) if isinstance(v, str) else v for k, v in params.items()}
    zh = {k: v.zh if isinstance(v, Text) else v for k, v in shown.items()}
    en = {k: v.en if isinstance(v, Text) else v for k, v in shown.items()}
    return Text(zh=template.zh.format(**zh).strip(), en=template.en.format(**en).strip())
