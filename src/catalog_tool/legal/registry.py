"""The law registry: which laws exist, their level, whether they are in force, which articles.

A registry is built from :class:`LawRecord` entries (the file format is
:class:`LawRegistryFile`, JSON or YAML). The package ships one generated from a corpus of
national laws and regulations (:func:`bundled`); a catalog can add its own local
regulations with :meth:`LawRegistry.overlay`.

Lookups go by :func:`~catalog_tool.legal.citation.title_key`, so ``中华人民共和国食品安全法``,
``食品安全法`` and ``《食品安全法》`` find the same record.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import importlib.resources
import json
import re
from collections.abc import Iterable, Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from catalog_tool.legal.citation import ArticleRef, title_key
from catalog_tool.legal.files import BUNDLED_RESOURCE

# --------------------------------------------------------------------------------------------
# Enums
# --------------------------------------------------------------------------------------------


class LawLevel(StrEnum):
    """效力层级: the legal level of a document."""

    CONSTITUTION = "宪法"
    LAW = "法律"
    ADMINISTRATIVE_REGULATION = "行政法规"
    STATE_COUNCIL_DECISION = "国务院决定"
    LOCAL_REGULATION = "地方性法规"
    DEPARTMENTAL_RULE = "部门规章"
    LOCAL_GOVERNMENT_RULE = "地方政府规章"
    NORMATIVE_DOCUMENT = "规范性文件"
    JUDICIAL_INTERPRETATION = "司法解释"

    @property
    def rank(self) -> int:
        """The level's authority: higher outranks lower; equal ranks are peers.

        宪法 > 法律 > 行政法规 = 国务院决定 > 地方性法规 > 部门规章 = 地方政府规章 > 规范性文件.
        司法解释 stands outside the legislative hierarchy and can set nothing, so it ranks
        lowest: a "may this level set a licence" check never lets it through.
        """
        return _RANKS[self]


_RANKS: Final[dict[LawLevel, int]] = {
    LawLevel.CONSTITUTION: 7,
    LawLevel.LAW: 6,
    LawLevel.ADMINISTRATIVE_REGULATION: 5,
    LawLevel.STATE_COUNCIL_DECISION: 5,
    LawLevel.LOCAL_REGULATION: 4,
    LawLevel.DEPARTMENTAL_RULE: 3,
    LawLevel.LOCAL_GOVERNMENT_RULE: 3,
    LawLevel.NORMATIVE_DOCUMENT: 2,
    LawLevel.JUDICIAL_INTERPRETATION: 1,
}


class LawStatus(StrEnum):
    """时效性: whether a document is in force."""

    IN_FORCE = "现行有效"
    AMENDED = "已修改"
    REPEALED = "已废止"


# --------------------------------------------------------------------------------------------
# Article sets: "1-12,12之1,13-40"
# --------------------------------------------------------------------------------------------

_SPEC_ITEM: Final = r"[1-9][0-9]*(?:-[1-9][0-9]*|之[1-9][0-9]*(?:-[1-9][0-9]*)?)?"
_SPEC_RE: Final = re.compile(rf"^(?:{_SPEC_ITEM}(?:,{_SPEC_ITEM})*)?$")
_ITEM_RE: Final = re.compile(r"([0-9]+)(?:-([0-9]+)|之([0-9]+)(?:-([0-9]+))?)?")

ArticleNumber = tuple[int, int]
"""An article as (number, suffix): 第十二条之一 is ``(12, 1)``, 第十二条 is ``(12, 0)``."""


@functools.lru_cache(maxsize=8192)
def parse_article_spec(spec: str) -> frozenset[ArticleNumber]:
    """The articles listed by a compact spec such as ``"1-12,12之1-2,13-40"``.

    ``N-M`` is a run of plain articles, ``N之K`` an inserted article, ``N之K-L`` a run of them.
    The empty spec means "unknown" and gives an empty set. Raises ``ValueError`` for a
    malformed spec.
    """
    if not _SPEC_RE.match(spec):
        raise ValueError(f"malformed article spec: {spec!r}")
    numbers: set[ArticleNumber] = set()
    for part in filter(None, spec.split(",")):
        m = _ITEM_RE.fullmatch(part)
        if m is None:  # pragma: no cover - _SPEC_RE already guarantees the shape
            raise ValueError(f"malformed article spec item: {part!r}")
        first = int(m.group(1))
        if m.group(2) is not None:
            last = int(m.group(2))
            if last < first:
                raise ValueError(f"reversed article range: {part!r}")
            numbers.update((n, 0) for n in range(first, last + 1))
        elif m.group(3) is not None:
            low = int(m.group(3))
            high = int(m.group(4)) if m.group(4) is not None else low
            if high < low:
                raise ValueError(f"reversed article range: {part!r}")
            numbers.update((first, k) for k in range(low, high + 1))
        else:
            numbers.add((first, 0))
    return frozenset(numbers)


def format_article_spec(numbers: Iterable[ArticleNumber]) -> str:
    """The compact spec of a set of articles (inverse of :func:`parse_article_spec`)."""
    ordered = sorted(set(numbers))
    parts: list[str] = []
    i = 0
    while i < len(ordered):
        number, suffix = ordered[i]
        j = i
        # Extend a run: consecutive plain articles, or consecutive 之K of the same article.
        while j + 1 < len(ordered):
            n2, s2 = ordered[j + 1]
            plain_run = suffix == 0 and s2 == 0 and n2 == ordered[j][0] + 1
            suffix_run = suffix != 0 and n2 == number and s2 == ordered[j][1] + 1
            if not (plain_run or suffix_run):
                break
            j += 1
        last_number, last_suffix = ordered[j]
        if suffix == 0:
            parts.append(f"{number}" if j == i else f"{number}-{last_number}")
        else:
            parts.append(f"{number}之{suffix}" if j == i else f"{number}之{suffix}-{last_suffix}")
        i = j + 1
    return ",".join(parts)


# --------------------------------------------------------------------------------------------
# File format
# --------------------------------------------------------------------------------------------


class LawRecord(BaseModel):
    """One law, regulation or rule: the facts needed to check a citation of it."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    title: str = Field(
        min_length=1,
        title="标题",
        description="法律法规的完整标题，如“中华人民共和国食品安全法”，不含版本说明。",
    )
    short_titles: tuple[str, ...] = Field(
        default=(),
        title="简称",
        description="其他可用于查找的名称，如省略“中华人民共和国”的简称。",
    )
    level: LawLevel = Field(
        title="效力层级",
        description="宪法、法律、行政法规、国务院决定、地方性法规、部门规章、地方政府规章等。",
    )
    issuer: str | None = Field(
        default=None,
        title="制定机关",
        description="制定或通过机关，如“全国人民代表大会常务委员会”“国务院”；未知时为空。",
    )
    published: date | None = Field(
        default=None,
        title="公布日期",
        description="现行（或最后）版本的公布或修改日期；未知时为空。",
    )
    effective: date | None = Field(
        default=None,
        title="施行日期",
        description="现行（或最后）版本的施行日期；未知时为空。",
    )
    status: LawStatus = Field(
        default=LawStatus.IN_FORCE,
        title="时效性",
        description="现行有效、已修改或已废止。",
    )
    successor: str | None = Field(
        default=None,
        title="替代法规",
        description="废止后取而代之的法律法规标题，如执业医师法由医师法取代；没有时为空。",
    )
    repealed: date | None = Field(
        default=None,
        title="废止日期",
        description="废止（失效）日期；未废止或未知时为空。",
    )
    articles: str = Field(
        default="",
        title="条文编号",
        description=(
            "现行版本存在的条文编号，紧凑写法，如“1-12,12之1,13-40”；"
            "为空表示条文未知（不据此判断条文是否存在）。"
        ),
        examples=["1-85", "1-12,12之1-2,13-40"],
    )

    @field_validator("articles")
    @classmethod
    def _check_articles(cls, value: str) -> str:
        parse_article_spec(value)  # raises ValueError, which pydantic reports
        return value

    @model_validator(mode="after")
    def _check_repeal(self) -> LawRecord:
        if self.repealed is not None and self.status is not LawStatus.REPEALED:
            raise ValueError("repealed is set but status is not 已废止")
        return self

    @property
    def key(self) -> str:
        """The lookup key of the title."""
        return title_key(self.title)

    def in_force(self, on: date | None = None) -> bool:
        """Whether the law is in force (on date ``on``, when given and the dates are known)."""
        if self.status is LawStatus.REPEALED:
            return on is not None and self.repealed is not None and on < self.repealed
        if self.status is not LawStatus.IN_FORCE:
            return False
        return on is None or self.effective is None or self.effective <= on


