"""Build a law registry from a corpus in the LawRefBook/Laws layout.

Layout (see ``法律法规模版.md`` in the corpus)::

    <root>/db.sqlite3                      table law (name, level, publish, valid_from, expired,
                                           filename, category_id, …) and table category
    <root>/<category>/<name>(<date>).md    one law per file; the date is optional
    <root>/DLC/<province>/db.sqlite3       local regulations, same schema, paths relative
    <root>/DLC/<province>/<folder>/…/*.md  to the province folder

A Markdown file starts with ``# <full title>`` (and for a split law like 民法典 a second
``# <part>``), then dated history lines (``2019年4月23日 …修正``), the marker
``<!-- INFO END -->``, then the text with articles as lines starting ``第X条`` or ``第X条之一``.

Only facts are kept: title, short title, level, issuer, dates, status, article numbers.

How the corpus maps onto records:

- Files are matched to ``law`` rows by file name and date (``建筑法(2019-04-23).md`` ↔ name
  建筑法, publish 2019-04-23; ``filename`` when set, as for the parts of 民法典), not by
  folder: a few files sit in another category folder than their row says.
- ``level`` maps onto :class:`LawLevel`; an unmatched file gets its level from its folder.
- Several files with the same title are versions; the newest is the record. Files of the
  same title and version (the parts of 民法典) are merged.
- ``expired = 1`` on an older version only means a newer one replaced it; on the newest
  version it means the document is no longer in force: status 已废止.
- Articles: every ``第X条`` line counts. Chinese laws number articles consecutively, and a
  few corpus texts drop some (飞行基本规则 shows 12 of its 121), so the plain articles are
  filled in from 1 to the highest found; ``之N`` articles are kept exactly as found. A text
  without any ``第X条`` (some old 规定 numbered 一、二、) gets an empty spec: unknown.

Skipped: the folders 司法解释, 案例 and 其他 (guides, a forensic standard), ``_index.md``, files
at a corpus root, and amendment instruments (刑法修正案, 宪法修正案): their text is an edit
list already merged into the consolidated 刑法/宪法, and catalogs cite the consolidated law.

The curated :data:`~catalog_tool.legal.repealed.REPEALED` list is merged last: it marks
documents 已废止 with successor and date, and adds repealed laws the corpus lacks (with
unknown articles).
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

from catalog_tool.errors import CatalogError
from catalog_tool.legal.citation import normalize_title, title_key
from catalog_tool.legal.numerals import parse_number
from catalog_tool.legal.registry import (
    ArticleNumber,
    LawLevel,
    LawRecord,
    LawRegistryFile,
    LawStatus,
    format_article_spec,
)
from catalog_tool.legal.repealed import REPEALED, RepealedLaw
from catalog_tool.text import Text

DEFAULT_SOURCE: Final = (
    "LawRefBook/Laws 法律法规库快照（国家法律法规数据库）；"
    "已废止法律据 catalog_tool.legal.repealed 补充"
)
"""The ``source`` written into registries built from the corpus."""

BUNDLED_LEVELS: Final = frozenset(
    {
        LawLevel.CONSTITUTION,
        LawLevel.LAW,
        LawLevel.ADMINISTRATIVE_REGULATION,
        LawLevel.DEPARTMENTAL_RULE,
        LawLevel.LOCAL_REGULATION,
    }
)
"""The levels shipped in the package's ``data/laws.json``."""

SKIPPED_FOLDERS: Final = frozenset({"司法解释", "案例", "其他"})
"""Top-level corpus folders that hold no citable laws."""

_DB_LEVELS: Final[dict[str, LawLevel]] = {level.value: level for level in LawLevel}
_FOLDER_LEVELS: Final[dict[str, LawLevel]] = {
    "宪法": LawLevel.CONSTITUTION,
    "行政法规": LawLevel.ADMINISTRATIVE_REGULATION,
    "部门规章": LawLevel.DEPARTMENTAL_RULE,
    **dict.fromkeys(
        (
            "宪法相关法",
            "民法典",
            "民法商法",
            "行政法",
            "经济法",
            "社会法",
            "刑法",
            "诉讼与非诉讼程序法",
        ),
        LawLevel.LAW,
    ),
}
_PRC: Final = "中华人民共和国"

