"""A small YAML node tree: values with their 1-based positions, for pointers and messages."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Node:
    """A YAML node and where it starts (1-based)."""

    line: int
    column: int


@dataclass(slots=True)
class ScalarNode(Node):
    """A scalar, with the text as written and its style (``""`` for plain)."""

    raw: str = ""
    style: str = ""


@dataclass(slots=True)
class SeqNode(Node):
    """A sequence."""

    items: list[Node] = field(default_factory=list)


@dataclass(slots=True)
class MapNode(Node):
    """A mapping: key text → (key node, value node), in file order."""

    entries: dict[str, tuple[ScalarNode, Node]] = field(default_factory=dict)


def split_pointer(pointer: str) -> list[str]:
    """The reference tokens of a JSON pointer (RFC 6901)."""
    if not pointer:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.lstrip("/").split("/")]


def join_pointer(*tokens: str | int) -> str:
    """A JSON pointer from reference tokens (RFC 6901)."""
    return "".join("/" + str(t).replace("~", "~0").replace("/", "~1") for t in tokens)


def locate(root: Node | None, pointer: str) -> tuple[int, int]:
    """The 1-based (line, column) that ``pointer`` names in the tree.

    A mapping member is located at its key; a sequence element at its start. When the
    pointer goes past what the file holds (a missing key), the deepest existing place
    is used: the key of the mapping that lacks it.
    """
    if root is None:
        return 1, 1
    node: Node = root
    pos = (root.line, root.column)
    for token in split_pointer(pointer):
        if isinstance(node, MapNode) and token in node.entries:
            key, node = node.entries[token]
            pos = (key.line, key.column)
        elif isinstance(node, SeqNode) and token.isdigit() and int(token) < len(node.items):
            node = node.items[int(token)]
            pos = (node.line, node.column)
        else:
            break
    return pos
