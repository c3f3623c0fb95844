"""Materials written as text in one cell, the way department sheets often give them.

    1.食品经营许可申请书
    2.营业执照复印件（1份）
    ①申请书②身份证明（原件）③承诺书
    申请书；身份证明；场所使用证明（容缺后补）

:func:`split_entries` cuts such a cell into entries (lines, numbered runs, circled numbers,
semicolons outside brackets) and drops the numbering; :func:`parse_material` reads the
hints an entry carries (原件/复印件, N份, 纸质/电子, 必要/非必要/容缺后补).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CN_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
_NUMBER = r"[0-9]{1,2}"
_LEADING = re.compile(
    rf"^\s*(?:[（(]\s*{_NUMBER}\s*[)）]|{_NUMBER}\s*[.、．,，:：)）](?![0-9])|[{_CIRCLED}]"
    r"|[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)\s*"
)
# A number that starts an entry in the middle of a line: "1.申请书 2.身份证 3.承诺书".
_INLINE = re.compile(
    rf"(?:^|(?<=[\s；;。，,]))(?:[（(]({_NUMBER})[)）]|({_NUMBER})[.、．)）](?![0-9]))"
)
_SEMICOLON = re.compile(r"[；;]")
_TRAILING = "。；;，,、 \t"
_ANNOTATION = re.compile(r"[（(]([^（）()]*)[)）]\s*$")
_COPIES_SUFFIX = re.compile(
    r"(原件或复印件|原件|复印件)?\s*[各共]?([0-9]{1,3}|[一二两三四五六七八九十])\s*份$"
)
_COPIES_WORD = re.compile(
    r"(原件或复印件|原件|复印件)?[各共]?([0-9]{1,3}|[一二两三四五六七八九十])份"
)
_HINT_SPLIT = re.compile(r"[，,、；;\s/]+")
_FORMS = ("原件或复印件", "原件", "复印件")
_MEDIA = {"纸质": "纸质", "纸质版": "纸质", "电子": "电子", "电子版": "电子", "纸质和电子": "纸质和电子",
          "纸质或电子": "纸质和电子", "纸质、电子": "纸质和电子"}  # fmt: skip
_NEED = {"必要": True, "必交": True, "必须": True, "必需": True, "非必要": False, "选交": False,
         "可选": False, "容缺": "容缺后补", "容缺后补": "容缺后补"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class MaterialHint:
    """One material read from text: its name and whatever the text says about it."""

    name: str
    form: str | None = None
    copies: int | None = None
    media: str | None = None
    required: bool | str | None = None


BLANK_LINE = re.compile(r"\n[ \t\u3000]*\n")
"""A blank line (spaces allowed): in a list cell, what parts entries of several lines."""


def join_entries(entries: Iterable[object]) -> str:
    """A list cell's text: one entry per line, or, when an entry has line breaks of its own,
    a blank line after each entry but the last (after a lone entry too):
    :func:`split_entries` reads either back."""
    texts = [str(entry) for entry in entries]
    if not any("\n" in text for text in texts):
        return "\n".join(texts)
    # A lone entry of several lines ends with a blank line, so that it is not read as one
    # entry per line.
    return "\n\n".join(texts) + ("\n\n" if len(texts) == 1 else "")


def split_entries(text: str, *, semicolons: bool = True) -> list[str]:
    """The entries of a multi-entry cell.

    With ``semicolons`` (material cells) entries are also cut at numbered runs inside a
    line, circled numbers and ；/; outside brackets, and lose their numbering and trailing
    punctuation. Without it (list cells such as 设定依据 or 受理条件, which the export
    writes with :func:`join_entries`) only lines are cut, so that what was exported reads
    back exactly; a cell with a blank line is cut at blank lines only, and its entries
    keep their inner line breaks.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not semicolons and BLANK_LINE.search(text):
        return [entry.strip() for entry in BLANK_LINE.split(text) if entry.strip()]
    lines = text.split("\n")
    if not semicolons:
        return [line.strip() for line in lines if line.strip()]
    entries: list[str] = []
    for line in lines:
        for piece in _split_line(line):
            for part in _split_semicolons(piece):
                cleaned = _LEADING.sub("", part, count=1).strip().rstrip(_TRAILING).strip()
                if cleaned:
                    entries.append(cleaned)
    return entries


def _split_line(line: str) -> list[str]:
    if any(ch in line for ch in _CIRCLED):
        parts = re.split(f"(?=[{_CIRCLED}])", line)
        return [p for p in parts if p.strip()]
    marks = list(_INLINE.finditer(line))
    numbers = [int(m.group(1) or m.group(2)) for m in marks]
    if len(marks) >= 2 and numbers == list(range(numbers[0], numbers[0] + len(numbers))):
        cuts = [m.start() for m in marks]
        if cuts[0] != 0:
            cuts.insert(0, 0)
        cuts.append(len(line))
        return [line[a:b] for a, b in pairwise(cuts) if line[a:b].strip()]
    return [line]


def _split_semicolons(text: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    start = 0
    for index, ch in enumerate(text):
        if ch in "（(《【[":
            depth += 1
        elif ch in "）)》】]":
            depth = max(0, depth - 1)
        elif depth == 0 and _SEMICOLON.match(ch):
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def parse_material(entry: str) -> MaterialHint:
    """The material an entry names, with the hints it carries."""
    name = entry.strip()
    form: str | None = None
    copies: int | None = None
    media: str | None = None
    required: bool | str | None = None
    annotation = _ANNOTATION.search(name)
    if annotation is not None:
        words = [w for w in _HINT_SPLIT.split(annotation.group(1)) if w]
        read = [_hints(w) for w in words]
        if words and all(r is not None for r in read):
            name = name[: annotation.start()].strip()
            for key, value in (pair for pairs in read if pairs for pair in pairs):
                if key == "form":
                    form = str(value)
                elif key == "copies":
                    copies = int(str(value))
                elif key == "media":
                    media = str(value)
                else:
                    required = value  # type: ignore[assignment]
    suffix = _COPIES_SUFFIX.search(name)
    if suffix is not None and suffix.start() > 0:
        copies = copies if copies is not None else _count(suffix.group(2))
        form = form or suffix.group(1)
        name = name[: suffix.start()].strip()
    if form is None:
        form = next((f for f in _FORMS if name.endswith(f)), None)
    return MaterialHint(name=name, form=form, copies=copies, media=media, required=required)


def _hints(word: str) -> list[tuple[str, object]] | None:
    """What one word of an annotation says, or None when it is not a hint."""
    if word in _FORMS:
        return [("form", word)]
    if word in _MEDIA:
        return [("media", _MEDIA[word])]
    if word in _NEED:
        return [("required", _NEED[word])]
    match = _COPIES_WORD.fullmatch(word)
    if match is not None:
        found: list[tuple[str, object]] = [("copies", _count(match.group(2)))]
        if match.group(1):
            found.insert(0, ("form", match.group(1)))
        return found
    return None


def _count(text: str) -> int:
    return int(text) if text.isdigit() else _CN_DIGITS[text]
