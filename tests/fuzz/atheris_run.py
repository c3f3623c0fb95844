"""Run an atheris fuzz target for a bounded time and keep what it finds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run_atheris(target: str, seeds: Sequence[bytes], work: Path, prefix: str = "") -> None:
    """Fuzz ``target`` (a script in this folder) from ``seeds`` for ``CATALOG_FUZZ_SECONDS``
    (default 20). Crashes, out-of-memory and timeouts are copied to ``regressions/`` with
    ``prefix``, where a developer finds them, and fail the calling test."""
    corpus = work / "corpus"
    corpus.mkdir()
    for number, seed in enumerate(seeds):
        (corpus / f"seed{number}").write_bytes(seed)
    seconds = os.environ.get("CATALOG_FUZZ_SECONDS", "20")
    done = subprocess.run(
        [
            sys.executable,
            str(HERE / target),
            f"-max_total_time={seconds}",
            "-rss_limit_mb=2048",
            f"-artifact_prefix={work}/",
            str(corpus),
        ],
        capture_output=True,
        text=True,
        timeout=int(seconds) + 120,
        check=False,
    )
    crashes = [p for p in work.iterdir() if p.name.startswith(("crash-", "oom-", "timeout-"))]
    for crash in crashes:
        shutil.copy(crash, HERE / "regressions" / f"{prefix}{crash.name}")
    assert done.returncode == 0 and not crashes, done.stderr[-3000:]
