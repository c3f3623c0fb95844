"""Hostile and broken item files, through the real command line in a separate process.

Each case gets a finding at an exact position (or a clean pass), the run ends in bounded
time and memory, never prints a traceback, and ``catalog fmt`` leaves every broken file
byte for byte as it was.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BASE

GOOD = (BASE / "370811" / "000201001000.yaml").read_bytes()
CATALOG = [sys.executable, "-m", "catalog_tool"]


def _laughs() -> bytes:
    lines = [b'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 9):
        this, prev = chr(97 + i), chr(96 + i)
        lines.append(f"{this}: &{this} [{', '.join(['*' + prev] * 9)}]".encode())
    return b"\n".join(lines) + b"\n"


# file name → (bytes, expected (rule, line, column) of that file's first finding, or None)
CASES: dict[str, tuple[bytes, tuple[str, int, int] | None]] = {
    # 9^9 "lol"s if expanded: the aliases are reported, never followed.
    "000301001000": (_laughs(), ("Y004", 1, 4)),
    "000301002000": (GOOD + b"#" * 50_000_000 + b"\n", ("Y007", 1, 1)),
    "000301003000": (b"code: " + b"[" * 5000 + b"]" * 5000 + b"\n", ("Y001", 1, 70)),
    "000301004000": (
        b"".join(b"  " * i + b"k:\n" for i in range(100)) + b"  " * 100 + b"v\n",
        ("Y001", 65, 129),
    ),
    "000301005000": (GOOD.replace(b"name:", b"na\x00me:", 1), ("Y001", 2, 3)),
    "000301006000": (b"\xef\xbb\xbf" + GOOD, None),
    "000301007000": (GOOD.replace(b"\n", b"\r\n"), None),
    "000301008000": (GOOD.replace(b"\n  - ", b"\n\t- ", 1), ("Y001", 6, 1)),
    "000301009000": (GOOD.replace("经营".encode(), b"\xff\xfe", 1), ("Y003", 2, 7)),
    "000301010000": (GOOD.decode("utf-8").encode("gb18030"), ("Y003", 2, 7)),
    "000301011000": (b"", ("S001", 1, 1)),
    "000301012000": (b"".join(b"k%d: %d\n" % (i, i) for i in range(300_000)), ("Y007", 10000, 8)),
    "000301013000": (
        b"a: [" + b",".join(b"1" for _ in range(1_000_000)) + b"]\n",
        ("Y007", 1, 39999),
    ),
    "000301014000": (b"name: " + b"x" * 4_000_000 + b"\n", ("S001", 1, 1)),
}


def _same_region_codes(data: bytes, code: str) -> bytes:
    """Give the good sample its own code, so the catalog has no duplicate items."""
    return data.replace(b'"000201001000"', f'"{code}"'.encode())


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "catalog"
    shutil.copytree(BASE, root)
    folder = root / "370811"
    for code, (data, _) in CASES.items():
        (folder / f"{code}.yaml").write_bytes(_same_region_codes(data, code))
    (folder / "000302001000.yaml").symlink_to("/etc/passwd")
    (folder / "000302002000.yaml").symlink_to(folder / "does-not-exist.yaml")
    os.mkfifo(folder / "000302003000.yaml")
    return root


def _limit_memory() -> None:
    # 1.5 GB of address space is far more than a run needs; an expanded bomb would not fit.
    resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024 * 1024, 1536 * 1024 * 1024))


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CATALOG, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_limit_memory,
        check=False,
        env={**os.environ, "CATALOG_LANG": "en"},
    )


@pytest.fixture(scope="module")
def report(hostile: Path) -> dict[str, list[tuple[str, int, int]]]:
    done = _run("validate", ".", "--no-cache", "-f", "json", cwd=hostile)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    found: dict[str, list[tuple[str, int, int]]] = {}
    for d in json.loads(done.stdout)["diagnostics"]:
        found.setdefault(Path(d["file"]).stem, []).append((d["rule"], d["line"], d["column"]))
    return found


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_hostile_file_gets_its_finding(
    report: dict[str, list[tuple[str, int, int]]], code: str
) -> None:
    expected = CASES[code][1]
    hygiene = [f for f in report.get(code, []) if f[0][0] in "YS"]
    if expected is None:
        assert hygiene == [], f"{code} should read cleanly"
    else:
        assert expected in hygiene, hygiene[:5]
        if expected[0] == "Y007":  # rejected unread: one finding, not thousands
            assert hygiene == [expected]


def test_links_and_pipes_are_unreadable_not_followed(
    report: dict[str, list[tuple[str, int, int]]],
) -> None:
    for code in ("000302001000", "000302002000", "000302003000"):
        assert report[code] == [("Y007", 1, 1)], code


def test_fmt_leaves_every_broken_file_as_it_was(hostile: Path) -> None:
    folder = hostile / "370811"
    before = {
        p.name: p.read_bytes()
        for p in folder.iterdir()
        if p.is_file() and not p.is_symlink() and not p.name.startswith("000302003")
    }
    done = _run("fmt", ".", cwd=hostile)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    gb18030 = "000301010000.yaml"  # readable GB18030: fmt rewrites it as UTF-8, same text
    assert (folder / gb18030).read_text(encoding="utf-8") == before[gb18030].decode("gb18030")
    for name, data in before.items():
        code = name.removesuffix(".yaml")
        expected = CASES[code][1] if code in CASES else None
        if name != gb18030 and expected is not None and expected[0][0] == "Y":
            assert (folder / name).read_bytes() == data, f"fmt changed broken file {name}"
    assert (folder / "000302001000.yaml").is_symlink()