class LawRegistryFile(BaseModel):
    """A law registry file (JSON or YAML)."""

    model_config = ConfigDict(
        extra="forbid",
        title="法律法规登记册",
        json_schema_extra={"description": "用于核对设定依据、材料依据中引用的法律法规。"},
    )

    version: Literal[1] = Field(title="格式版本", description="文件格式版本，目前为 1。")
    source: str = Field(title="来源", description="数据来源说明，如所依据的法规库及其版本。")
    laws: list[LawRecord] = Field(title="法律法规", description="法律法规条目，按标题排序。")


def schema() -> dict[str, Any]:
    """The JSON schema of :class:`LawRegistryFile`."""
    return LawRegistryFile.model_json_schema()


# --------------------------------------------------------------------------------------------
# The registry
# --------------------------------------------------------------------------------------------

_STATUS_PREFERENCE: Final[dict[LawStatus, int]] = {
    LawStatus.IN_FORCE: 2,
    LawStatus.AMENDED: 1,
    LawStatus.REPEALED: 0,
}


def _preferred(a: LawRecord, b: LawRecord) -> LawRecord:
    """Of two records with the same title, the one describing the current version."""

    def rank(r: LawRecord) -> tuple[int, date]:
        return (_STATUS_PREFERENCE[r.status], r.published or date.min)

    return b if rank(b) > rank(a) else a


