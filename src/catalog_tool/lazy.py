"""Package names that load their module on first use.

``catalog validate`` starts on every commit: a package whose ``__init__`` imported all
of its modules would make every command pay for the slowest of them. A package lists
where each name lives instead, and :func:`lazy_names` imports that module when the name
is first looked up (PEP 562 module ``__getattr__``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from importlib import import_module
from typing import Any, TypeVar

K = TypeVar("K")
V = TypeVar("V")


def lazy_names(
    package: str, homes: Mapping[str, str], namespace: dict[str, Any]
) -> Callable[[str], Any]:
    """The module ``__getattr__`` of ``package``: ``name`` comes from ``homes[name]``.

    ``homes`` maps a name to the submodule (relative to ``package``) that defines it;
    the value found is stored in ``namespace`` so the lookup happens once.
    """

    def __getattr__(name: str) -> Any:  # noqa: N807 - the module hook's fixed name
        if name not in homes:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{homes[name]}"), name)
        namespace[name] = value
        return value

    return __getattr__


class LazyTable(Mapping[K, V]):
    """A table whose values are imported when looked up: key → ``(module, attribute)``.

    For tables of renderers, where each format's code (rich, openpyxl …) should load only
    when that format is asked for.
    """

    def __init__(self, places: Mapping[K, tuple[str, str]]) -> None:
        self._places = dict(places)

    def __getitem__(self, key: K) -> V:
        module, name = self._places[key]
        value: V = getattr(import_module(module), name)
        return value

    def __iter__(self) -> Iterator[K]:
        return iter(self._places)

    def __len__(self) -> int:
        return len(self._places)
