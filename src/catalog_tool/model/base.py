"""The base of every model that reads outside data."""

from __future__ import annotations

from typing import Annotated, TypeVar

from pydantic import BaseModel, ConfigDict, Strict

E = TypeVar("E")

Lax = Annotated[E, Strict(False)]
"""An enum field that accepts its plain string value (strict mode wants an instance)."""


class StrictModel(BaseModel):
    """Outside data: unknown keys are errors, and no silent coercion ("1" is not 1)."""

    # defer_build: the schema is built on first use, not at import (a warm run never
    # validates an item, and start-up time is most of it).
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)
