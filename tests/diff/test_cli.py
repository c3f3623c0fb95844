"""``catalog diff`` and ``catalog drift`` on the command line: exit codes and options."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Result
from tests.diff.gitrepo import commit, edit, git, sample_repo


def test_exit_code_reports_differences_only_when_asked(
    pair: tuple[Path, Path], run_cli: Callable[..., Result]
) -> None:
    old, new = str(pair[0]), str(pair[1])
    assert run_cli("diff", old, new).code == 0
    assert run_cli("diff", old, new, "--exit-code").code == 1
    same = run_cli("diff", old, old, "--exit-code")
    assert same.code == 0
    assert "没有差异。" in same.out


def test_ignored_fields_do_not_count(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    repo = sample_repo(tmp_path)
    edit(
        repo / "items" / "370811" / "000101001000.yaml",
        "phone: 0537-2216800",
        "phone: 0537-2216801",
    )
    commit(repo, "new phone number")
    assert run_cli("diff", "HEAD~1", "HEAD", "--exit-code", cwd=repo).code == 1
    quiet = run_cli(
        "diff", "HEAD~1", "HEAD", "--exit-code", "--ignore-field", "venue.phone", cwd=repo
    )
    assert quiet.code == 0, quiet.out
    # The file did change: in a field left out, not only in its comments or layout.
    assert "另有 1 个文件只改了注释、排版、忽略的字段(venue.phone)、列表顺序。" in quiet.out


def test_ignored_fields_can_be_configured(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    repo = sample_repo(tmp_path)
    config = repo / "items" / "catalog.toml"
    config.write_text(
        'diff-ignore = ["venue.phone"]\n' + config.read_text(encoding="utf-8"), encoding="utf-8"
    )
    commit(repo, "ignore phone numbers in diffs")
    edit(
        repo / "items" / "370811" / "000101001000.yaml",
        "phone: 0537-2216800",
        "phone: 0537-2216801",
    )
    commit(repo, "new phone number")
    quiet = run_cli("diff", "HEAD~1", "HEAD", "--exit-code", cwd=repo)
    assert quiet.code == 0, quiet.out
    edit(repo / "items" / "370811" / "000101001000.yaml", "legal_days: 20", "legal_days: 19")
    commit(repo, "shorter legal days")
    assert run_cli("diff", "HEAD~1", "HEAD", "--exit-code", cwd=repo).code == 1


def test_revisions_with_a_root_on_the_command_line(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    repo = sample_repo(tmp_path)
    (repo / "items" / "370826" / "000101004000.yaml").unlink()
    commit(repo, "remove an item")
    git(repo, "tag", "v2024", "HEAD~1")
    done = run_cli("diff", "v2024", "HEAD", "--root", "items", "-f", "json", cwd=repo)
    assert done.code == 0, done.err
    assert '"kind": "removed"' in done.out


def test_missing_old_side_is_a_usage_error(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    done = run_cli("diff", cwd=tmp_path)
    assert done.code == 2
    assert "OLD" in done.err


def test_an_unknown_revision_is_a_usage_error(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    repo = sample_repo(tmp_path)
    done = run_cli("diff", "nope", "HEAD", "--lang", "en", cwd=repo)
    assert done.code == 2
    assert "nope is neither a folder nor a git revision" in done.err
    assert "Traceback" not in done.err


def test_drift_command_and_upstream_option_agree(
    pair: tuple[Path, Path], run_cli: Callable[..., Result]
) -> None:
    new = str(pair[1])
    alias = run_cli("drift", "370811", new, "--exit-code")
    option = run_cli("diff", "--upstream", "370811", new, "--exit-code")
    assert alias.code == option.code == 1
    assert alias.out == option.out
    # 食品经营许可 has materials beyond the standard; 建筑工程施工许可 keeps the old legal days
    assert "370811 任城区 县级: 7 项,7 项有上级事项,完全一致 5 项(71.4%)" in alias.out


def test_help_shows_examples(run_cli: Callable[..., Result]) -> None:
    for command in ("diff", "drift", "merge"):
        done = run_cli(command, "--help")
        assert done.code == 0
        assert "Examples:" in done.out


def test_drift_knows_the_laws_of_the_configured_registry(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    # A county adds a municipal government rule that only the catalog's own registry,
    # named by the config's `laws` key, knows: an allowed local addition, as validate says.
    repo = sample_repo(tmp_path)
    items = repo / "items"
    (items / "regs").mkdir()
    (items / "regs" / "local-laws.yaml").write_text(
        "version: 1\nsource: 济宁市司法局\nlaws:\n"
        "  - {title: 济宁市食品摊点管理办法, level: 地方政府规章, articles: '1-20'}\n",
        encoding="utf-8",
    )
    config = items / "catalog.toml"
    config.write_text('laws = "regs/local-laws.yaml"\n' + config.read_text("utf-8"), "utf-8")
    edit(
        items / "370811" / "000101001000.yaml",
        "basis:\n  - 《中华人民共和国食品安全法》第三十五条第一款\n",
        "basis:\n  - 《中华人民共和国食品安全法》第三十五条第一款\n"
        "  - 《济宁市食品摊点管理办法》第五条\n",
    )
    result = run_cli("drift", "370811", "-f", "json", "--exit-code", cwd=repo)
    assert result.code == 0, result.out
    [item] = [i for i in json.loads(result.out)["items"] if i["code"] == "000101001000"]
    added = [
        d for d in item["deviations"] if d["path"] == "basis[《济宁市食品摊点管理办法》第五条]"
    ]
    assert [d["category"] for d in added] == ["allowed"]
    assert run_cli("validate", "--select", "L", cwd=repo).code == 0


def test_a_region_folder_missing_from_regions_yaml_is_said_to_be(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    """Its items are still compared (validate reports the folder as C004); the heading
    says why the region has no name instead of showing a bare code."""
    import shutil

    sample = Path(__file__).resolve().parents[2] / "items"
    old = shutil.copytree(sample, tmp_path / "old", ignore=shutil.ignore_patterns(".*"))
    new = shutil.copytree(sample, tmp_path / "new", ignore=shutil.ignore_patterns(".*"))
    (new / "370899").mkdir()
    text = (new / "370826" / "000101001000.yaml").read_text(encoding="utf-8")
    (new / "370899" / "000101001000.yaml").write_text(
        text.replace('region: "370826"', 'region: "370899"'), encoding="utf-8"
    )
    result = run_cli("diff", str(old), str(new))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[lines.index("370899 不在 regions.yaml 中") + 1].startswith("  新增 000101001000")
    markdown = run_cli("diff", str(old), str(new), "-f", "markdown", "--lang", "en")
    assert "<summary>370899 (not in regions.yaml) (1)</summary>" in markdown.out
