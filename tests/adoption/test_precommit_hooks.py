"""This repository's pre-commit hooks, run by the real ``pre-commit`` on a catalog that
``catalog init`` made.

pre-commit installs catalog-tool from a git repository into its own environment. The
hooks repository here is a snapshot of the working tree (committed in a temporary
repository), so the test checks the code as it is now, committed or not; ``pre-commit
try-repo`` would take only the tracked files of this checkout. The environment is built
once per session (it installs the dependencies through pip).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from catalog_tool.scaffold import ToolSource, init_catalog
from tests.conftest import REPO

pytestmark = pytest.mark.slow

ITEM = "items/370811/002001001000.yaml"
SNAPSHOT = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "src")


def _pre_commit() -> str | None:
    local = REPO / ".venv" / "bin" / "pre-commit"
    return str(local) if local.is_file() else shutil.which("pre-commit")


@pytest.fixture(scope="session")
def pre_commit() -> str:
    found = _pre_commit()
    if found is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[dev]' installs it)")
    if shutil.which("git") is None:
        pytest.skip("pre-commit needs git, which is not on PATH")
    return found


@pytest.fixture(scope="session")
def environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """pre-commit's home (shared: the hook environment is built once) and a git identity
    without the user's configuration."""
    base = tmp_path_factory.mktemp("pre-commit")
    config = base / "gitconfig"
    config.write_text("", encoding="utf-8")
    return {
        **os.environ,
        "PRE_COMMIT_HOME": str(base / "home"),
        "GIT_CONFIG_GLOBAL": str(config),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "tester",
        "GIT_AUTHOR_EMAIL": "tester@example.com",
        "GIT_COMMITTER_NAME": "tester",
        "GIT_COMMITTER_EMAIL": "tester@example.com",
    }


def run(
    args: list[str], cwd: Path, env: dict[str, str], *, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run a command; its stderr goes into ``stdout`` (git commit prints the hooks' output
    on stderr)."""
    done = subprocess.run(
        args,
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
        timeout=900,
    )
    if check:
        assert done.returncode == 0, f"{' '.join(args)}:\n{done.stdout}"
    return done


def git(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run(["git", "-c", "commit.gpgsign=false", *args], repo, env, check=False)


@pytest.fixture(scope="session")
def hooks_repo(tmp_path_factory: pytest.TempPathFactory, environment: dict[str, str]) -> ToolSource:
    """A git repository holding this working tree's package and hooks, at one commit."""
    snapshot = tmp_path_factory.mktemp("catalog-tool")
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", ".catalog_cache")
    for name in SNAPSHOT:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, snapshot / name, ignore=ignore)
        else:
            shutil.copy2(source, snapshot / name)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "snapshot"]):
        assert git(snapshot, environment, *args).returncode == 0
    sha = git(snapshot, environment, "rev-parse", "HEAD").stdout.strip()
    return ToolSource(str(snapshot), sha)


@pytest.fixture
def catalog_repo(
    tmp_path: Path, pre_commit: str, hooks_repo: ToolSource, environment: dict[str, str]
) -> Path:
    """A repository made by catalog init, with the hooks installed and a first commit."""
    repo = tmp_path / "catalog"
    init_catalog(repo, source=hooks_repo)
    assert git(repo, environment, "init", "-q").returncode == 0
    run([pre_commit, "install"], repo, environment)
    first = commit(repo, environment, "catalog init")
    assert first.returncode == 0, first.stdout
    assert re.search(r"catalog fmt\.+Passed", first.stdout), first.stdout
    assert re.search(r"catalog validate\.+Passed", first.stdout), first.stdout
    return repo


def commit(repo: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    assert git(repo, env, "add", "-A").returncode == 0
    return git(repo, env, "commit", "-m", message)


def commits(repo: Path, env: dict[str, str]) -> int:
    return int(git(repo, env, "rev-list", "--count", "HEAD").stdout)


def test_a_clean_commit_passes_both_hooks(catalog_repo: Path, environment: dict[str, str]) -> None:
    (catalog_repo / "items" / "README.md").write_text("目录说明\n", encoding="utf-8")
    done = commit(catalog_repo, environment, "add a readme")
    assert done.returncode == 0, done.stdout
    assert re.search(r"catalog validate\.+Passed", done.stdout)
    assert commits(catalog_repo, environment) == 2


def test_a_broken_item_stops_the_commit_with_its_rule_code(
    catalog_repo: Path, environment: dict[str, str]
) -> None:
    path = catalog_repo / ITEM
    text = path.read_text(encoding="utf-8")
    assert "\nvisits: 0 " in text
    path.write_text(text.replace("\nvisits: 0 ", "\nvisits: 2 "), encoding="utf-8")
    done = commit(catalog_repo, environment, "two visits, no reason")
    assert done.returncode == 1
    assert re.search(r"catalog validate\.+Failed", done.stdout), done.stdout
    assert f"{ITEM}:42:1: 错误 G003" in done.stdout
    assert commits(catalog_repo, environment) == 1


def test_the_fmt_hook_rewrites_an_unformatted_item_and_fails(
    catalog_repo: Path, environment: dict[str, str]
) -> None:
    path = catalog_repo / ITEM
    original = path.read_text(encoding="utf-8")
    assert "第三十五条第一款第（五）项" in original and "\ndelivery: true " in original
    wanted = original.replace("\ndelivery: true ", "\ndelivery: false")
    path.write_text(wanted.replace("第（五）项", "第(五)项"), encoding="utf-8")
    done = commit(catalog_repo, environment, "no delivery, half-width brackets")
    assert done.returncode == 1
    assert re.search(r"catalog fmt\.+Failed", done.stdout), done.stdout
    assert "files were modified by this hook" in done.stdout
    assert path.read_text(encoding="utf-8") == wanted
    assert commits(catalog_repo, environment) == 1
    again = commit(catalog_repo, environment, "no delivery")
    assert again.returncode == 0, again.stdout
    assert commits(catalog_repo, environment) == 2
    assert git(catalog_repo, environment, "status", "--porcelain").stdout == ""


def test_the_hook_definitions() -> None:
    hooks = {h["id"]: h for h in YAML(typ="safe").load(REPO / ".pre-commit-hooks.yaml")}
    assert set(hooks) == {"catalog-validate", "catalog-fmt"}
    validate, fmt = hooks["catalog-validate"], hooks["catalog-fmt"]
    assert (validate["entry"], validate["language"], validate["pass_filenames"]) == (
        "catalog validate",
        "python",
        False,
    )
    assert "files" not in validate  # any change can produce findings
    assert (fmt["entry"], fmt["language"], fmt["require_serial"]) == ("catalog fmt", "python", True)
    files = re.compile(fmt["files"])
    for path in ("items/regions.yaml", ITEM, "370811/x.yml", "items/370811001/a.yaml"):
        assert files.search(path), path
    for path in ("items/catalog.toml", "items/forms/a.yaml", "items/laws.yaml", "a/12345/b.yaml"):
        assert not files.search(path), path
