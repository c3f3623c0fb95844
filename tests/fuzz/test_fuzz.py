"""Bounded fuzzing of the item readers, in CI on every run.

With atheris installed (``make test`` tries to install it), a real coverage-guided run of
``yaml_target.py`` for ``CATALOG_FUZZ_SECONDS`` (default 20). Either way a hypothesis run
mutates real item files (byte flips, YAML-significant insertions, truncation, re-encoding)
with ``CATALOG_FUZZ_EXAMPLES`` examples (default 200). Every input that ever crashed goes
to ``regressions/`` and is replayed here.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.atheris_run import run_atheris
from tests.fuzz.yaml_target import check, seeds

HERE = Path(__file__).parent
SEEDS = seeds()
TOKENS = [
    b": ", b"- ", b"&a ", b"*a", b"!!python/object ", b"<<: *a", b"---\n", b"...\n", b"\t",
    b"\x00", b"\xef\xbb\xbf", b"\r\n", b"'", b'"', b"{", b"[", b"}", b"]", b"#", b"|\n",
    b">-\n", b"? ", b"%YAML 1.1\n", b"0o17", b"yes", b"~", b"1e3", b"\xff\xfe", b"\xe4\xb8",
    b"    " * 40, b"[" * 200, b"{a: " * 100,
]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "flip", "delete", "truncate"]))
        if action == "insert":
            data[where:where] = draw(st.sampled_from(TOKENS))
        elif action == "flip" and where < len(data):
            data[where] ^= 1 << draw(st.integers(0, 7))
        elif action == "delete":
            del data[where : where + draw(st.integers(1, 40))]
        elif action == "truncate":
            del data[where:]
    if draw(st.booleans()) and draw(st.booleans()):
        try:
            return bytes(data).decode("utf-8").encode("gb18030")
        except UnicodeError:
            pass
    return bytes(data)


@settings(
    max_examples=int(os.environ.get("CATALOG_FUZZ_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated())
def test_mutated_items_never_crash_and_readers_agree(data: bytes) -> None:
    check(data)


@pytest.mark.parametrize("case", sorted((HERE / "regressions").glob("*")), ids=lambda p: p.name)
def test_inputs_that_once_crashed(case: Path) -> None:
    check(case.read_bytes())


@pytest.mark.skipif(
    importlib.util.find_spec("atheris") is None,
    reason="atheris is not installed here (no wheel for this platform); "
    "the hypothesis fuzz test above still runs",
)
def test_atheris_run_finds_no_crash(tmp_path: Path) -> None:
    run_atheris("yaml_target.py", SEEDS, tmp_path)
