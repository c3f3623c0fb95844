"""A small escaping HTML builder: every string is text unless it is :class:`Markup`.

Catalog data goes into pages as text, never as markup: an item name ``<script>`` must show
as those characters. So the builder escapes every child and attribute value it is given,
and only :class:`Markup` (what the builder itself returns) passes through unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape as _escape
from urllib.parse import quote

VOID = frozenset({"br", "hr", "img", "input", "link", "meta", "source", "wbr"})
"""Elements without a closing tag."""

Child = object
"""A child: Markup, text (escaped), a number, an iterable of children, or None (skipped)."""
AttrValue = str | int | float | bool | None
"""An attribute value: True gives a bare attribute, None and False leave it out."""


class Markup(str):
    """Trusted HTML: the builder's own output, never catalog data."""

    __slots__ = ()


def text(value: str) -> str:
    """``value`` escaped for HTML text and attribute values.

    Most catalog text has nothing to escape; checking first is several times faster
    than five replacements, and tens of thousands of pages are built at a time.
    """
    if "&" in value or "<" in value or ">" in value or '"' in value or "'" in value:
        return _escape(value, quote=True)
    return value


def escape(value: object) -> Markup:
    """``value`` as HTML text (quotes escaped too, so it is safe in attributes)."""
    if isinstance(value, Markup):
        return value
    return Markup(text(str(value)))


def render(child: Child) -> str:
    """One child as HTML: markup as is, text escaped, iterables concatenated."""
    if isinstance(child, Markup):
        return child
    if isinstance(child, str):
        return text(child)
    if child is None or child is False:
        return ""
    if isinstance(child, int | float):
        return str(child)
    if isinstance(child, Iterable):
        return "".join([render(c) for c in child])
    return text(str(child))


def render_all(children: tuple[Child, ...]) -> str:
    """Children as HTML, concatenated: :func:`render` inlined for the common children
    (markup and text), as pages call this millions of times per site."""
    parts: list[str] = []
    for c in children:
        if type(c) is Markup:
            parts.append(c)
        elif type(c) is str:
            parts.append(text(c))
        else:
            parts.append(render(c))
    return "".join(parts)


_NAMES: dict[str, str] = {}


def _name(key: str) -> str:
    name = _NAMES.get(key)
    if name is None:
        name = _NAMES[key] = key.rstrip("_").replace("_", "-")
    return name


def attributes(attrs: dict[str, AttrValue]) -> str:
    """``attrs`` as HTML attributes; ``class_`` → ``class``, ``data_x`` → ``data-x``."""
    out = ""
    names = _NAMES
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        name = names.get(key) or _name(key)
        if value is True:
            out += f" {name}"
        else:
            out += f' {name}="{text(value if isinstance(value, str) else str(value))}"'
    return out


def el(tag: str, /, *children: Child, **attrs: AttrValue) -> Markup:
    """The element ``tag`` with ``children`` (escaped unless Markup) and ``attrs``."""
    opening = f"<{tag}{attributes(attrs)}>" if attrs else f"<{tag}>"
    if tag in VOID:
        return Markup(opening)
    return Markup(f"{opening}{render_all(children)}</{tag}>")


def each(tag: str, values: Iterable[str]) -> Markup:
    """One ``tag`` element per text in ``values`` (list items, cells): the common case,
    written without the general machinery of :func:`el`."""
    return Markup("".join([f"<{tag}>{text(v)}</{tag}>" for v in values]))


def join(children: Iterable[Child], separator: str = "") -> Markup:
    """Children concatenated (each escaped unless Markup)."""
    return Markup(escape(separator).join(render(c) for c in children))


def href(path: str) -> str:
    """A relative URL for a site path (``/`` separated): non-ASCII and spaces percent-encoded,
    so that links work from ``file://`` and from any web server alike."""
    return quote(path, safe="/#-._~")
