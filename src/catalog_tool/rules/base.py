"""The rule framework: rule classes, their docs and options, and the registry.

A rule is a small pure unit with a stable code (``M001``), a dotted name
(``materials.no-legal-basis``), a default severity, options, a doc and bilingual messages.
Three kinds exist:

* :class:`LoaderRule`: reported by the file loader (Y, S and some C codes); it has docs and
  messages but no ``check``.
* :class:`ItemRule`: looks at one validated item. Runs in worker processes.
* :class:`CatalogRule`: looks across items through the :class:`CatalogIndex`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict

from catalog_tool.diagnostics import Finding, Severity
from catalog_tool.text import Text

if TYPE_CHECKING:
    from catalog_tool.catalog.index import CatalogIndex
    from catalog_tool.engine.context import CatalogContext, ItemContext
    from catalog_tool.model.item import Item

CODE_RE = re.compile(r"^[A-Z]\d{3}$")
NAME_RE = re.compile(r"^[a-z]+(-[a-z]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+$")


@dataclass(frozen=True, slots=True)
class Message:
    """A message template and the hint that goes under it."""

    text: Text
    hint: Text | None = None


@dataclass(frozen=True, slots=True)
class RuleDoc:
    """What ``catalog explain`` prints: ruff's sections, in both languages."""

    what: Text
    """What it does."""
    why: Text
    """Why it matters: the reviewers' reason."""
    source: Text
    """The law, standard or policy the rule comes from."""
    bad: str
    """A YAML excerpt that fails."""
    good: str
    """The same excerpt fixed."""


class NoOptions(BaseModel):
    """A rule without options."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Rule:
    """Base of every rule. Subclasses set the class attributes and register themselves."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[Text]
    doc: ClassVar[RuleDoc]
    messages: ClassVar[Mapping[str, Message]]
    Options: ClassVar[type[BaseModel]] = NoOptions
    default_enabled: ClassVar[bool] = True
    """False for rules that only make sense once configured (e.g. a policy ratio)."""

    def __init__(self, options: BaseModel | None = None) -> None:
        self.options = options if options is not None else self.Options()

    @classmethod
    def finding(
        cls,
        pointer: str,
        key: str = "default",
        /,
        *,
        file: str | None = None,
        position: tuple[int, int] | None = None,
        severity: Severity | None = None,
        region: str | None = None,
        **params: object,
    ) -> Finding:
        """A finding of this rule at ``pointer`` with message ``key`` filled from ``params``."""
        return cls.finding_with(
            pointer, key, params, file=file, position=position, severity=severity, region=region
        )

    @classmethod
    def finding_with(
        cls,
        pointer: str,
        key: str,
        params: Mapping[str, object],
        *,
        file: str | None = None,
        position: tuple[int, int] | None = None,
        severity: Severity | None = None,
        region: str | None = None,
    ) -> Finding:
        """Like :meth:`finding`, with the parameters given as a mapping."""
        message = cls.messages[key]
        return Finding(
            code=cls.code,
            pointer=pointer,
            message=message.text,
            hint=message.hint,
            params=params,
            file=file,
            position=position,
            severity=severity,
            region=region,
        )


class LoaderRule(Rule):
    """A rule the loader reports: it documents a finding that has no ``check`` of its own."""


class ItemRule(Rule):
    """A rule over one validated item."""

    national: ClassVar[bool] = False
    """True when the rule also applies to items of the national basic catalog."""

    def check(self, item: Item, ctx: ItemContext) -> Iterable[Finding]:
        """Yield the findings for ``item``."""
        raise NotImplementedError


class CatalogRule(Rule):
    """A rule across items."""

    def check(self, index: CatalogIndex, ctx: CatalogContext) -> Iterable[Finding]:
        """Yield the findings across ``index``. Each finding names its ``file``."""
        raise NotImplementedError


REGISTRY: dict[str, type[Rule]] = {}
"""Every rule by code, filled by :func:`register` as the rule modules are imported."""

_NAMES: dict[str, str] = {}


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: add ``cls`` to the registry, checking its identity and doc now."""
    code = getattr(cls, "code", None)
    if not isinstance(code, str) or not CODE_RE.match(code):
        raise TypeError(f"{cls.__name__}: rule code {code!r} is not like 'M001'")
    if code in REGISTRY:
        raise TypeError(f"{cls.__name__}: code {code} is already used by {REGISTRY[code]}")
    name = getattr(cls, "name", None)
    if not isinstance(name, str) or not NAME_RE.match(name):
        raise TypeError(f"{cls.__name__}: name {name!r} is not dotted lower-case")
    if name in _NAMES:
        raise TypeError(f"{cls.__name__}: name {name} is already used by {_NAMES[name]}")
    for attribute in ("severity", "summary", "doc", "messages"):
        if not hasattr(cls, attribute):
            raise TypeError(f"{cls.__name__}: missing {attribute}")
    if "default" not in cls.messages:
        raise TypeError(f"{cls.__name__}: needs a 'default' message")
    REGISTRY[code] = cls
    _NAMES[name] = code
    return cls


def options_of(rule: type[Rule], raw: Mapping[str, Any] | None) -> BaseModel:
    """Validate the configured options of ``rule``; unknown option names are errors."""
    return rule.Options.model_validate(dict(raw or {}))
