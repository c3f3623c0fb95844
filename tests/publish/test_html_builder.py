"""The HTML builder: catalog text is always text, never markup."""

from __future__ import annotations

from catalog_tool.publish.html import Markup, el, escape, href, join


def test_children_and_attributes_are_escaped() -> None:
    html = el("a", "<script>alert(1)</script>", href='x" onclick="evil()', class_="a&b")
    assert html == (
        '<a href="x&quot; onclick=&quot;evil()" class="a&amp;b">'
        "&lt;script&gt;alert(1)&lt;/script&gt;</a>"
    )


def test_markup_from_the_builder_is_kept_and_nested() -> None:
    inner = el("b", "粗体")
    assert el("p", "前", inner, 3, None, ["、", el("i", "斜")]) == (
        "<p>前<b>粗体</b>3、<i>斜</i></p>"
    )


def test_plain_strings_are_never_trusted() -> None:
    assert el("td", "<b>") == "<td>&lt;b&gt;</td>"
    assert escape(Markup("<b>")) == "<b>"
    assert join(["<", el("br")], "&") == "&lt;&amp;<br>"


def test_attribute_names_void_elements_and_booleans() -> None:
    assert el("input", type="search", data_limit=50, aria_live="polite", hidden=True, x=None) == (
        '<input type="search" data-limit="50" aria-live="polite" hidden>'
    )
    assert el("label", "搜", for_="q") == '<label for="q">搜</label>'


def test_links_are_percent_encoded_relative_paths() -> None:
    assert href("../../forms/食品 申请书.pdf") == (
        "../../forms/%E9%A3%9F%E5%93%81%20%E7%94%B3%E8%AF%B7%E4%B9%A6.pdf"
    )