class LawRegistry:
    """An immutable, indexed set of law records.

    Titles and short titles are indexed by their :func:`title_key`; when two records claim the
    same title, the one in force (then the newer) is kept, and a record's own title always
    beats another record's short title.
    """

    __slots__ = ("_by_key", "_by_title", "_digest", "_source", "_suggested", "duplicates")

    def __init__(self, records: Iterable[LawRecord], *, source: str = "") -> None:
        """Index ``records``; ``source`` describes where they came from."""
        by_title: dict[str, LawRecord] = {}
        duplicates: list[str] = []
        for record in records:
            key = record.key
            if key in by_title:
                duplicates.append(record.title)
            by_title[key] = _preferred(by_title[key], record) if key in by_title else record
        self.duplicates = tuple(duplicates)
        """Titles given to more than one record: only one of them is used."""
        by_key = dict(by_title)
        for record in by_title.values():
            for short in record.short_titles:
                by_key.setdefault(title_key(short), record)
        self._by_title = by_title
        self._by_key = by_key
        self._source = source
        self._digest: str | None = None
        self._suggested: dict[tuple[str, int], list[str]] = {}

    # -- construction -----------------------------------------------------------------------

    @classmethod
    def from_file(cls, file: LawRegistryFile) -> LawRegistry:
        """A registry holding the records of ``file``."""
        return cls(file.laws, source=file.source)

    @classmethod
    def load(cls, path: Path) -> LawRegistry:
        """Load a registry file (``.json``, or ``.yaml``/``.yml``)."""
        return cls.from_file(load_file(path))

    def overlay(self, other: LawRegistry) -> LawRegistry:
        """A new registry: this one with ``other``'s records added or replacing by key.

        A record of ``other`` replaces a record here that its *title* names, as the title
        or a short title of that record (a catalog's local copy of a law wins over the
        bundled one). Its short titles replace nothing: a local regulation that also
        claims 建筑法 must not take the national law's place. The law here keeps the name,
        and ``laws check`` reports the clash. Titles ``other`` repeats stay reported.
        """
        titles = {title_key(r.title) for r in other.records}
        kept = [
            r
            for r in self.records
            if r.key not in titles and not any(title_key(t) in titles for t in r.short_titles)
        ]
        source = " + ".join(s for s in (self._source, other._source) if s)
        merged = LawRegistry([*kept, *other.records], source=source)
        merged.duplicates = (*other.duplicates, *merged.duplicates)
        return merged

    # -- queries ----------------------------------------------------------------------------

    @property
    def source(self) -> str:
        """Where the records came from."""
        return self._source

    @property
    def records(self) -> tuple[LawRecord, ...]:
        """All records, sorted by title."""
        return tuple(sorted(self._by_title.values(), key=lambda r: r.title))

    def find(self, title: str) -> LawRecord | None:
        """The record for ``title`` (full or short, with or without 《》), or None."""
        return self._by_key.get(title_key(title))

    def __contains__(self, title: object) -> bool:
        return isinstance(title, str) and title_key(title) in self._by_key

    def __len__(self) -> int:
        return len(self._by_title)

    def __iter__(self) -> Iterator[LawRecord]:
        return iter(self.records)

    def suggest(self, title: str, n: int = 3) -> list[str]:
        """Up to ``n`` titles of records whose names are close to ``title`` (best first)."""
        key = title_key(title)
        cached = self._suggested.get((key, n))
        if cached is not None:  # the same misspelt title recurs across many items
            return list(cached)
        matches = difflib.get_close_matches(key, list(self._by_key), n=n * 2, cutoff=0.6)
        titles: list[str] = []
        for match in matches:
            found = self._by_key[match].title
            if found not in titles:
                titles.append(found)
        self._suggested[key, n] = titles[:n]
        return titles[:n]

    @staticmethod
    def has_article(record: LawRecord, ref: ArticleRef) -> bool | None:
        """Whether the article ``ref`` cites exists in ``record``; None when unknown.

        Only the 条 (and 之N) is checked: the registry does not know paragraphs or items.
        """
        if not record.articles:
            return None
        return (ref.article, ref.suffix or 0) in parse_article_spec(record.articles)

    @staticmethod
    def article_count(record: LawRecord) -> int | None:
        """How many articles ``record`` has, or None when unknown."""
        return len(parse_article_spec(record.articles)) if record.articles else None

    def to_file(self) -> LawRegistryFile:
        """The registry as a file model, sorted by title."""
        return LawRegistryFile(version=1, source=self._source, laws=list(self.records))

    def digest(self) -> str:
        """A stable SHA-256 of the records (for cache keys); independent of input order."""
        if self._digest is None:
            self._digest = hashlib.sha256(dump_registry(self.to_file()).encode()).hexdigest()
        return self._digest


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------