_STEM_RE: Final = re.compile(r"^(?P<name>.*?)(?:\((?P<date>\d{4}-\d{2}-\d{2})\))?$")
_COMMENT_RE: Final = re.compile(r"<!--.*?-->")
_INFO_END: Final = "<!-- INFO END -->"
_HISTORY_RE: Final = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(.*)$")
_ARTICLE_RE: Final = re.compile(
    r"^\s*第([零〇一二两三四五六七八九十百千]+)条(?:之([一二三四五六七八九十]+))?(?=\s|$)"
)
_LOCAL_BODY_RE: Final = re.compile(
    r"^(?P<place>\S+?)第[一二三四五六七八九十]+届人民代表大会(?P<sc>常务委员会)?"
)
_ORDER_RE: Final = re.compile(
    r"^经?(?P<org>[^\s，。、]+?)(?:令第|第[0-9一二三四五六七八九十]+次[部局委署]务)"
)
_AMENDMENT_RE: Final = re.compile(r"修正案")


# --------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParsedLaw:
    """The facts read from one Markdown file."""

    title: str
    """The full title (first ``# `` line), widths folded and spaces removed."""
    part: str | None
    """The second ``# `` line of a split law (民法典 ``总则``), or None."""
    history: tuple[tuple[date, str], ...]
    """Dated history lines before ``<!-- INFO END -->``: (date, event)."""
    articles: frozenset[ArticleNumber]
    """Article numbers found, as (number, suffix) with suffix 0 for a plain article."""


def parse_markdown(text: str) -> ParsedLaw | None:
    """Read title, history and article numbers from a law's Markdown; None without a title."""
    lines = text.splitlines()
    end = next((i for i, line in enumerate(lines) if _INFO_END in line), None)
    if end is None:
        # No marker: the header runs to the first chapter heading or article.
        end = next(
            (i for i, line in enumerate(lines) if line.startswith("##") or _ARTICLE_RE.match(line)),
            len(lines),
        )
    headings: list[str] = []
    history: list[tuple[date, str]] = []
    for raw in lines[:end]:
        line = _COMMENT_RE.sub("", raw).strip()
        if line.startswith("# "):
            headings.append(normalize_title(line[2:]))
        elif m := _HISTORY_RE.match(line):
            when = _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if when is not None:
                history.append((when, m.group(4).strip()))
    headings = [h for h in headings if h]
    if not headings:
        return None
    articles: set[ArticleNumber] = set()
    for line in lines[end:]:
        if m := _ARTICLE_RE.match(line):
            number = parse_number(m.group(1))
            suffix = parse_number(m.group(2)) if m.group(2) else 0
            if number and suffix is not None:
                articles.add((number, suffix))
    part = headings[1] if len(headings) > 1 else None
    return ParsedLaw(headings[0], part, tuple(history), frozenset(articles))


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _iso(value: object) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------
# Database
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DbRow:
    """The part of a ``law`` row the importer uses."""

    stem: str
    """The file name without date: ``filename`` when set, else ``name``."""
    level: str
    """The ``level`` text (法律, 行政法规, …)."""
    publish: date | None
    """``publish``: the date of this version."""
    valid_from: date | None
    """``valid_from``: when this version took effect."""
    expired: bool
    """``expired``: replaced by a newer version, or no longer in force."""


def read_db(path: Path) -> list[DbRow]:
    """The rows of the ``law`` table of a corpus ``db.sqlite3``."""
    # Read-only URI: never create or touch the corpus database.
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as conn:
        rows = conn.execute(
            "SELECT name, filename, level, publish, valid_from, expired FROM law"
        ).fetchall()
    conn.close()
    return [
        DbRow(
            stem=str(filename or name),
            level=str(level),
            publish=_iso(publish),
            valid_from=_iso(valid_from),
            expired=bool(expired),
        )
        for name, filename, level, publish, valid_from, expired in rows
    ]


class _RowIndex:
    def __init__(self, rows: Iterable[DbRow]) -> None:
        self.exact: dict[tuple[str, date | None], DbRow] = {}
        self.by_stem: defaultdict[str, list[DbRow]] = defaultdict(list)
        for row in rows:
            self.exact.setdefault((row.stem, row.publish), row)
            self.by_stem[row.stem].append(row)

    def match(self, stem: str, when: date | None) -> DbRow | None:
        if (row := self.exact.get((stem, when))) is not None:
            return row
        candidates = self.by_stem.get(stem, [])
        if when is None and len(candidates) == 1:
            return candidates[0]  # an undated file (刑法.md) with a single dated row
        return None


# --------------------------------------------------------------------------------------------
# Scanning
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SkippedFile:
    """A corpus file that was not imported, and why."""

    path: str
    """The path relative to the corpus root."""
    reason: str
    """Why it was skipped."""


