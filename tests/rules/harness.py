"""Rule fixtures: YAML files that mutate a clean base catalog and mark expected findings.

A fixture file ``fixtures/<CODE>.yaml`` holds cases::

    cases:
      - name: material without basis
        options: {phrases: [...]}         # optional rule options
        files:
          370811/000101001000.yaml:
            patch: |                       # replaces these top-level keys of the base file
              materials:
                - name: 营业执照复印件  # expect: M003@7
          370811/000999001000.yaml: |      # a whole new file
            ...
          370000/000101001000.yaml: null   # delete a base file
          370811/link.yaml: {symlink: /etc/hostname}
          370811/pipe.yaml: {fifo: true}     # a named pipe where a file should be
          370811/big.yaml: {text: "# expect: Y007@1\n", pad_to: 6000000}
        expect: ["370811/link.yaml:1:1:Y007"]   # for files that cannot hold a mark

``# expect: CODE@COLUMN`` marks a finding on that very line; several are comma-separated.
The reported set of (file, line, column, code) for the case's rule must equal the marks.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

HERE = Path(__file__).parent
BASE = HERE / "base"
FIXTURES = HERE / "fixtures"
MARK = re.compile(r"#\s*expect:\s*(?P<marks>[A-Z]\d{3}@\d+(?:\s*,\s*[A-Z]\d{3}@\d+)*)")
_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*:")


@dataclass(frozen=True)
class Case:
    rule: str
    name: str
    files: dict[str, Any]
    options: dict[str, Any]
    config: dict[str, Any]
    expect: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.rule}-{self.name}"


def load_cases() -> list[Case]:
    yaml = YAML(typ="safe", pure=True)
    cases: list[Case] = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"))
        for raw in data["cases"]:
            cases.append(
                Case(
                    rule=path.stem,
                    name=raw["name"],
                    files=raw.get("files") or {},
                    options=raw.get("options") or {},
                    config=raw.get("config") or {},
                    expect=tuple(raw.get("expect") or ()),
                )
            )
    return cases


def _blocks(text: str) -> list[tuple[str | None, list[str]]]:
    """Split YAML text into top-level key blocks (leading comments go with the next key)."""
    blocks: list[tuple[str | None, list[str]]] = []
    pending: list[str] = []
    for line in text.splitlines(keepends=True):
        match = _TOP_KEY.match(line)
        if match:
            blocks.append((match.group(1), [*pending, line]))
            pending = []
        elif blocks and not (line.startswith("#") or not line.strip()):
            blocks[-1][1].append(line)
        else:
            pending.append(line)
    if pending:
        blocks.append((None, pending))
    return blocks


def patch(base: str, change: str, remove: list[str] | None = None) -> str:
    """Replace the top-level keys of ``base`` that ``change`` sets; add new ones at the end."""
    new: dict[str, list[str]] = {}
    for key, lines in _blocks(change):
        if key is not None:
            new.setdefault(key, []).extend(lines)  # a key given twice stays twice (Y002)
    out: list[str] = []
    for key, lines in _blocks(base):
        if key in (remove or []):
            continue
        out.extend(new.pop(key) if key in new else lines)
    for lines in new.values():
        out.extend(lines)
    return "".join(out)


def build(case: Case, target: Path) -> Path:
    """Materialize the case's catalog under ``target``; return its root."""
    root = target / "catalog"
    shutil.copytree(BASE, root, ignore=shutil.ignore_patterns(".catalog_cache"))
    for rel, spec in case.files.items():
        path = root / rel
        if spec is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(spec, dict) and "symlink" in spec:
            path.symlink_to(spec["symlink"])
            continue
        if isinstance(spec, dict) and spec.get("fifo"):
            os.mkfifo(path)
            continue
        if isinstance(spec, str):
            text, encoding = spec, "utf-8"
        elif "patch" in spec or "remove" in spec:
            text = patch(
                path.read_text(encoding="utf-8"), spec.get("patch", ""), spec.get("remove")
            )
            encoding = "utf-8"
        else:
            text, encoding = spec["text"], spec.get("encoding", "utf-8")
        data = text.encode(encoding)
        if isinstance(spec, dict) and "pad_to" in spec:
            data += b"#" * (int(spec["pad_to"]) - len(data)) + b"\n"
        path.write_bytes(data)
    return root


def expected_marks(root: Path, extra: tuple[str, ...] = ()) -> set[tuple[str, int, int, str]]:
    """Every ``# expect:`` mark in the catalog as (file, line, column, code), plus ``extra``
    entries written as ``file:line:column:CODE``."""
    marks: set[tuple[str, int, int, str]] = set()
    for entry in extra:
        file, line, column, code = entry.rsplit(":", 3)
        marks.add((file, int(line), int(column), code))
    for path in sorted([*root.rglob("*.yaml"), *root.rglob("*.yml")]):
        if path.is_symlink() or not path.is_file():
            continue
        raw = path.read_bytes()[:100_000]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("gb18030", errors="replace")
        for number, line in enumerate(text.splitlines(), start=1):
            found = MARK.search(line)
            if found is None:
                continue
            for mark in found.group("marks").split(","):
                code, column = mark.strip().split("@")
                marks.add((path.relative_to(root).as_posix(), number, int(column), code))
    return marks
