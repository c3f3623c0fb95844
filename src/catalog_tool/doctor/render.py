"""Print doctor results: a table for people, JSON for scripts."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from catalog_tool.doctor.model import Check, Status, worst
from catalog_tool.text import Lang, Text

JSON_VERSION = 1
_LABELS = {
    Status.OK: Text("正常", "ok"),
    Status.WARNING: Text("警告", "warning"),
    Status.ERROR: Text("错误", "error"),
}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def render_text(checks: Sequence[Check], stream: TextIO, lang: Lang) -> None:
    """One line per check (status, what, what was found), then details and the hint."""
    labels = {s: t.get(lang) for s, t in _LABELS.items()}
    label_width = max(_width(v) for v in labels.values())
    title_width = min(28, max(_width(c.title.get(lang)) for c in checks))
    indent = " " * (2 + label_width + 2 + title_width + 2)
    for check in checks:
        title = check.title.get(lang)
        if _width(title) > title_width:
            stream.write(f"  {_pad(labels[check.status], label_width)}  {title}\n")
            stream.write(f"{indent}{check.summary.get(lang)}\n")
        else:
            stream.write(
                f"  {_pad(labels[check.status], label_width)}  {_pad(title, title_width)}  "
                f"{check.summary.get(lang)}\n"
            )
        for detail in check.details:
            stream.write(f"{indent}  {detail}\n")
        if check.hint is not None and check.status is not Status.OK:
            stream.write(f"{indent}→ {check.hint.get(lang)}\n")
    counts = Counter(c.status for c in checks)
    stream.write(
        "\n"
        + Text(
            f"{len(checks)} 项检查:{counts[Status.OK]} 项正常,"
            f"{counts[Status.WARNING]} 项警告,{counts[Status.ERROR]} 项错误\n",
            f"{len(checks)} checks: {counts[Status.OK]} ok, "
            f"{counts[Status.WARNING]} warnings, {counts[Status.ERROR]} errors\n",
        ).get(lang)
    )


def render_json(checks: Sequence[Check], stream: TextIO, lang: Lang) -> None:
    """The results as versioned JSON, texts in ``lang``."""
    counts = Counter(c.status for c in checks)
    data = {
        "version": JSON_VERSION,
        "status": worst(list(checks)).value,
        "summary": {s.value: counts[s] for s in Status},
        "checks": [
            {
                "name": c.name,
                "title": c.title.get(lang),
                "status": c.status.value,
                "summary": c.summary.get(lang),
                "hint": c.hint.get(lang) if c.hint is not None else None,
                "details": list(c.details),
                "facts": dict(c.facts),
            }
            for c in checks
        ],
    }
    json.dump(data, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
