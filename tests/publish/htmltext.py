"""Reading built pages in tests: their text, links and table rows (standard library only)."""

from __future__ import annotations

from html.parser import HTMLParser


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[tuple[str, str, dict[str, str | None]]] = []
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._in_body = False
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for key in ("href", "src"):
            value = found.get(key)
            if value is not None:
                self.links.append((tag, value, found))
        if tag in ("script", "style", "title"):
            self._skip += 1
        if tag == "table":
            self._table = (found.get("class") or "").split(" ")[0]
            self.tables.setdefault(self._table, [])
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "title"):
            self._skip -= 1
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table is not None:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def read(html: str) -> _Page:
    """Parse a page."""
    page = _Page()
    page.feed(html)
    page.close()
    return page


def page_text(html: str) -> str:
    """The visible text of a page: its text pieces joined by single spaces."""
    return " ".join(" ".join(read(html).text).split())


def table_rows(html: str, css_class: str) -> list[list[str]]:
    """The rows (cell texts) of the first tables with class ``css_class``, header included."""
    return read(html).tables.get(css_class, [])
