"""``catalog init``: the scaffold validates clean, keeps what exists, and parses."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from catalog_tool.catalog.read import parse_item
from catalog_tool.catalog.regions_file import load_regions
from catalog_tool.config import load_config
from catalog_tool.errors import CatalogError
from catalog_tool.scaffold import ToolSource, init_catalog
from catalog_tool.scaffold.plan import TOOL_REPO, TOOL_REV
from tests.conftest import REPO, Result

RunCli = Callable[..., Result]

SCAFFOLD = {
    ".gitignore",
    ".pre-commit-config.yaml",
    ".github/workflows/catalog.yml",
    "schemas/item.schema.json",
    "schemas/regions.schema.json",
    "schemas/laws.schema.json",
    "items/regions.yaml",
    "items/catalog.toml",
    "items/000000/002001001000.yaml",
}


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("options", "implementation"),
    [
        ((), "items/370811/002001001000.yaml"),
        (("--region", "370811", "--name", "任城区"), "items/370811/002001001000.yaml"),
        (("--region", "110000", "--name", "北京市"), "items/110000/002001001000.yaml"),
        (("--region", "441900003", "--name", "东城街道"), "items/441900003/002001001000.yaml"),
        (("--region", "000000", "--name", "全国"), None),
    ],
)
def test_a_fresh_scaffold_validates_and_formats_clean(
    run_cli: RunCli, tmp_path: Path, options: tuple[str, ...], implementation: str | None
) -> None:
    made = run_cli("init", "repo", *options, cwd=tmp_path)
    assert made.code == 0, made.err
    repo = tmp_path / "repo"
    expected = SCAFFOLD | ({implementation} if implementation else set())
    assert files_under(repo) == expected
    checked = run_cli("validate", "--fail-level", "info", "--no-cache", cwd=repo)
    assert checked.code == 0, checked.out
    items = 2 if implementation else 1
    assert f"检查了 {items + 1} 个文件、{items} 个事项:没有发现问题" in checked.out
    formatted = run_cli("fmt", "--check", cwd=repo)
    assert formatted.code == 0, formatted.out


def test_init_reports_each_file_it_created(run_cli: RunCli, tmp_path: Path) -> None:
    made = run_cli("init", "repo", "--lang", "en", cwd=tmp_path)
    assert made.code == 0
    for path in SCAFFOLD:
        assert f"  + {path}  (created)" in made.out
    assert "The 山东省—济宁市—任城区 chain in items/regions.yaml is an example" in made.out


def test_the_next_steps_can_be_pasted_into_a_shell(run_cli: RunCli, tmp_path: Path) -> None:
    made = run_cli("init", "任城区 目录", cwd=tmp_path)
    assert made.code == 0
    assert "  cd '任城区 目录' && git init" in made.out


def test_existing_files_are_kept_and_reported(run_cli: RunCli, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".gitignore").write_text("node_modules/\n", encoding="utf-8")
    (repo / "README.md").write_text("# 我们的目录\n", encoding="utf-8")
    made = run_cli("init", cwd=repo)
    assert made.code == 0
    assert "  = .gitignore  (已存在,未改动)" in made.out
    assert "1 个文件已存在,未改动;加 --force 可用模板覆盖。" in made.err
    assert (repo / ".gitignore").read_text(encoding="utf-8") == "node_modules/\n"
    assert (repo / "README.md").read_text(encoding="utf-8") == "# 我们的目录\n"
    assert files_under(repo) == SCAFFOLD | {"items/370811/002001001000.yaml", "README.md"}


def test_a_folder_holding_a_catalog_is_refused_without_force(
    run_cli: RunCli, tmp_path: Path
) -> None:
    assert run_cli("init", "repo", cwd=tmp_path).code == 0
    regions = tmp_path / "repo" / "items" / "regions.yaml"
    regions.write_text('- {code: "000000", name: 全国}\n', encoding="utf-8")
    again = run_cli("init", "repo", "--lang", "en", cwd=tmp_path)
    assert again.code == 2
    assert again.err == (
        "error: repo already holds a catalog (repo/items); nothing was changed\n"
        "Use an empty folder, or add --force to overwrite existing files with the templates.\n"
    )
    assert regions.read_text(encoding="utf-8") == '- {code: "000000", name: 全国}\n'


def test_force_overwrites_and_says_so(run_cli: RunCli, tmp_path: Path) -> None:
    assert run_cli("init", "repo", cwd=tmp_path).code == 0
    regions = tmp_path / "repo" / "items" / "regions.yaml"
    original = regions.read_text(encoding="utf-8")
    regions.write_text('- {code: "000000", name: 全国}\n', encoding="utf-8")
    forced = run_cli("init", "repo", "--force", cwd=tmp_path)
    assert forced.code == 0
    assert "  ! items/regions.yaml  (已覆盖)" in forced.out
    assert regions.read_text(encoding="utf-8") == original


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--region", "370811"), "错误: --region 和 --name 须同时给出\n"),
        (("--name", "任城区"), "错误: --region 和 --name 须同时给出\n"),
        (
            ("--region", "37081", "--name", "任城区"),
            "错误: 区划代码“37081”无效:须为 6、9 或 12 位数字\n",
        ),
        (("--region", "370811", "--name", " "), "错误: 区划名称“”无效:须为 1 至 50 个字\n"),
    ],
)
def test_bad_region_options_are_unusable_input(
    run_cli: RunCli, tmp_path: Path, options: tuple[str, ...], message: str
) -> None:
    result = run_cli("init", "repo", *options, cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith(message)
    assert "Traceback" not in result.err
    assert not (tmp_path / "repo").exists()


def test_a_file_in_the_way_is_a_clean_error(run_cli: RunCli, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "items").write_text("not a folder\n", encoding="utf-8")
    result = run_cli("init", cwd=repo, env={"CATALOG_LANG": "en"})
    assert result.code == 2
    assert result.err.startswith("error: cannot write items/regions.yaml")
    assert "Traceback" not in result.err


def test_a_link_out_of_the_repository_is_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".github").symlink_to(outside, target_is_directory=True)
    with pytest.raises(CatalogError) as caught:
        init_catalog(repo)
    assert "leads outside" in caught.value.text.en
    assert list(outside.iterdir()) == []
    assert sorted(p.name for p in repo.iterdir()) == [".github"]


def test_the_generated_files_load_with_the_projects_readers(tmp_path: Path) -> None:
    init_catalog(tmp_path, region=("370826", "微山县"))
    items = tmp_path / "items"
    tree, findings, _ = load_regions(items)
    assert findings == []
    assert [(r.code, r.name, r.parent) for r in tree] == [
        ("000000", "全国", None),
        ("370826", "微山县", "000000"),
    ]
    for folder in ("000000", "370826"):
        parsed = parse_item((items / folder / "002001001000.yaml").read_bytes(), folder)
        assert parsed.item is not None and parsed.findings == ()
        assert parsed.item.region == folder
    implementation = parse_item((items / "370826/002001001000.yaml").read_bytes(), "370826")
    assert implementation.item is not None and implementation.item.agency is not None
    assert implementation.item.agency.name == "微山县公共就业和人才服务中心"
    assert implementation.item.impl_code == implementation.item.agency.credit_code + "4002001001000"
    assert load_config(items / "catalog.toml").path == items / "catalog.toml"
    for name in ("item", "regions", "laws"):
        schema = json.loads((tmp_path / f"schemas/{name}.schema.json").read_text("utf-8"))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert ".catalog_cache/" in (tmp_path / ".gitignore").read_text("utf-8").splitlines()


def test_the_workflow_validates_with_annotations_and_uploads_sarif(tmp_path: Path) -> None:
    init_catalog(tmp_path)
    workflow = YAML(typ="safe").load(
        (tmp_path / ".github/workflows/catalog.yml").read_text("utf-8")
    )
    assert workflow["name"] == "catalog"
    assert set(workflow["on"]) == {"push", "pull_request", "workflow_dispatch"}
    assert set(workflow["jobs"]) == {"validate", "fmt"}
    validate = workflow["jobs"]["validate"]
    assert validate["permissions"] == {"contents": "read", "security-events": "write"}
    runs = [s.get("run", "") for s in validate["steps"]]
    install = f'python -m pip install "catalog-tool @ git+{TOOL_REPO}@{TOOL_REV}"'
    assert install in runs
    assert "catalog validate --format sarif --output catalog.sarif --format github" in runs
    upload = [s for s in validate["steps"] if "upload-sarif" in s.get("uses", "")]
    assert len(upload) == 1
    assert upload[0]["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload[0]["if"].startswith("always()")
    assert upload[0]["with"]["sarif_file"] == "catalog.sarif"
    # The upload comes after the validate step that writes the file.
    assert validate["steps"].index(upload[0]) > runs.index(
        "catalog validate --format sarif --output catalog.sarif --format github"
    )
    fmt_runs = [s.get("run", "") for s in workflow["jobs"]["fmt"]["steps"]]
    assert fmt_runs[-1] == "catalog fmt --check"
    assert install in fmt_runs


def test_the_workflow_reuses_the_cache_only_with_the_signing_secret(tmp_path: Path) -> None:
    """Both jobs restore ``items/.catalog_cache`` before they run, and the signing key
    comes from a repository secret: without it the restored files are never loaded."""
    init_catalog(tmp_path)
    workflow = YAML(typ="safe").load(
        (tmp_path / ".github/workflows/catalog.yml").read_text("utf-8")
    )
    assert workflow["env"]["CATALOG_CACHE_SECRET"] == "${{ secrets.CATALOG_CACHE_SECRET }}"
    for name, command in (("validate", "catalog validate"), ("fmt", "catalog fmt")):
        steps = workflow["jobs"][name]["steps"]
        (restore,) = [s for s in steps if s.get("uses", "").startswith("actions/cache@")]
        assert restore["with"]["path"] == "items/.catalog_cache"
        assert restore["with"]["key"] == f"catalog-{name}-${{{{ github.sha }}}}"
        assert restore["with"]["restore-keys"] == f"catalog-{name}-"
        first_run = next(s for s in steps if s.get("run", "").startswith(command))
        assert steps.index(restore) < steps.index(first_run)


def test_the_validate_options_of_the_workflow_exist(run_cli: RunCli, tmp_path: Path) -> None:
    init_catalog(tmp_path)
    result = run_cli(
        "validate",
        "--format",
        "sarif",
        "--output",
        "catalog.sarif",
        "--format",
        "github",
        cwd=tmp_path,
    )
    assert result.code == 0, result.err
    assert json.loads((tmp_path / "catalog.sarif").read_text("utf-8"))["version"] == "2.1.0"


def test_the_pre_commit_config_uses_this_projects_hooks(tmp_path: Path) -> None:
    source = ToolSource("https://git.example.gov.cn/mirror/catalog-tool", "v9.9.9")
    init_catalog(tmp_path, source=source)
    config = YAML(typ="safe").load((tmp_path / ".pre-commit-config.yaml").read_text("utf-8"))
    assert config == {
        "repos": [
            {
                "repo": "https://git.example.gov.cn/mirror/catalog-tool",
                "rev": "v9.9.9",
                "hooks": [{"id": "catalog-fmt"}, {"id": "catalog-validate"}],
            }
        ]
    }
    offered = YAML(typ="safe").load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert {h["id"] for h in offered} == {"catalog-fmt", "catalog-validate"}


def test_a_local_tool_repository_becomes_a_file_url_for_pip(tmp_path: Path) -> None:
    assert ToolSource(str(tmp_path), "abc123").pip_spec == (
        f"catalog-tool @ git+{tmp_path.resolve().as_uri()}@abc123"
    )


@pytest.mark.parametrize("command", ["init", "doctor"])
def test_help_shows_examples(run_cli: RunCli, command: str) -> None:
    result = run_cli(command, "--help")
    assert result.code == 0
    assert "Examples:" in result.out
    assert f"catalog {command}" in result.out
