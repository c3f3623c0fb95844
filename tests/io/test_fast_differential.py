"""The fast reader (rapidyaml) must read exactly what the careful reader (ruamel) reads,
or decline. This is the proof that the fast path is safe to use."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog_tool.io import yaml_factory
from catalog_tool.io.compose import compose
from catalog_tool.io.fast import fast_load, plain_enough

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted(
    [
        *(ROOT / "items").rglob("*.yaml"),
        *(ROOT / "tests" / "rules" / "base").rglob("*.yaml"),
        *(ROOT / "tests" / "catalogs").rglob("*.yaml"),
    ]
)


def agree(source: bytes) -> None:
    try:
        text = source.decode("utf-8")
    except UnicodeDecodeError:
        return  # the loader decodes first: non-UTF-8 never reaches either reader
    ok, fast = fast_load(source)
    if not ok:
        return
    careful = compose(text)
    assert careful.problems == []
    assert fast == careful.data


def test_the_c_parser_is_in_use() -> None:
    assert yaml_factory.uses_c_parser()


@pytest.mark.parametrize("path", CORPUS, ids=[p.relative_to(ROOT).as_posix() for p in CORPUS])
def test_corpus_reads_the_same(path: Path) -> None:
    agree(path.read_bytes())


def test_clean_items_take_the_fast_path() -> None:
    clean = (ROOT / "tests" / "rules" / "base" / "370811" / "000101001000.yaml").read_bytes()
    assert fast_load(clean)[0]


@pytest.mark.parametrize(
    "text",
    [
        "a: yes\n",
        "a: no\n",
        "a: True\n",
        "a: Null\n",
        "a: ~\n",
        "a: 0o17\n",
        "a: 0x1F\n",
        "a: 017\n",
        "a: 1_000\n",
        "a: .inf\n",
        "inf: 1\n",
        "a: +1\n",
        "a: 1e3\n",
        "a: 2024-01-01\n",
        "a: 12:30\n",
        "a: 9:00-17:00\n",
        "a: 0537-2967000\n",
        "a: 2024-1-1\n",
        "a: 1-2-3\n",
        "a: 12:30:00\n",
        "a: x\u0085y\n",
        "a: x\u2028y\n",
        "a: -0\n",
        "a: 1.\n",
        "code: 000117001000\n",
        "region: 370811\n",
        "a: 1\na: 2\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: 1\n---\na: 2\n",
        "? a\n: 1\n",
        "<<: {a: 1}\n",
        'a: "x\\ty"\n',
        "a:\tb\n",
        "a: [1, 2\n",
        "",
        "- a\n",
        "a: 017\r\nb: x\r\n",
        "code: 0\r\n",
    ],
)
def test_tricky_yaml_is_declined_or_read_identically(text: str) -> None:
    agree(text.encode())


@pytest.mark.parametrize("text", ["a: True\n", "a: 017\n", "a: &x 1\nb: *x\n", "a: 1\na: 2\n"])
def test_known_disagreements_are_declined(text: str) -> None:
    assert fast_load(text.encode()) == (False, None)


SCALARS = st.one_of(
    st.sampled_from(
        [
            "yes",
            "no",
            "on",
            "off",
            "True",
            "FALSE",
            "null",
            "Null",
            "~",
            "0",
            "-0",
            "007",
            "0o7",
            "0x1f",
            "1_0",
            "1e3",
            "1.5",
            "-2",
            "+3",
            ".5",
            "1.",
            ".inf",
            "-.inf",
            ".nan",
            "2024-01-01",
            "12:30:00",
            "9:00-17:00",
            "0537-2967000",
            "2024-1-1",
            "1-2-3",
            "190:20:30",
            "1:2",
            "11370811MB2822030B",
            "0x1G",
            "1e3Z",
            "0o8",
            "9abc",
            "\u0085",
            "\u2028",
            "食品经营许可",
            "0537-2967000",
            "12345",
            "a: b",
            "#x",
            "=",
            "=x",
            "- x",
            "[a]",
            "{b: c}",
            "'q'",
            '"d"',
            "&a",
            "*a",
            "!t",
            "%x",
            "@x",
            "`x",
        ]
    ),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
)
KEYS = st.sampled_from(["name", "code", "region", "phone", "days", "inf", "null", "true", "a b"])


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        key = draw(KEYS)
        style = draw(st.sampled_from(["plain", "list", "flow", "nested"]))
        value = draw(SCALARS)
        if style == "plain":
            lines.append(f"{key}: {value}")
        elif style == "list":
            lines.append(f"{key}:\n  - {value}\n  - {draw(SCALARS)}")
        elif style == "flow":
            lines.append(f"{key}: [{value}, {draw(SCALARS)}]")
        else:
            lines.append(f"{key}:\n  {draw(KEYS)}: {value}")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(lines).replace("\n", newline) + newline


@settings(max_examples=int(os.environ.get("DIFF_EXAMPLES", "400")), deadline=None)
@given(documents())
def test_generated_documents_are_declined_or_read_identically(text: str) -> None:
    agree(text.encode("utf-8"))


def test_prescan_lets_ordinary_items_through() -> None:
    assert plain_enough("name: 食品经营许可\ndays: 20\nok: true\nx: 0.5\n".encode())


ITEM_FILES = [p for p in CORPUS if p.parent.name.isdigit() and len(p.parent.name) == 6]


@pytest.mark.parametrize(
    "path", ITEM_FILES, ids=[p.relative_to(ROOT).as_posix() for p in ITEM_FILES]
)
def testfast_items_equal_careful_items(path: Path) -> None:
    from catalog_tool.engine.filecheck import fast_item
    from catalog_tool.engine.schema_check import check_model
    from catalog_tool.model.item import model_for_region

    model = model_for_region(path.parent.name)
    source = path.read_bytes()
    fast = fast_item(source, model)
    if fast is None:
        return
    try:
        careful = compose(source.decode("utf-8"))
    except UnicodeDecodeError:
        pytest.fail("the fast path accepted a file that is not UTF-8")
    assert careful.problems == []
    item, findings = check_model(model, careful.data)
    assert findings == []
    assert fast[0] == item
