"""Turn findings into diagnostics: pointers into lines and columns, templates into text."""

from __future__ import annotations

import re
from pathlib import Path

from catalog_tool.diagnostics import Diagnostic, Finding, Ref, Related, Severity, fill
from catalog_tool.io.compose import compose
from catalog_tool.io.decode import decode
from catalog_tool.io.load import Loaded
from catalog_tool.io.nodes import Node, locate, split_pointer
from catalog_tool.io.text_locate import locate_text
from catalog_tool.model.codes import CODE_PATTERN, REGION_PATTERN

_REGION = re.compile(REGION_PATTERN)
_CODE = re.compile(CODE_PATTERN)


def identity_of(file: str) -> tuple[str | None, str | None]:
    """Region and code that an item path ``<region>/<code>.yaml`` names."""
    parts = file.split("/")
    region = parts[0] if len(parts) == 2 and _REGION.match(parts[0]) else None
    stem = parts[-1].rsplit(".", 1)[0]
    code = stem if region is not None and _CODE.match(stem) else None
    return region, code


class Positioner:
    """Finds line and column of pointers: by reading the text, composing only when unsure."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._texts: dict[str, str | None] = {}
        self._trees: dict[str, Node | None] = {}
        self._found: dict[tuple[str, str], tuple[int, int]] = {}

    def seed(self, file: str, loaded: Loaded) -> None:
        """Use an already loaded file (and its node tree, when it has one)."""
        self._texts[file] = loaded.text
        self._found.clear()
        if loaded.tree is not None:
            self._trees[file] = loaded.tree

    def seed_text(self, file: str, text: str) -> None:
        """Use a file's text instead of reading it again."""
        self._texts[file] = text
        self._found.clear()

    def locate(self, file: str, pointer: str) -> tuple[int, int]:
        """The 1-based position of ``pointer`` in ``file``.

        Remembered: cross-item findings of many items point at the same upstream place.
        """
        key = (file, pointer)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self._locate(file, pointer)
        return found

    def _locate(self, file: str, pointer: str) -> tuple[int, int]:
        if file in self._trees:
            return locate(self._trees[file], pointer)
        text = self._text(file)
        if text is None:
            return 1, 1
        found = locate_text(text, split_pointer(pointer))
        if found is not None:
            return found
        tree = compose(text).root
        self._trees[file] = tree
        return locate(tree, pointer)

    def _text(self, file: str) -> str | None:
        if file not in self._texts:
            try:
                self._texts[file] = decode((self.root / file).read_bytes()).text
            except OSError:
                self._texts[file] = None
        return self._texts[file]


def to_diagnostic(
    finding: Finding,
    file: str,
    severity: Severity,
    positioner: Positioner,
) -> Diagnostic:
    """A diagnostic for ``finding`` in ``file`` (the finding's own file wins)."""
    where = finding.file or file
    if finding.position is not None:
        line, column = finding.position
    else:
        line, column = positioner.locate(where, finding.pointer)
    related: list[Related] = []
    params: dict[str, object] = {}
    for key, value in finding.params.items():
        if isinstance(value, Ref):
            ref_line, ref_column = positioner.locate(value.file, value.pointer)
            related.append(Related(value.file, ref_line, ref_column, value.pointer))
            params[key] = f"{value.file}:{ref_line}"
        else:
            params[key] = value
    region, code = identity_of(where)
    region = region or finding.region
    return Diagnostic(
        rule=finding.code,
        severity=severity,
        message=fill(finding.message, params),
        hint=fill(finding.hint, params) if finding.hint is not None else None,
        file=where,
        line=line,
        column=column,
        pointer=finding.pointer,
        region=region,
        code=code,
        related=tuple(related),
    )
