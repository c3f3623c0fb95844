"""Item files read ahead while a large workbook is read: used only while they are unchanged."""

from __future__ import annotations

import io
import multiprocessing
import multiprocessing.queues
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from catalog_tool.engine.filecheck import fast_emit
from catalog_tool.sheets import importing, read_ahead
from catalog_tool.sheets.export import export_xlsx
from catalog_tool.sheets.importing import import_file
from catalog_tool.sheets.plan import Outcome
from catalog_tool.sheets.read_ahead import ReadAhead, Reading
from tests.sheets.books import SAMPLE, copy_catalog

_ITEM = 'code: "000101001000"\nname: 食品经营许可\n'
_LONG_AGO = 1_600_000_000_000_000_000  # 2020: settled long before it is read


def _settle(*paths: Path) -> None:
    """Date the files back: one changed in the last two seconds is not read ahead."""
    for path in paths:
        os.utime(path, ns=(_LONG_AGO, _LONG_AGO), follow_symlinks=False)


def _read(folders: list[Path]) -> ReadAhead:
    out = io.BytesIO()
    entries = read_ahead.read_ahead(folders, out)
    return ReadAhead(out.getvalue(), entries)


def test_files_read_ahead_give_their_quick_json_until_they_change(tmp_path: Path) -> None:
    item = tmp_path / "000101001000.yaml"
    item.write_text(_ITEM, encoding="utf-8")
    _settle(item)
    known = _read([tmp_path])
    assert known.json_of(item.stat()) == fast_emit(item.read_bytes())
    assert known.json_of(item.stat()) is not None

    item.write_text(_ITEM.replace("食品经营许可", "食品生产许可"), encoding="utf-8")
    _settle(item)  # the same size and modification time: the change time still tells
    assert known.json_of(item.stat()) is None  # the planner reads the file again


def test_a_file_changed_just_now_is_left_to_the_planner(tmp_path: Path) -> None:
    item = tmp_path / "000101001000.yaml"
    item.write_text(_ITEM, encoding="utf-8")
    assert len(_read([tmp_path])) == 0  # it could change again within its timestamp
    _settle(item)
    assert len(_read([tmp_path])) == 1


def test_what_the_fast_reader_doubts_is_not_read_ahead(tmp_path: Path) -> None:
    (tmp_path / "bom.yaml").write_bytes(b"\xef\xbb\xbf" + _ITEM.encode())
    (tmp_path / "list.yaml").write_text("- a\n- b\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text(_ITEM, encoding="utf-8")
    (tmp_path / "real.yaml").write_text(_ITEM, encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "real.yaml")
    _settle(*tmp_path.iterdir())
    known = _read([tmp_path, tmp_path / "missing"])
    assert len(known) == 1  # real.yaml: not the BOM, the list, the .txt or the link itself
    assert known.json_of((tmp_path / "link.yaml").stat()) is not None  # it is real.yaml


def test_reading_stops_when_asked(tmp_path: Path) -> None:
    for number in range(40):
        (tmp_path / f"{number:012d}.yaml").write_text(_ITEM, encoding="utf-8")
    _settle(*tmp_path.iterdir())
    asked: list[int] = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 1  # the second look says stop

    assert len(read_ahead.read_ahead([tmp_path], io.BytesIO(), stop)) == read_ahead._ASK_EVERY


def test_a_failed_process_hands_over_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "real.yaml").write_text(_ITEM, encoding="utf-8")

    def broken(*_: object) -> list[read_ahead.Entry]:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(read_ahead, "read_ahead", broken)
    assert len(Reading([tmp_path]).result()) == 0


def test_what_a_forked_process_reads_is_what_this_one_reads(tmp_path: Path) -> None:
    for number in range(5):
        (tmp_path / f"{number:012d}.yaml").write_text(_ITEM, encoding="utf-8")
    here = _read([tmp_path])
    there = Reading([tmp_path]).result()  # stopped at once: it may have read none yet
    for path in tmp_path.iterdir():
        got = there.json_of(path.stat())
        assert got is None or got == here.json_of(path.stat())


def test_a_process_that_read_everything_hands_all_of_it_over(tmp_path: Path) -> None:
    for number in range(5):
        (tmp_path / f"{number:012d}.yaml").write_text(
            _ITEM.replace("食品经营许可", f"事项{number}"), encoding="utf-8"
        )
    _settle(*tmp_path.iterdir())
    reading = Reading([tmp_path])
    reading._process.join(60)  # it ends once its index is in the pipe
    there = reading.result()
    assert len(there) == 5
    for path in tmp_path.iterdir():
        assert there.json_of(path.stat()) == fast_emit(path.read_bytes())


class _Counting(ReadAhead):
    def __init__(self, known: ReadAhead) -> None:
        super().__init__(known._data, ())
        self._where = known._where
        self.used = 0

    def json_of(self, info: os.stat_result) -> bytes | None:
        found = super().json_of(info)
        self.used += found is not None
        return found


