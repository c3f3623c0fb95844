"""Real git repositories in temporary folders, for the diff and merge tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.conftest import REPO

SAMPLE = REPO / "items"
_ENV = {
    "GIT_AUTHOR_NAME": "tester",
    "GIT_AUTHOR_EMAIL": "tester@example.com",
    "GIT_COMMITTER_NAME": "tester",
    "GIT_COMMITTER_EMAIL": "tester@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` with a fixed identity and no user configuration."""
    # An empty global config of our own (not /dev/null, which a careless atomic write
    # elsewhere can turn into a regular file).
    config = repo.parent / ".gitconfig-tests"
    if not config.exists():
        config.write_text("", encoding="utf-8")
    env = {**os.environ, **_ENV, "HOME": str(repo.parent), "GIT_CONFIG_GLOBAL": str(config)}
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout


def init(repo: Path) -> Path:
    """An empty repository at ``repo``."""
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q")
    return repo


def commit(repo: Path, message: str) -> str:
    """Commit everything in the work tree; return the commit id."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def sample_repo(tmp: Path) -> Path:
    """A repository holding a copy of the sample catalog in ``items/``, committed."""
    repo = init(tmp / "repo")
    shutil.copytree(SAMPLE, repo / "items", ignore=shutil.ignore_patterns(".catalog_cache"))
    commit(repo, "sample catalog")
    return repo


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` by ``new`` in a file; fail loudly if it is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
