"""Cache, --changed-since and worker processes never change what is reported."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from catalog_tool import CatalogError, validate
from catalog_tool.engine import cache as result_cache
from catalog_tool.engine import pool
from catalog_tool.engine.cache import CACHE_DIR
from tests.conftest import REPO
from tests.diff.gitrepo import git

GIT = shutil.which("git")
NO_CACHE = shutil.ignore_patterns(CACHE_DIR)
pytestmark = pytest.mark.skipif(GIT is None, reason="git is not installed")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The planted-fault catalog, committed to a fresh git repository."""
    root = tmp_path / "faulty"
    shutil.copytree(REPO / "tests" / "catalogs" / "faulty", root, ignore=NO_CACHE)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    return root


def keys(report: object) -> list[tuple[str | None, int, int, str, str]]:
    return [
        (d.file, d.line, d.column, d.rule, d.message.zh)
        for d in report.diagnostics  # type: ignore[attr-defined]
    ]


def rel(report: object, root: Path) -> list[tuple[str, int, int, str, str]]:
    out = []
    for file, line, column, rule, message in keys(report):
        path = Path(file or "")
        path = path if path.is_absolute() else Path.cwd() / path
        out.append((path.relative_to(root).as_posix(), line, column, rule, message))
    return out


def test_cache_gives_the_same_findings_and_is_tagged(repo: Path) -> None:
    cold = validate(repo, cache=False)
    assert not (repo / CACHE_DIR).exists()
    first = validate(repo)
    second = validate(repo)
    assert keys(cold) == keys(first) == keys(second)
    assert (repo / CACHE_DIR / "CACHEDIR.TAG").read_bytes().startswith(b"Signature: 8a477f")
    assert (repo / CACHE_DIR / ".gitignore").read_text(encoding="utf-8") == "*\n"


def test_a_changed_file_is_checked_again(repo: Path) -> None:
    validate(repo)
    item = repo / "370811" / "000101001000.yaml"
    item.write_text(item.read_text(encoding="utf-8").replace("承诺件", "即办件"), "utf-8")
    cached = validate(repo)
    fresh = validate(repo, cache=False)
    assert keys(cached) == keys(fresh)
    assert any(
        d.rule == "T005" and d.file.endswith("370811/000101001000.yaml") for d in cached.diagnostics
    )  # type: ignore[union-attr]


