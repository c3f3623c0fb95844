"""Self-check of a law registry: what ``catalog laws check`` reports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from catalog_tool.diagnostics import Severity
from catalog_tool.legal.citation import title_key
from catalog_tool.legal.registry import LawLevel, LawRegistry, LawStatus
from catalog_tool.text import Text


@dataclass(frozen=True, slots=True)
class RegistryProblem:
    """Something inconsistent in one record."""

    severity: Severity
    title: str
    message: Text


_NEEDS_ARTICLES = frozenset({LawLevel.LAW, LawLevel.ADMINISTRATIVE_REGULATION})


def check_registry(registry: LawRegistry, today: date | None = None) -> Iterator[RegistryProblem]:
    """Every problem of ``registry``, record by record, in title order."""
    today = today or date.today()
    for title in registry.duplicates:
        yield RegistryProblem(
            Severity.ERROR,
            title,
            Text(
                "法律库中有多条同名记录,只用了其中一条;合并为一条",
                "the registry holds more than one record of this title and uses only one; "
                "merge them",
            ),
        )
    claims: dict[str, str] = {}
    for record in sorted(registry.records, key=lambda r: r.title):
        for name in (record.title, *record.short_titles):
            owner = claims.setdefault(title_key(name), record.title)
            if owner != record.title:
                yield RegistryProblem(
                    Severity.ERROR,
                    record.title,
                    Text(
                        f"名称“{name}”同时指向《{owner}》",
                        f"the name {name!r} also names 《{owner}》",
                    ),
                )
        if record.successor is not None and registry.find(record.successor) is None:
            yield RegistryProblem(
                Severity.WARNING,
                record.title,
                Text(
                    f"替代法规《{record.successor}》不在法律库中",
                    f"successor 《{record.successor}》 is not in the registry",
                ),
            )
        if record.status is LawStatus.REPEALED and record.repealed is None:
            yield RegistryProblem(
                Severity.INFO,
                record.title,
                Text("已废止,但没有废止日期", "repealed, but without a date"),
            )
        if record.successor is not None and record.status is not LawStatus.REPEALED:
            yield RegistryProblem(
                Severity.ERROR,
                record.title,
                Text("写了替代法规,但状态不是已废止", "has a successor but is not 已废止"),
            )
        for label, value in (("published", record.published), ("effective", record.effective)):
            if value is not None and value.year > today.year + 1:
                yield RegistryProblem(
                    Severity.WARNING,
                    record.title,
                    Text(
                        f"{label} 日期 {value} 远在未来",
                        f"{label} date {value} lies far in the future",
                    ),
                )
        if (
            record.status is LawStatus.IN_FORCE
            and record.level in _NEEDS_ARTICLES
            and not record.articles
        ):
            yield RegistryProblem(
                Severity.INFO,
                record.title,
                Text(
                    "条文编号未知,不检查条文是否存在",
                    "article numbers unknown; articles are not checked",
                ),
            )
