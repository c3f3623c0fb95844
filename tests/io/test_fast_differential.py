"""The fast reader (rapidyaml) must read exactly what the careful reader (ruamel) reads,
or decline. This is the proof that the fast path is safe to use."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog_tool.io import yaml_factory
from catalog_tool.io.compose import compose
from catalog_tool.io.fast import emit, fast_load, plain_enough, quoted_codes_missing

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


@pytest.mark.parametrize(
    "text",
    [
        # A flow collection that goes on after a nested one closes: ruamel rejects `b:c`,
        # rapidyaml reads it as text.
        "a: [{x: 1}, b:c]\n",
        "a: {x: [1], y:z}\n",
        "a: [[1], x?y]\n",
        "a: [[1], ?x]\n",
        # A quote inside a plain scalar starts no quoted scalar.
        'a: [x"y, b:c"]\n',
        "a: [x'y, b:c']\n",
        'a: {x: y"z, b:c"}\n',
        # An empty key.
        "a: {: b}\n",
        # A value quoted in one place and plain in another.
        'a: "2024-01-01"\nb: 2024-01-01\n',
        'a: "0x1F"\nb: 0x1F\n',
        'a: "1_000"\nb: [1_000]\n',
        'a: x"0x1F"\nb: 0x1F\n',
        "a: '见 \"0x1F\"'\nb: 0x1F\n",
    ],
)
def test_disagreements_the_guards_once_missed_are_declined(text: str) -> None:
    careful = compose(text)
    rapid = json.loads(yaml_factory.ryml_json(text.encode()))
    assert careful.problems or careful.data != rapid  # the readers do disagree
    assert fast_load(text.encode()) == (False, None)


@pytest.mark.parametrize(
    "text",
    [
        "a: []\n",
        "a: {b: 1, c: 工作日}\n",
        'a: {b: true, url: "https://www.gov.cn/"}\n',
        "a: [x, {y: z, w: [1, 2]}]\n",
        "a: { b: c }\n",
        "a: [b] # note: why?\n",
        'name: "关于[2020]号"\n',
        "a: '0x1F'\nb: \"0x1F\"\n",
        'a: ["0x1F", "True"]\n',
    ],
)
def test_plain_flow_collections_and_quoted_values_take_the_fast_path(text: str) -> None:
    ok, data = fast_load(text.encode())
    assert ok
    assert compose(text).data == data


@pytest.mark.parametrize(
    "text",
    [
        "a: {b: }\n",
        "a: [b, - ]\n",
        "a: x]\nb: - ]\n",
        "a: [b\n  ]\n",
        "a: [b, # c\n  d]\n",
        'a: ["b]"]\n',
        "a: " + "[" * 4 + "]" * 4 + "\n",
    ],
)
def test_doubtful_brackets_go_to_the_careful_reader(text: str) -> None:
    assert not plain_enough(text.encode())


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
        style = draw(
            st.sampled_from(["plain", "list", "flow", "nested", "flow_map", "deep_flow", "quoted"])
        )
        value = draw(SCALARS)
        if style == "plain":
            lines.append(f"{key}: {value}")
        elif style == "list":
            lines.append(f"{key}:\n  - {value}\n  - {draw(SCALARS)}")
        elif style == "flow":
            lines.append(f"{key}: [{value}, {draw(SCALARS)}]")
        elif style == "flow_map":
            lines.append(f"{key}: {{{draw(KEYS)}: {value}, {draw(KEYS)}: {draw(SCALARS)}}}")
        elif style == "deep_flow":
            lines.append(f"{key}: [{{{draw(KEYS)}: [{value}]}}, {draw(SCALARS)}]")
        elif style == "quoted":
            # The same text quoted here and perhaps plain elsewhere in the document.
            quote = draw(st.sampled_from(['"', "'"]))
            lines.append(f"{key}: {quote}{value}{quote}")
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


CLEAN_ITEM = ROOT / "tests" / "rules" / "base" / "370811" / "000101001000.yaml"


def _item_text(old: str, new: str) -> str:
    text = CLEAN_ITEM.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("quoted", "plain"),
    [
        ('code: "000101001000"', "code: 000101001000"),
        ('region: "370811"', "region: 370811"),
        ('credit_code: "11370811MB2822030B"', "credit_code: 112101000825653026"),
        ('complaint_phone: "12345"', "complaint_phone: 12345"),
    ],
)
def test_unquoted_codes_go_to_the_careful_reader_and_get_y005(quoted: str, plain: str) -> None:
    from catalog_tool.engine.filecheck import fast_item
    from catalog_tool.model.item import model_for_region

    model = model_for_region("370811")
    requoted = plain.replace(": ", ': "', 1) + '"'
    assert fast_item(_item_text(quoted, requoted).encode(), model) is not None
    text = _item_text(quoted, plain)
    assert fast_item(text.encode(), model) is None
    assert "unquoted_code" in [p.kind for p in compose(text).problems]


def test_leading_zero_codes_are_caught_by_the_typed_string_check() -> None:
    source = b"name: x\ncode: 000101001000\n"
    assert not quoted_codes_missing(["000101001000"], source)  # left to suspicious_strings
    assert emit(source) is None
    assert fast_load(source) == (False, None)


@pytest.mark.parametrize(
    ("value", "source", "missing"),
    [
        ("１２３４５", "phone: １２３４５\n", True),
        ("１２３４５", 'phone: "１２３４５"\n', False),
        ("０５３７", "phone: '０５３７'\n", False),
        ("0" * 70, "hash: " + "0" * 70 + "\n", True),
        ("0" * 70, 'hash: "' + "0" * 70 + '"\n', False),
        (5, "code: 5\n", True),
        (True, "code: true\n", False),
    ],
)
def test_codes_beyond_the_typed_string_check_are_looked_up(
    value: object, source: str, missing: bool
) -> None:
    assert quoted_codes_missing([value], source.encode()) is missing


def test_a_long_unquoted_code_is_declined() -> None:
    assert fast_load(b"hash: 0" + b"1" * 69 + b"\n") == (False, None)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    copies: 1\n", "    copies: 1\n    copies: 2\n"),
        ("{legal_days: 20, ", "{legal_days: 20, legal_days: 30, "),
        ("status: 在用\n", "status: 在用\nstatus: 暂停\n"),
        ("  - {name: 受理, days: 1}", "  - {name: 受理, days: 1, days: 2}"),
    ],
)
def test_duplicate_keys_in_an_item_go_to_the_careful_reader(old: str, new: str) -> None:
    from catalog_tool.engine.filecheck import fast_item
    from catalog_tool.model.item import model_for_region

    text = _item_text(old, new)
    assert fast_item(text.encode(), model_for_region("370811")) is None
    assert "duplicate_key" in [p.kind for p in compose(text).problems]