class _Given:
    """Stands in for the forked reader: hands over what was read before the test's edit."""

    def __init__(self, known: ReadAhead) -> None:
        self.known = known

    def __call__(self, folders: list[Path]) -> _Given:
        return self

    def result(self) -> ReadAhead:
        return self.known


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the sample catalog and its export."""
    catalog = copy_catalog(SAMPLE, tmp_path / "catalog")
    workbook = tmp_path / "list.xlsx"
    export_xlsx(catalog, workbook)
    return catalog, workbook


def test_import_plans_from_files_read_ahead_and_rereads_those_changed_since(
    exported: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog, workbook = exported
    folders = [p for p in catalog.iterdir() if p.is_dir()]
    _settle(*(item for folder in folders for item in folder.iterdir()))
    known = _Counting(_read(folders))
    edited = catalog / "000000" / "000101001000.yaml"
    original = edited.read_text(encoding="utf-8")
    edited.write_text(original.replace("name: 食品经营许可", "name: 食品经营"), encoding="utf-8")
    _settle(edited)  # as old as before: only its size and change time differ
    monkeypatch.setattr(importing, "_READ_AHEAD_BYTES", 0)
    monkeypatch.setattr(importing, "Reading", _Given(known))

    result = import_file(workbook, region="000000", root=catalog, dry_run=True, jobs=2)

    outcomes = {(p.region, p.code): p.outcome for p in result.planned}
    assert outcomes.pop(("000000", "000101001000")) is Outcome.CHANGED  # the sheet's name
    assert set(outcomes.values()) == {Outcome.UNCHANGED}
    assert known.used == len(result.planned) - 1  # all the others came from the read-ahead


def test_without_a_process_the_import_reads_every_file_itself(
    exported: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog, workbook = exported

    def no_process(self: object) -> None:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(importing, "_READ_AHEAD_BYTES", 0)
    monkeypatch.setattr("multiprocessing.context.ForkProcess.start", no_process)
    with pytest.raises(OSError):
        Reading([catalog / "000000"])

    result = import_file(workbook, region="000000", root=catalog, dry_run=True, jobs=2)
    assert {p.outcome for p in result.planned} == {Outcome.UNCHANGED}
    assert len(result.planned) == 37


def _started(tmp_path: Path) -> Path:
    """A marker the stand-in reader writes once the child runs it (after its set-up)."""
    return tmp_path / "started"


def test_ctrl_c_does_not_stop_the_reading_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C reaches the whole process group; the parent stops the reader itself, and a
    reader still reading when it arrives hands over what it read."""
    marker = _started(tmp_path)
    entry: read_ahead.Entry = (1, 2, read_ahead.Stamp(2, 3, 4), 0, 2)

    def reads_until_stopped(
        folders: list[Path], out: io.BufferedIOBase, stop: Callable[[], bool]
    ) -> list[read_ahead.Entry]:
        out.write(b"{}")
        marker.touch()
        while not stop():
            time.sleep(0.01)
        return [entry]

    monkeypatch.setattr(read_ahead, "read_ahead", reads_until_stopped)
    reading = Reading([tmp_path])
    _wait_for(marker)
    pid = reading._process.pid
    assert pid is not None
    os.kill(pid, signal.SIGINT)
    time.sleep(0.2)
    assert reading._process.is_alive()
    there = reading.result()
    assert len(there) == 1
    assert reading._process.exitcode == 0


def test_a_process_that_does_not_answer_is_stopped_and_its_reading_unused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = _started(tmp_path)

    def never_stops(
        folders: list[Path], out: io.BufferedIOBase, stop: Callable[[], bool]
    ) -> list[read_ahead.Entry]:
        marker.touch()
        time.sleep(60)
        return []

    monkeypatch.setattr(read_ahead, "read_ahead", never_stops)
    monkeypatch.setattr(read_ahead, "_WAIT_SECONDS", 0.3)
    reading = Reading([tmp_path])
    _wait_for(marker)
    began = time.monotonic()
    there = reading.result()
    assert len(there) == 0
    assert not reading._process.is_alive()
    assert reading._process.exitcode == -signal.SIGTERM
    assert time.monotonic() - began < 10  # the bound, not the reader's 60 s


def _start_in_daemon(
    source: Path, catalog: Path, answer: multiprocessing.queues.Queue[str]
) -> None:
    try:
        reading = importing._start_reading_ahead(source, catalog, frozenset({"000000"}), 2)
    except BaseException as err:  # the answer is what happened
        answer.put(f"raised {type(err).__name__}")
        return
    answer.put("none" if reading is None else "started")
    if reading is not None:
        reading.close()


def test_no_reading_process_is_started_from_a_daemonic_process(
    exported: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pool's worker (daemonic) may not have children: the import then reads every file
    itself instead of failing."""
    catalog, workbook = exported
    monkeypatch.setattr(importing, "_READ_AHEAD_BYTES", 0)
    context = multiprocessing.get_context("fork")
    answer: multiprocessing.queues.Queue[str] = context.Queue()
    worker = context.Process(target=_start_in_daemon, args=(workbook, catalog, answer), daemon=True)
    worker.start()
    worker.join(60)
    assert answer.get(timeout=10) == "none"
    # The same call outside a daemonic process starts the reader.
    here = importing._start_reading_ahead(workbook, catalog, frozenset({"000000"}), 2)
    assert here is not None
    here.close()


def _wait_for(marker: Path) -> None:
    deadline = time.monotonic() + 30
    while not marker.exists():
        assert time.monotonic() < deadline, "the reading process did not start"
        time.sleep(0.01)
