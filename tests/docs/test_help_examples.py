"""Every command's ``--help`` shows an example, every command has a docs page, and --version works."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
import typer

from catalog_tool._version import __version__
from catalog_tool.cli.app import app
from tests.conftest import Result
from tests.docs.examples import COMMANDS

_HEADING = re.compile(r"^\s*Examples?:\s*$")


def _subcommands(command: object) -> dict[str, object]:
    """The commands of a group; empty for a command (typer's click types vary by version)."""
    found = getattr(command, "commands", None)
    return dict(found) if isinstance(found, dict) else {}


def _walk(command: object, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """The path of ``command`` and of every command below it, groups included."""
    yield path
    for name, sub in sorted(_subcommands(command).items()):
        yield from _walk(sub, (*path, name))


COMMAND_PATHS = list(_walk(typer.main.get_command(app)))


def _is_group(path: tuple[str, ...]) -> bool:
    command: object = typer.main.get_command(app)
    for name in path:
        command = _subcommands(command)[name]
    return bool(_subcommands(command))


def _examples(help_text: str) -> list[str]:
    """The lines starting with ``catalog `` below the first Example(s) heading."""
    lines = help_text.splitlines()
    start = next((i for i, line in enumerate(lines) if _HEADING.match(line)), None)
    if start is None:
        return []
    return [line.strip() for line in lines[start + 1 :] if line.strip().startswith("catalog ")]


def test_the_walk_finds_every_command() -> None:
    names = {" ".join(path) for path in COMMAND_PATHS}
    assert {"validate", "export xlsx", "laws show", "baseline prune", "doctor"} <= names


@pytest.mark.parametrize(
    "path", COMMAND_PATHS, ids=[" ".join(p) or "catalog" for p in COMMAND_PATHS]
)
def test_help_has_an_example(path: tuple[str, ...], run_cli: Callable[..., Result]) -> None:
    result = run_cli(*path, "--help", env={"COLUMNS": "200"})
    assert result.code == 0, result.err
    assert _examples(result.out), f"catalog {' '.join(path)} --help shows no example"
    command = " ".join(("catalog", *path))
    assert any(line.startswith(command) for line in _examples(result.out)), (
        f"no example of {command} under the Examples heading"
    )


def _page(path: tuple[str, ...]) -> str:
    return "-".join(path) + ".md"


def test_every_command_has_a_page_and_every_page_a_command() -> None:
    commands = {_page(p) for p in COMMAND_PATHS if p and not _is_group(p)}
    pages = {page.name for page in COMMANDS.glob("*.md")}
    assert sorted(commands - pages) == [], "commands without a page in docs/commands/"
    assert sorted(pages - commands) == [], "pages in docs/commands/ without a command"


def test_version(run_cli: Callable[..., Result]) -> None:
    result = run_cli("--version")
    assert (result.code, result.out) == (0, f"catalog-tool {__version__}\n")
