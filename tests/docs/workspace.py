"""The folder the docs' command examples run in, built the way a catalog office has it.

``items/`` is a copy of the sample catalog inside a git repository with two commits
(tagged ``v1`` and ``v2``: 任城区 changed its 食品经营许可 phone number), so diff examples
have revisions to compare. ``faulty/`` is the catalog with planted faults, for examples
that show findings. ``任城区.xlsx`` is the county's list exported by ``catalog export xlsx``,
ready to import back; ``laws-corpus/`` is a one-law corpus for ``catalog laws import``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "items"
FAULTY = REPO / "tests" / "catalogs" / "faulty"
CHANGED_ITEM = Path("items/370811/000101001000.yaml")
OLD_PHONE = "0537-2216800"
NEW_PHONE = "0537-2216801"

_LAW = """# 政务服务示例条例

2001年1月1日 国务院公布

<!-- INFO END -->

## 第一章 总则

第一条 正文。

第二条 正文。
"""


def git_env() -> dict[str, str]:
    """The environment for git commits in tests: a fixed author, no user config."""
    return {
        **os.environ,
        "GIT_AUTHOR_NAME": "docs",
        "GIT_AUTHOR_EMAIL": "docs@example.gov.cn",
        "GIT_COMMITTER_NAME": "docs",
        "GIT_COMMITTER_EMAIL": "docs@example.gov.cn",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }


def _git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args], cwd=folder, env=git_env(), check=True, capture_output=True, text=True
    )


def build_workspace(folder: Path, catalog: Path) -> Path:
    """Fill ``folder`` with what the examples need; ``catalog`` is the installed command."""
    ignore = shutil.ignore_patterns(".catalog_cache", "catalog-baseline.json")
    shutil.copytree(SAMPLE, folder / "items", ignore=ignore)
    shutil.copytree(FAULTY, folder / "faulty", ignore=ignore)
    _git(folder, "init", "-q", "-b", "main")
    _git(folder, "add", "items")
    _git(folder, "commit", "-q", "-m", "v1")
    _git(folder, "tag", "v1")
    item = folder / CHANGED_ITEM
    item.write_text(
        item.read_text(encoding="utf-8").replace(OLD_PHONE, NEW_PHONE), encoding="utf-8"
    )
    _git(folder, "commit", "-q", "-am", "任城区:更新咨询电话")
    _git(folder, "tag", "v2")
    corpus = folder / "laws-corpus" / "行政法规"
    corpus.mkdir(parents=True)
    (corpus / "政务服务示例条例(2001-01-01).md").write_text(_LAW, encoding="utf-8")
    subprocess.run(
        [str(catalog), "export", "xlsx", "--region", "370811", "-o", "任城区.xlsx"],
        cwd=folder,
        check=True,
        capture_output=True,
    )
    return folder
