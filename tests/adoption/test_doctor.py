"""``catalog doctor``: environment and catalog checks, each ok, warning or error."""

from __future__ import annotations

import json
import os
import pickle
import socket
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from catalog_tool.doctor import Check, Status, run_checks
from catalog_tool.doctor import environment as env
from catalog_tool.engine.cache import CACHE_DIR, _sign
from catalog_tool.io.lock import LOCK_FILE
from catalog_tool.scaffold import init_catalog
from tests.conftest import Result

RunCli = Callable[..., Result]

ENVIRONMENT = ["python", "dependencies", "yaml", "chromium", "fonts", "git", "config"]
CATALOG = ["catalog", "laws", "writable", "lock", "cache", "encoding"]
ITEM = "370811/002001001000.yaml"
TAG = b"Signature: 8a477f597d28d172789f06886806bc55\n# catalog-tool\n"


@pytest.fixture
def items(tmp_path: Path) -> Path:
    """A fresh scaffold's catalog root."""
    init_catalog(tmp_path / "repo")
    return tmp_path / "repo" / "items"


def by_name(checks: list[Check]) -> dict[str, Check]:
    return {c.name: c for c in checks}


def test_a_fresh_catalog_passes_every_catalog_check(items: Path) -> None:
    checks = run_checks(items)
    assert [c.name for c in checks] == ENVIRONMENT + CATALOG
    found = by_name(checks)
    for name in ["python", "dependencies", "yaml", "config", *CATALOG]:
        assert found[name].status is Status.OK, found[name]
    assert found["catalog"].facts == {"root": str(items), "items": 2, "regions": 2}
    assert found["encoding"].facts["files"] == 3
    assert found["config"].summary.en == f"{items / 'catalog.toml'} is valid"


def test_encoding_problems_are_counted_and_named(items: Path) -> None:
    text = (items / ITEM).read_text(encoding="utf-8")
    national = items / "000000/002001001000.yaml"
    (items / "370811/000000000001.yaml").write_bytes(text.encode("gb18030"))
    (items / "370811/000000000002.yaml").write_bytes(b"name: \xff\xfe\xff\n")
    (items / "370811/000000000003.yaml").write_bytes(b"\xef\xbb\xbf" + text.encode())
    (items / "370811/000000000004.yaml").write_bytes(text.replace("\n", "\r\n").encode())
    national.write_bytes(b"\xef\xbb\xbf" + national.read_bytes().replace(b"\n", b"\r\n"))
    check = by_name(run_checks(items))["encoding"]
    assert check.status is Status.ERROR
    assert check.facts == {
        "files": 7,
        "not_utf8": 2,
        "gb18030": 1,
        "undecodable": 1,
        "bom": 2,
        "crlf": 2,
        "unreadable": 0,
    }
    root = str(items)
    assert check.details == (
        f"{root}/370811/000000000001.yaml  [GB18030]",
        f"{root}/370811/000000000002.yaml  [unknown-encoding]",
        f"{root}/000000/002001001000.yaml  [BOM]",
        f"{root}/370811/000000000003.yaml  [BOM]",
        f"{root}/000000/002001001000.yaml  [CRLF]",
        f"{root}/370811/000000000004.yaml  [CRLF]",
    )
    assert check.summary.zh == (
        "7 个文件中:1 个是 GB18030 编码,1 个既非 UTF-8 也非 GB18030,2 个带 BOM,2 个用 CRLF 换行"
    )
    assert check.hint is not None and "catalog fmt" in check.hint.zh


def test_bom_and_crlf_alone_are_warnings_that_fmt_fixes(items: Path, run_cli: RunCli) -> None:
    path = items / ITEM
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    check = by_name(run_checks(items))["encoding"]
    assert check.status is Status.WARNING
    assert check.hint is not None and check.hint.en.startswith("Run catalog fmt")
    assert run_cli("fmt", str(items)).code == 0
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")


def test_the_encoding_scan_skips_a_named_pipe_instead_of_blocking(items: Path) -> None:
    os.mkfifo(items / "370811/000000000009.yaml")
    check = by_name(run_checks(items))["encoding"]
    assert check.status is Status.ERROR
    assert check.facts["unreadable"] == 1
    assert check.details == (f"{items}/370811/000000000009.yaml  [unreadable]",)


def lock_file(items: Path, **holder: object) -> None:
    (items / LOCK_FILE).write_text(json.dumps(holder), encoding="utf-8")


