"""Plain attribute reads on pydantic models, in the processes that check item files.

pydantic's ``BaseModel`` defines ``__getattr__``, which serves private attributes and the
extra fields of models that allow them. Its presence alone routes *every* attribute read
of every model, found or not, through CPython's slower lookup hook, and keeps the
interpreter from specializing those reads. The rules read an item's attributes hundreds of
times per file: the hook costs 7-10% of a worker's time (112.5-117.6 against 105.2-106.6
microseconds per file, 8,192 files of the 55k catalog checked three times in one process).

The catalog's models have neither private attributes nor extra fields, so a worker process
of ``validate``, which only checks item files, removes the hook once when it starts. An
attribute that does not exist still raises ``AttributeError``; only the message is
Python's own instead of pydantic's. The hook stays when any model class defined by then
(pydantic's own included) has private attributes or allows extra fields, and nothing
changes in the process that started the workers, nor for a library caller.
"""

from __future__ import annotations

from pydantic import BaseModel


def needs_hook() -> list[str]:
    """The model classes defined so far that need ``BaseModel.__getattr__``."""
    found: list[str] = []
    seen: set[type[BaseModel]] = set()
    stack: list[type[BaseModel]] = [BaseModel]
    while stack:
        for cls in stack.pop().__subclasses__():
            if cls in seen:
                continue
            seen.add(cls)
            stack.append(cls)
            if cls.__private_attributes__ or cls.model_config.get("extra") == "allow":
                found.append(cls.__qualname__)
    return found


def drop_getattr_hook() -> bool:
    """Remove ``BaseModel.__getattr__`` from this process where no model needs it.

    For a worker process only (see the module doc). True when it was removed.
    """
    if "__getattr__" not in BaseModel.__dict__ or needs_hook():
        return False
    delattr(BaseModel, "__getattr__")
    return True