def test_a_touched_but_unchanged_file_reuses_its_result(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = keys(validate(repo, cache=False))
    validate(repo)
    item = repo / "370811" / "000101001000.yaml"
    os.utime(item, ns=(1, 1))
    (repo / ".git").rename(repo / ".git-away")  # no git: the stat of every file decides
    calls: list[str] = []
    real = pool.check_batch

    def spy(setup: object, work: list[tuple[str, str | None]], *rest: object) -> object:
        calls.extend(file for file, _ in work)
        results = real(setup, work, *rest)  # type: ignore[arg-type]
        assert results == [None] * len(work)  # the content hash matched the cached one
        return results

    monkeypatch.setattr(pool, "check_batch", spy)
    assert keys(validate(repo)) == expected
    assert calls == ["370811/000101001000.yaml"]


@pytest.mark.parametrize("with_git", [True, False])
def test_an_edit_that_keeps_size_and_modification_time_is_seen(repo: Path, with_git: bool) -> None:
    """``touch -r`` after an edit of the same length: the stat the cache trusted was
    (mtime, size), and the old result was served. The ctime cannot be put back."""
    item = repo / "370826" / "000101001000.yaml"
    validate(repo)
    if not with_git:
        (repo / ".git").rename(repo / ".git-away")  # the stat of every file decides
    before = item.stat()
    text = item.read_text(encoding="utf-8")
    edited = text.replace("legal_days: 20,", "legal_days:  4,", 1)  # same length
    assert edited != text and len(edited.encode()) == len(text.encode())
    # git compares the times of its index in whole seconds (unless built with USE_NSEC):
    # an edit within the second the file was last changed in looks unchanged to it.
    time.sleep(1.1 if with_git else 0.01)
    item.write_text(edited, encoding="utf-8")
    os.utime(item, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (item.stat().st_mtime_ns, item.stat().st_size) == (before.st_mtime_ns, before.st_size)
    assert keys(validate(repo)) == keys(validate(repo, cache=False))
    assert "T001" in {d.rule for d in validate(repo).diagnostics if d.file and "370826" in d.file}


def test_a_tool_with_other_code_under_the_same_version_does_not_reuse_the_cache(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editable or git install of a newer commit keeps the version number but not the
    rules: its runs must not be answered from the cache the old code wrote."""
    package = tmp_path / "catalog_tool"
    shutil.copytree(result_cache.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    fingerprint = result_cache.code_fingerprint.__wrapped__  # not the per-process memo
    before = fingerprint(package)
    assert fingerprint(package) == before  # stable while nothing changes
    os.utime(package / "rules" / "names.py", ns=(1, 1))
    edited = fingerprint(package)
    (package / "rules" / "extra.py").write_text("", encoding="utf-8")
    assert len({before, edited, fingerprint(package)}) == 3  # an edited module, a new one

    validate(repo)
    calls: list[str] = []
    real = pool.check_batch

    def spy(setup: object, work: list[tuple[str, str | None]], *rest: object) -> object:
        calls.extend(file for file, _ in work)
        return real(setup, work, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(pool, "check_batch", spy)
    validate(repo)
    assert calls == []  # same code: answered from the cache
    monkeypatch.setattr(result_cache, "code_fingerprint", lambda _package: "other code")
    validate(repo)
    assert "370811/000101001000.yaml" in calls  # other code: every file checked again


def test_a_damaged_cache_is_rebuilt(repo: Path) -> None:
    validate(repo)
    for shard in (repo / CACHE_DIR).rglob("*.pickle"):
        shard.write_bytes(b"not a pickle")
    assert keys(validate(repo)) == keys(validate(repo, cache=False))


def test_jobs_cache_and_changed_since_agree(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(pool, "CHUNK", 7)
    one = validate(repo, jobs=1, cache=False)
    two = validate(repo, jobs=2, cache=False)
    assert keys(one) == keys(two)
    changed = "370826/000101001000.yaml"
    path = repo / changed
    path.write_text(
        path.read_text(encoding="utf-8").replace("legal_days: 20", "legal_days: 4"), "utf-8"
    )
    full = rel(validate(repo, cache=False), repo)
    for cache in (False, True):
        partial = rel(validate(repo, changed_since="HEAD", cache=cache), repo)
        of_changed = [d for d in full if d[0] == changed]
        assert [d for d in partial if d[0] == changed] == of_changed
        assert ("T001" in {d[3] for d in of_changed}) and set(partial) <= set(full)


def test_changed_since_reports_relatives(repo: Path) -> None:
    national = repo / "000000" / "000101001000.yaml"
    national.write_text(
        national.read_text(encoding="utf-8").replace(
            "name: 食品经营许可\n", "name: 食品经营许可证\n"
        ),
        "utf-8",
    )
    report = rel(validate(repo, changed_since="HEAD", cache=False), repo)
    f001 = {d[0] for d in report if d[3] == "F001"}
    assert "370000/000101001000.yaml" not in f001  # the province has no such item
    assert "370800/000101001000.yaml" in f001  # the city now differs from the nation
    full = rel(validate(repo, cache=False), repo)
    assert {d for d in full if d[3] == "F001" and d[0] == "370800/000101001000.yaml"} <= set(report)


def test_changes_to_regions_run_everything(repo: Path) -> None:
    regions = repo / "regions.yaml"
    regions.write_text(regions.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert keys(validate(repo, changed_since="HEAD", cache=False)) == keys(
        validate(repo, cache=False)
    )


def test_bad_revision_is_unusable_input(repo: Path) -> None:
    with pytest.raises(CatalogError) as caught:
        validate(repo, changed_since="no-such-branch")
    assert "no-such-branch" in caught.value.text.en or "git" in caught.value.text.en


@pytest.mark.parametrize("forgery", ["bare pickle", "wrong signature", "another user's key"])
def test_a_foreign_cache_file_is_never_unpickled(repo: Path, forgery: str) -> None:
    """Cache files are pickles, and loading a pickle can run any code: one committed to the
    catalog by someone else, or written with another key, is ignored and rebuilt."""
    import hashlib
    import hmac
    import pickle

    validate(repo)
    marker = repo / "pwned"

    class Exploit:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (marker.touch, ())

    payload = pickle.dumps(Exploit())
    forged = {
        "bare pickle": payload,
        "wrong signature": b"\0" * 32 + payload,
        "another user's key": hmac.new(b"another key", payload, hashlib.sha256).digest() + payload,
    }[forgery]
    shards = list((repo / CACHE_DIR).rglob("*.pickle"))
    assert shards
    for shard in shards:
        shard.write_bytes(forged)
    assert keys(validate(repo)) == keys(validate(repo, cache=False))
    assert not marker.exists()
    assert all(shard.read_bytes() != forged for shard in shards)  # rebuilt, signed


def test_changed_since_keeps_suppressions_of_relatives_in_use(repo: Path) -> None:
    # 370000/370701001000.yaml's name is N002-close to 370000/000701001000.yaml's; the
    # finding is suppressed inline. Changing the two codes in the city makes both province
    # files relatives: their N002 is not reported, and the suppression must not go stale.
    province = repo / "370000" / "370701001000.yaml"
    lines = province.read_text(encoding="utf-8").split("\n")
    lines[2] += "  # catalog: ignore[N002] 两个编码并存"
    province.write_text("\n".join(lines), encoding="utf-8")
    git(repo, "commit", "-qam", "suppress")
    city = repo / "370800" / "000701001000.yaml"
    city.write_text(city.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    copy = province.read_text(encoding="utf-8").replace("370000", "370800")
    (repo / "370800" / "370701001000.yaml").write_text(copy, encoding="utf-8")
    full = rel(validate(repo, cache=False), repo)
    partial = rel(validate(repo, changed_since="HEAD", cache=False), repo)
    assert not [d for d in full if d[0] == "370000/370701001000.yaml"]
    assert set(partial) <= set(full)


def test_the_signing_key_is_private_from_the_start_and_never_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CATALOG_CACHE_SECRET", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    stored = tmp_path / "catalog-tool" / "cache-secret"
    stored.parent.mkdir()
    stored.write_bytes(b"")  # a key file cut short: no key at all
    result_cache._secret.cache_clear()
    try:
        key = result_cache._secret()
    finally:
        result_cache._secret.cache_clear()
    assert len(key) == 32 and stored.read_bytes() == key
    assert stored.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in stored.parent.iterdir()] == ["cache-secret"]