def test_a_lock_left_by_a_dead_process_is_stale(items: Path) -> None:
    lock_file(
        items, host=socket.gethostname(), pid=2**31 - 1, started=time.time(), command="catalog fmt"
    )
    check = by_name(run_checks(items))["lock"]
    assert check.status is Status.WARNING
    assert check.facts["stale"] is True
    assert "catalog fmt (pid 2147483647" in check.summary.en


def test_a_lock_held_by_a_live_process_says_who(items: Path) -> None:
    lock_file(
        items, host=socket.gethostname(), pid=os.getpid(), started=time.time(), command="merge"
    )
    check = by_name(run_checks(items))["lock"]
    assert check.status is Status.WARNING
    assert check.facts["stale"] is False
    assert check.summary.en.startswith(f"the catalog is locked by merge (pid {os.getpid()}")


def cache_folder(items: Path, tag: bool = True) -> Path:
    generation = items / CACHE_DIR / "0123456789abcdef01234567"
    generation.mkdir(parents=True)
    if tag:
        (items / CACHE_DIR / "CACHEDIR.TAG").write_bytes(TAG)
    return generation


def test_signed_cache_files_are_healthy(items: Path) -> None:
    payload = pickle.dumps({"370811/x.yaml": None})
    (cache_folder(items) / "370811.pickle").write_bytes(_sign(payload) + payload)
    check = by_name(run_checks(items))["cache"]
    assert check.status is Status.OK
    assert check.facts["signed"] == 1
    assert check.facts["files"] == 2
    assert check.facts["bytes"] == len(TAG) + 32 + len(payload)


def test_unsigned_cache_files_are_reported_and_never_loaded(items: Path) -> None:
    marker = items.parent / "pwned"

    class Exploit:
        def __reduce__(self) -> tuple[object, tuple[()]]:
            return (marker.touch, ())

    (cache_folder(items) / "370811.pickle").write_bytes(pickle.dumps(Exploit()))
    check = by_name(run_checks(items))["cache"]
    assert check.status is Status.WARNING
    assert check.facts["unsigned"] == 1
    assert check.details == (f"{items}/{CACHE_DIR}/0123456789abcdef01234567/370811.pickle",)
    assert not marker.exists()


def test_cache_files_signed_with_another_key_are_foreign(items: Path) -> None:
    (cache_folder(items) / "370811.pickle").write_bytes(b"\0" * 32 + pickle.dumps([]))
    check = by_name(run_checks(items))["cache"]
    assert check.status is Status.WARNING
    assert check.facts["foreign"] == 1
    assert check.hint is not None and "CATALOG_CACHE_SECRET" in check.hint.en


def test_a_cache_without_its_tag_is_a_warning(items: Path) -> None:
    payload = pickle.dumps({})
    (cache_folder(items, tag=False) / "000000.pickle").write_bytes(_sign(payload) + payload)
    check = by_name(run_checks(items))["cache"]
    assert check.status is Status.WARNING
    assert "CACHEDIR.TAG" in check.summary.en


def test_a_broken_config_is_an_error_naming_the_key(items: Path, run_cli: RunCli) -> None:
    (items / "catalog.toml").write_text('fail-level = "fatal"\n', encoding="utf-8")
    check = by_name(run_checks(items))["config"]
    assert check.status is Status.ERROR
    assert "fail-level" in check.summary.en
    result = run_cli("doctor", str(items))
    assert result.code == 1
    assert "Traceback" not in result.out + result.err


def test_a_configured_baseline_that_is_missing_is_an_error(items: Path) -> None:
    config = items / "catalog.toml"
    config.write_text('baseline = "gone.json"\n', encoding="utf-8")
    check = by_name(run_checks(items))["config"]
    assert check.status is Status.ERROR
    assert (
        check.summary.en
        == f"{config} is valid, but its baseline {items / 'gone.json'} does not exist"
    )


def test_a_broken_law_registry_is_an_error(items: Path) -> None:
    (items / "laws.yaml").write_text("laws: [{name: 1}]\n", encoding="utf-8")
    check = by_name(run_checks(items))["laws"]
    assert check.status is Status.ERROR


