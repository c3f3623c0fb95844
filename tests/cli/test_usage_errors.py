"""Usage errors in the user's language: what is wrong with the command line, and the
command's --help to turn to; exit code 2, never the framework's English box."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result

SAMPLE = str(Path(__file__).resolve().parents[2] / "items")
Run = Callable[..., Result]


@pytest.mark.parametrize(
    ("args", "problem", "command"),
    [
        (
            ["validate", SAMPLE, "--format", "xml"],
            "--format / -f 的值 'xml' 不可用,应为 'text', 'json', 'github', 'sarif', 'junit' 之一",
            "catalog validate",
        ),
        (
            ["validate", SAMPLE, "--fromat", "json"],
            "没有 --fromat 这个选项,是不是 --format?",
            "catalog validate",
        ),
        (["valdate", SAMPLE], "没有 valdate 这个命令,是不是 validate?", "catalog"),
        (["validate", SAMPLE, "-j", "0"], "--jobs / -j 的值应不小于 1", "catalog validate"),
        (["validate", SAMPLE, "-j", "两个"], "--jobs / -j 的值应为整数", "catalog validate"),
        (["import", "dept.xlsx"], "缺少选项 --region", "catalog import"),
        (["import"], "缺少参数 FILE", "catalog import"),
        (["explain", "M001", "M002"], "多余的参数:M002", "catalog explain"),
        (
            ["laws", "show", "食品安全法", "--registry", "nope.json"],
            "--registry 的路径 nope.json 不存在",
            "catalog laws show",
        ),
        (
            ["baseline", "write", SAMPLE, "-o", SAMPLE],
            f"--output / -o 的路径 {SAMPLE} 是文件夹,这里要的是文件",
            "catalog baseline write",
        ),
    ],
)
def test_a_usage_error_is_said_in_chinese_with_the_commands_help(
    run_cli: Run, args: list[str], problem: str, command: str
) -> None:
    result = run_cli(*args)
    assert result.code == 2
    assert result.err.splitlines() == [f"错误: {problem}", f"运行 {command} --help 查看用法。"]
    assert result.out == ""


def test_in_english_the_frameworks_own_words_are_kept(run_cli: Run) -> None:
    result = run_cli("import", "dept.xlsx", "--lang", "en")
    assert result.code == 2
    assert result.err.splitlines() == [
        "error: Missing option '--region'.",
        "Run 'catalog import --help' for usage.",
    ]


def test_no_command_still_shows_the_help(run_cli: Run) -> None:
    result = run_cli()
    assert result.code == 2
    assert "Usage: catalog [OPTIONS] COMMAND [ARGS]..." in result.out
    assert "validate" in result.out


def test_lang_written_with_an_equals_sign_counts_and_an_abort_is_no_internal_error(
    run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run_cli("validate", SAMPLE, "--lang=en", "--nosuch")
    assert result.code == 2
    assert result.err.startswith("error: No such option: --nosuch")
    assert run_cli("--debug").err.startswith("错误: 缺少命令,如 catalog validate\n")
    import typer

    from catalog_tool.cli import validate_cmd

    def aborted(*_args: object, **_kwargs: object) -> None:
        raise typer.Abort()

    monkeypatch.setattr(validate_cmd, "validate", aborted)
    stopped = run_cli("validate", SAMPLE)
    assert (stopped.code, stopped.err) == (1, "已中止。\n")
