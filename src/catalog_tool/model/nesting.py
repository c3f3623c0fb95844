"""The models a field holds: directly, in a list, as an optional value or annotated."""

from __future__ import annotations

import typing

from pydantic import BaseModel


def models_in(annotation: object) -> list[type[BaseModel]]:
    """Every model ``annotation`` holds, depth first (``list[Material] | None`` →
    ``[Material]``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in typing.get_args(annotation) for model in models_in(arg)]


def model_in(annotation: object) -> type[BaseModel] | None:
    """The first model ``annotation`` holds, if any."""
    found = models_in(annotation)
    return found[0] if found else None