@dataclass(frozen=True, slots=True)
class _Found:
    relpath: str
    law: ParsedLaw
    level: LawLevel
    version: date | None
    row: DbRow | None
    file_date: date | None


@dataclass(frozen=True, slots=True)
class CorpusScan:
    """The outcome of reading a corpus."""

    records: tuple[LawRecord, ...]
    """One record per law, sorted by title, with the curated repeals merged."""
    skipped: tuple[SkippedFile, ...]
    """Files left out, sorted by path."""


def _sources(root: Path) -> list[tuple[Path, Path | None, LawLevel | None]]:
    """(folder, db, default level) for the main corpus and each DLC province."""
    sources: list[tuple[Path, Path | None, LawLevel | None]] = []
    main_db = root / "db.sqlite3"
    sources.append((root, main_db if main_db.is_file() else None, None))
    dlc = root / "DLC"
    if dlc.is_dir():
        for province in sorted(p for p in dlc.iterdir() if p.is_dir()):
            db = province / "db.sqlite3"
            sources.append((province, db if db.is_file() else None, LawLevel.LOCAL_REGULATION))
    return sources


def scan_corpus(root: Path) -> CorpusScan:
    """Read the corpus at ``root`` into records (see the module docstring for the rules)."""
    found: list[_Found] = []
    skipped: list[SkippedFile] = []
    for folder, db, default_level in _sources(root):
        index = _RowIndex(read_db(db) if db is not None else [])
        for path in sorted(folder.rglob("*.md")):
            rel = path.relative_to(folder)
            relpath = path.relative_to(root).as_posix()
            if default_level is None and rel.parts[0] == "DLC":
                continue  # DLC folders are their own sources
            result = _read_file(path, rel, index, default_level)
            if isinstance(result, str):
                if result:
                    skipped.append(SkippedFile(relpath, result))
            else:
                found.append(_Found(relpath, result[0], result[1], result[2], result[3], result[4]))
    if not found:
        raise CatalogError(
            Text(
                f"{root} 中没有可导入的法律文本(按效力级别分文件夹的 Markdown 文件)",
                f"{root} holds no law texts to import (Markdown files in one folder per level)",
            ),
            Text(
                "给出语料库的根文件夹:其中有 法律/、行政法规/ 等文件夹和 db.sqlite3。",
                "Give the corpus root: the folder with 法律/, 行政法规/ … and db.sqlite3.",
            ),
        )
    records = _merge_versions(found)
    records = _apply_repeals(records, REPEALED)
    return CorpusScan(
        tuple(sorted(records.values(), key=lambda r: r.title)),
        tuple(sorted(skipped, key=lambda s: s.path)),
    )


def _read_file(
    path: Path, rel: Path, index: _RowIndex, default_level: LawLevel | None
) -> str | tuple[ParsedLaw, LawLevel, date | None, DbRow | None, date | None]:
    """The facts of one file, or the reason to skip it ("" for files silently ignored)."""
    if len(rel.parts) < 2 or path.name == "_index.md":
        return ""  # corpus notes and folder indexes
    if rel.parts[0] in SKIPPED_FOLDERS:
        return f"folder {rel.parts[0]}"
    stem = _STEM_RE.match(path.stem)
    assert stem is not None  # the pattern matches every string
    file_date = _iso(stem.group("date"))
    law = parse_markdown(path.read_text(encoding="utf-8"))
    if law is None:
        return "no title line"
    if _AMENDMENT_RE.search(law.title):
        return "amendment instrument (merged into the consolidated law)"
    row = index.match(stem.group("name"), file_date)
    level = _level(row, rel, default_level)
    if level is None:
        return f"level {row.level if row else rel.parts[0]}"
    version = file_date or (row.publish if row else None) or _last_event(law.history, False)
    return (law, level, version, row, file_date)


def _level(row: DbRow | None, rel: Path, default_level: LawLevel | None) -> LawLevel | None:
    if row is not None:
        return _DB_LEVELS.get(row.level)  # 其他/案例 map to None: skipped
    return default_level or _FOLDER_LEVELS.get(rel.parts[0])


def _last_event(history: Sequence[tuple[date, str]], effective: bool) -> date | None:
    """The latest history date whose event is (or, with ``effective=False``, is not) 施行."""
    dates = [when for when, event in history if ("施行" in event) == effective]
    return max(dates) if dates else None