def load_file(path: Path) -> LawRegistryFile:
    """Read and validate a registry file (JSON, or YAML by its suffix)."""
    if path.suffix.lower() in {".yaml", ".yml"}:
        from ruamel.yaml import YAML  # only YAML registries pay for the import

        data = YAML(typ="safe", pure=False).load(path.read_text(encoding="utf-8"))
        return LawRegistryFile.model_validate(data)
    return LawRegistryFile.model_validate_json(path.read_bytes())


def dump_registry(file: LawRegistryFile) -> str:
    """Serialize deterministically: laws sorted by title, null fields left out, UTF-8 text."""
    ordered = file.model_copy(update={"laws": sorted(file.laws, key=lambda r: r.title)})
    data = ordered.model_dump(mode="json", exclude_none=True)
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def write_registry(file: LawRegistryFile, path: Path) -> None:
    """Write ``file`` to ``path`` with :func:`dump_registry`, atomically."""
    from catalog_tool.io.atomic import write_text

    write_text(path, dump_registry(file))


@functools.cache
def bundled() -> LawRegistry:
    """The registry shipped with the package (national laws and two provinces' regulations).

    Loaded once per process; registries are immutable, so sharing the instance is safe.
    """
    resource = importlib.resources.files("catalog_tool").joinpath(BUNDLED_RESOURCE)
    file = LawRegistryFile.model_validate_json(resource.read_bytes())
    return LawRegistry.from_file(file)