def test_a_check_that_crashes_is_reported_not_raised(
    items: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> Check:
        raise RuntimeError("boom")

    monkeypatch.setattr(env, "git", broken)
    check = by_name(run_checks(items))["git"]
    assert check.status is Status.ERROR
    assert check.summary.en == "the check itself failed: RuntimeError: boom"


def test_missing_chromium_is_only_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    monkeypatch.delenv("CATALOG_CHROMIUM", raising=False)
    assert env.chromium().status is Status.WARNING
    monkeypatch.setenv("CATALOG_CHROMIUM", "/no/such/chromium")
    check = env.chromium()
    assert check.status is Status.WARNING
    assert (
        check.summary.en == "CATALOG_CHROMIUM names /no/such/chromium, which is not an executable"
    )


def test_the_browsers_looked_for_are_those_publishing_uses() -> None:
    from catalog_tool.publish.pdf import BROWSERS

    assert env.BROWSERS == BROWSERS


@pytest.mark.parametrize(
    ("version", "spec", "ok"),
    [
        ("2.14.3", "<3,>=2.7", True),
        ("3.0.0", "<3,>=2.7", False),
        ("2.6.9", "<3,>=2.7", False),
        ("0.15.2", "<0.16,>=0.15", True),
        ("0.16.0", "<0.16,>=0.15", False),
        ("0.2.15", ">=0.2.8", True),
        ("1.2.0rc1", ">=1.1", True),
        ("15.0.0", "", True),
    ],
)
def test_dependency_versions_are_checked_against_their_bounds(
    version: str, spec: str, ok: bool
) -> None:
    assert env._satisfies(version, spec) is ok


def test_the_installed_dependencies_are_listed_with_versions() -> None:
    check = env.dependencies()
    assert check.status is Status.OK
    versions = check.facts["versions"]
    assert isinstance(versions, dict)
    assert {"pydantic", "rapidyaml", "ruamel.yaml.clib", "typer"} <= set(versions)
    assert all(versions.values())


def test_json_output_lists_every_check(items: Path, run_cli: RunCli) -> None:
    result = run_cli("doctor", str(items), "--format", "json", "--lang", "en")
    assert result.code == 0
    data = json.loads(result.out)
    assert data["version"] == 1
    assert [c["name"] for c in data["checks"]] == ENVIRONMENT + CATALOG
    assert data["status"] in {"ok", "warning"}
    assert sum(data["summary"].values()) == len(ENVIRONMENT + CATALOG)
    encoding = next(c for c in data["checks"] if c["name"] == "encoding")
    assert encoding["summary"] == "all 3 files are UTF-8 (no BOM, LF line endings)"


def test_text_output_marks_each_check(items: Path, run_cli: RunCli) -> None:
    (items / ITEM).write_bytes((items / ITEM).read_text("utf-8").encode("gb18030"))
    result = run_cli("doctor", str(items))
    assert result.code == 1
    lines = result.out.splitlines()
    encoding = next(i for i, line in enumerate(lines) if "文件编码" in line)
    assert lines[encoding].lstrip().startswith("错误")
    assert lines[encoding + 1].strip() == f"{items}/{ITEM}  [GB18030]"
    assert lines[encoding + 2].strip().startswith("→ 运行 catalog fmt")
    assert lines[-1].startswith("13 项检查:")
    assert lines[-1].endswith("1 项错误")


def test_a_path_that_is_not_a_catalog_is_unusable_input(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("doctor", str(tmp_path), "--lang", "en")
    assert result.code == 2
    assert "is not in a catalog" in result.err
    missing = run_cli("doctor", str(tmp_path / "nope"))
    assert missing.code == 2
    assert "路径不存在" in missing.err


def test_without_a_catalog_only_the_environment_is_checked(tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("doctor", "--format", "json", cwd=tmp_path)
    data = json.loads(result.out)
    names = [c["name"] for c in data["checks"]]
    assert names == [*ENVIRONMENT, "catalog", "laws"]
    catalog = next(c for c in data["checks"] if c["name"] == "catalog")
    assert catalog["status"] == "warning"
    assert result.code == (1 if data["status"] == "error" else 0)


def test_the_default_catalog_is_the_one_validate_uses(items: Path, run_cli: RunCli) -> None:
    result = run_cli("doctor", "--format", "json", cwd=items.parent)
    data = json.loads(result.out)
    catalog = next(c for c in data["checks"] if c["name"] == "catalog")
    assert catalog["facts"]["root"] == "items"


def test_a_damaged_lock_file_is_reported_as_stale(items: Path) -> None:
    path = items / LOCK_FILE
    path.write_text('{"started": "yesterday"', encoding="utf-8")
    hour_ago = time.time() - 3600
    os.utime(path, (hour_ago, hour_ago))
    check = by_name(run_checks(items))["lock"]
    assert check.status is Status.WARNING
    assert check.facts == {"path": str(path), "stale": True}
    assert check.summary.en.startswith(f"{path} was left by a process that ended: ?;")
