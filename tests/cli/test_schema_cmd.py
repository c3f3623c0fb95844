"""catalog schema: in the user's language, and usable in a repository made by init."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from tests.conftest import REPO, Result

Run = Callable[..., Result]


def test_a_repository_holding_some_schemas_is_checked_on_those(
    run_cli: Run, tmp_path: Path
) -> None:
    """catalog init writes the three schemas a catalog's files use; --check looks at the
    schemas the folder holds, and a stale one names the command with its --dir."""
    folder = tmp_path / "my catalog" / "schemas"
    folder.mkdir(parents=True)
    for name in ("item.schema.json", "regions.schema.json", "laws.schema.json"):
        shutil.copy(REPO / "schemas" / name, folder / name)
    fresh = run_cli("schema", "--check", "--dir", str(folder))
    assert fresh.code == 0, fresh.err
    (folder / "item.schema.json").write_text("{}\n", encoding="utf-8")
    stale = run_cli("schema", "--check", "--dir", str(folder))
    assert stale.code == 1
    assert stale.err.splitlines() == [
        f"{folder / 'item.schema.json'} 与当前版本的模型不一致;"
        f"运行 catalog schema --write --dir '{folder}'"
    ]
    written = run_cli("schema", "--write", "--dir", str(folder), "--lang", "en")
    assert written.code == 0
    assert f"wrote {folder / 'item.schema.json'}" in written.out
    assert run_cli("schema", "--check", "--dir", str(folder)).code == 0


def test_wrong_uses_are_refused_in_chinese(run_cli: Run, tmp_path: Path) -> None:
    both = run_cli("schema", "--write", "--check", "--dir", str(tmp_path))
    assert both.code == 2
    assert both.err.startswith("错误: --write 和 --check 只能选一个\n")
    unknown = run_cli("schema", "--print", "nope.json")
    assert unknown.code == 2
    assert unknown.err.startswith("错误: 没有 nope.json 这个 schema\n可选:item.schema.json, ")
    empty = run_cli("schema", "--check", "--dir", str(tmp_path))
    assert empty.code == 2
    assert empty.err.startswith(f"错误: {tmp_path} 中没有 schema 文件\n")
    assert list(tmp_path.iterdir()) == []