def _merge_versions(found: Iterable[_Found]) -> dict[str, LawRecord]:
    groups: defaultdict[str, list[_Found]] = defaultdict(list)
    for f in found:
        groups[title_key(f.law.title)].append(f)
    records: dict[str, LawRecord] = {}
    for key, versions in groups.items():
        newest = max((f.version or date.min) for f in versions)
        current = [f for f in versions if (f.version or date.min) == newest]
        records[key] = _record(current)
    return records


def _record(parts: Sequence[_Found]) -> LawRecord:
    """One record from the files of a law's newest version (several for 民法典)."""
    first = min(parts, key=lambda f: f.relpath)
    row = next((f.row for f in parts if f.row is not None), None)
    history = sorted({h for f in parts for h in f.law.history})
    articles: set[ArticleNumber] = set()
    for f in parts:
        articles |= f.law.articles
    published = (row.publish if row else None) or first.file_date or _last_event(history, False)
    effective = row.valid_from if row else None
    if effective is None:
        # A 施行 line older than the last amendment describes an earlier text: unknown then.
        candidate = _last_event(history, True)
        if candidate is not None and (published is None or candidate >= published):
            effective = candidate
    title = first.law.title
    return LawRecord(
        title=title,
        short_titles=_short_titles(title),
        level=first.level,
        issuer=_issuer(first.level, history),
        published=published,
        effective=effective,
        status=LawStatus.REPEALED if row is not None and row.expired else LawStatus.IN_FORCE,
        articles=format_article_spec(_fill_gaps(articles)),
    )


def _short_titles(title: str) -> tuple[str, ...]:
    if title.startswith(_PRC) and len(title) > len(_PRC):
        return (title[len(_PRC) :],)
    return ()


def _fill_gaps(articles: set[ArticleNumber]) -> set[ArticleNumber]:
    plain = [n for n, suffix in articles if suffix == 0]
    if not plain:
        return articles
    return articles | {(n, 0) for n in range(1, max(plain) + 1)}


def _issuer(level: LawLevel, history: Sequence[tuple[date, str]]) -> str | None:
    """The enacting body, read from the history lines where the text makes it clear."""
    events = [event for _, event in history]
    if level in {LawLevel.CONSTITUTION, LawLevel.LAW}:
        for event in events:
            if "全国人民代表大会常务委员会" in event:
                return "全国人民代表大会常务委员会"
            if "全国人民代表大会" in event:
                return "全国人民代表大会"
        return None
    if level is LawLevel.ADMINISTRATIVE_REGULATION:
        # 行政法规 are the State Council's by definition; some military ones are joint.
        joint = any("国务院" in e and "中央军事委员会" in e for e in events)
        return "国务院、中央军事委员会" if joint else "国务院"
    if level is LawLevel.LOCAL_REGULATION:
        for event in events:
            if m := _LOCAL_BODY_RE.match(event):
                return f"{m.group('place')}人民代表大会{m.group('sc') or ''}"
        return None
    for event in events:
        if m := _ORDER_RE.match(event):
            org = m.group("org")
            return org[len(_PRC) :] if org.startswith(_PRC) and org != _PRC else org
    return None


def _apply_repeals(
    records: dict[str, LawRecord], repealed: Iterable[RepealedLaw]
) -> dict[str, LawRecord]:
    merged = dict(records)
    for entry in repealed:
        key = title_key(entry.title)
        existing = merged.get(key)
        if existing is not None:
            # model_copy skips validation; the update only touches plain fields.
            merged[key] = existing.model_copy(
                update={
                    "status": LawStatus.REPEALED,
                    "successor": entry.successor,
                    "repealed": entry.repealed,
                }
            )
        else:
            merged[key] = LawRecord(
                title=entry.title,
                short_titles=_short_titles(entry.title),
                level=entry.level,
                status=LawStatus.REPEALED,
                successor=entry.successor,
                repealed=entry.repealed,
                articles="",  # not in the corpus: articles unknown
            )
    return merged


# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------


def import_corpus(
    folder: Path,
    *,
    source: str = DEFAULT_SOURCE,
    levels: Iterable[LawLevel] | None = None,
) -> LawRegistryFile:
    """Import the corpus at ``folder`` as a registry file, optionally only some ``levels``."""
    wanted = frozenset(levels) if levels is not None else None
    records = [r for r in scan_corpus(folder).records if wanted is None or r.level in wanted]
    return LawRegistryFile(version=1, source=source, laws=records)


def build_bundled(corpus: Path) -> LawRegistryFile:
    """The registry shipped as ``catalog_tool/data/laws.json``, built from ``corpus``."""
    return import_corpus(corpus, levels=BUNDLED_LEVELS)
