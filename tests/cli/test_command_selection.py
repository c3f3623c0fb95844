"""A run builds only the command it names (Typer builds every command's parameters
before it runs one): the help, the errors and the exit codes are the full app's."""

from __future__ import annotations

import pytest

from catalog_tool.cli import app as app_module
from catalog_tool.cli.app import app, app_for, main


def _names(chosen: object) -> tuple[list[str | None], list[str | None]]:
    assert chosen is not app
    commands = [c.name for c in chosen.registered_commands]  # type: ignore[attr-defined]
    groups = [
        g.typer_instance.info.name
        for g in chosen.registered_groups  # type: ignore[attr-defined]
        if g.typer_instance is not None
    ]
    return commands, groups


def test_a_command_or_group_is_built_alone() -> None:
    assert _names(app_for(["validate", "items", "-f", "json"])) == (["validate"], [])
    assert _names(app_for(["--debug", "baseline", "write"])) == ([], ["baseline"])
    assert _names(app_for(["export", "xlsx", "-o", "x.xlsx"])) == ([], ["export"])


@pytest.mark.parametrize("args", [[], ["--help"], ["--version"], ["validat"]])
def test_help_typos_and_the_bare_command_get_the_full_app(args: list[str]) -> None:
    assert app_for(args) is app


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--help"],
        ["baseline", "--help"],
        ["validate", "--no-such-option"],
        ["validat"],
        ["--version"],
    ],
)
def test_output_and_exit_code_are_the_full_apps(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = main(args)
    alone_out = capsys.readouterr()
    monkeypatch.setattr(app_module, "app_for", lambda _args: app)
    full = main(args)
    full_out = capsys.readouterr()
    assert (alone, alone_out.out, alone_out.err) == (full, full_out.out, full_out.err)
    assert alone_out.out or alone_out.err
