"""The shared process pool: work not yet started is dropped when its user fails."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from catalog_tool.workers import process_pool, worker_count


def _mark(folder: Path, n: int) -> int:
    (folder / str(n)).touch()
    time.sleep(0.05)
    return n


def test_a_failure_drops_the_work_not_yet_started(tmp_path: Path) -> None:
    tasks = 200
    with pytest.raises(RuntimeError), process_pool(1) as pool:
        results = pool.map(_mark, [tmp_path] * tasks, range(tasks))
        next(iter(results))
        raise RuntimeError
    assert 1 <= len(list(tmp_path.iterdir())) < tasks // 2


def test_the_pool_runs_all_work_when_nothing_fails(tmp_path: Path) -> None:
    with process_pool(2) as pool:
        assert list(pool.map(_mark, [tmp_path] * 6, range(6))) == list(range(6))
    assert len(list(tmp_path.iterdir())) == 6


def test_jobs_default_to_the_cores() -> None:
    assert worker_count(3) == 3
    assert worker_count(None) >= 1
