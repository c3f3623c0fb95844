"""Repeated library runs in one process do not grow memory.

A long-lived process (a web service, a notebook, an editor plugin) calls the library again
and again. After two warm-up runs, eight more runs of validate and diff over a generated
2,000-item catalog must not keep growing the resident memory.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import REPO

SCRIPT = textwrap.dedent(
    """
    import gc, json, sys
    from pathlib import Path
    from catalog_tool import Config, diff, validate

    root = Path(sys.argv[1])
    def rss_kb():
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise SystemExit("no VmRSS")

    sizes = []
    for run in range(10):
        report = validate(root, Config(cache=False, jobs=1))
        assert report.items > 900, report.items
        changes = diff(root, root)
        del report, changes
        gc.collect()
        sizes.append(rss_kb())
    print(json.dumps(sizes))
    """
)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("load") / "catalog"
    subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "generate.py"),
            "--items",
            "2000",
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    return out


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_ten_library_runs_do_not_grow_memory(generated: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(generated)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    sizes = [int(s) for s in done.stdout.strip().splitlines()[-1].strip("[]").split(",")]
    warm = sizes[1]
    growth = sizes[-1] - warm
    # Allocator noise is a few MB; a leak of even 1 KB per item per run would add 8 MB.
    assert growth < 4 * 1024, f"resident memory grew {growth} KB over 8 runs: {sizes}"
