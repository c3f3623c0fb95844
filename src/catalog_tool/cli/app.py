"""The ``catalog`` command: registers the commands and turns errors into exit codes.

Exit codes: 0 success, 1 findings (or differences with --exit-code/--check), 2 usage,
config, I/O or internal error. A traceback is shown only with ``--debug``.
"""

from __future__ import annotations

import inspect
import os
import sys
import traceback
from collections.abc import Sequence

import typer

from catalog_tool._version import __version__
from catalog_tool.cli import (
    baseline_cmd,
    diff_cmd,
    doctor_cmd,
    ending,
    export_cmd,
    fmt_cmd,
    import_cmd,
    init_cmd,
    laws_cmd,
    merge_cmd,
    outputs,
    rules_cmd,
    schema_cmd,
    stats_cmd,
    validate_cmd,
)
from catalog_tool.cli.pipes import closed_pipe_safe
from catalog_tool.cli.usage import is_usage_error, shows_help, usage_message
from catalog_tool.errors import CatalogError, from_os_error
from catalog_tool.text import Lang

_EPILOG = """
Examples:

    catalog init rencheng --region 370811 --name 任城区   # a new catalog repository
    catalog validate                                      # check items/
    catalog explain M001                                  # what a rule checks, and why
    catalog --version

Docs: docs/commands/<command>.md and docs/rules/<CODE>.md; 中文指南: docs/guide-zh.md
"""


def _catalog_app() -> typer.Typer:
    """An empty ``catalog`` app: the commands are registered on it below."""
    return typer.Typer(
        name="catalog",
        help="政务服务事项目录工具 — validate, diff, merge, import and publish service-item catalogs.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=False,
        rich_markup_mode="rich",
        epilog=_EPILOG,
    )


app = _catalog_app()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"catalog-tool {__version__}")
        raise typer.Exit


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks of internal errors."),
) -> None:
    """政务服务事项目录工具: checks, diffs, merges, imports and publishes catalogs."""


for command in (
    validate_cmd,
    rules_cmd,
    diff_cmd,
    merge_cmd,
    import_cmd,
    export_cmd,
    stats_cmd,
    fmt_cmd,
    laws_cmd,
    schema_cmd,
    baseline_cmd,
    init_cmd,
    doctor_cmd,
):
    command.register(app)


def _reflow(text: str) -> str:
    """Join the hard-wrapped lines of each prose paragraph, so help text wraps at the
    terminal's width instead of at the docstring's; lists and indented blocks stay."""
    paragraphs = []
    for paragraph in text.split("\n\n"):
        lines = paragraph.splitlines()
        prose = all(line and not line[0].isspace() and line[0] not in "-*" for line in lines)
        paragraphs.append(" ".join(lines) if prose else paragraph)
    return "\n\n".join(paragraphs)


def _reflow_help(typer_app: typer.Typer) -> None:
    for info in typer_app.registered_commands:
        text = info.help if info.help is not None else inspect.getdoc(info.callback)
        if text:
            info.help = _reflow(text)
    for group in typer_app.registered_groups:
        if group.typer_instance is not None:
            _reflow_help(group.typer_instance)


_reflow_help(app)


def app_for(args: Sequence[str]) -> typer.Typer:
    """The app to run ``args`` with: one holding only the command or group they name.

    Typer turns every command's signature into parameters before it runs one, 20-30 ms of
    each start; a run needs only its own command's. Help for ``catalog`` itself, a name
    that is no command (the full app suggests one) and no name at all get the full app.
    The root options are flags, so the command is the first argument not starting with -.
    """
    name = next((arg for arg in args if not arg.startswith("-")), None)
    if name is None:
        return app
    commands = [c for c in app.registered_commands if c.name == name]
    groups = [
        g
        for g in app.registered_groups
        if g.typer_instance is not None and g.typer_instance.info.name == name
    ]
    if len(commands) + len(groups) != 1:
        return app
    only = _catalog_app()
    only.registered_callback = app.registered_callback
    only.registered_commands = commands
    only.registered_groups = groups
    return only


def _lang(argv: Sequence[str]) -> Lang:
    for given in ("--lang=zh", "--lang=en"):
        if given in argv:
            return Lang(given.split("=", 1)[1])
    if "--lang" in argv:
        i = list(argv).index("--lang")
        if i + 1 < len(argv) and argv[i + 1] in ("zh", "en"):
            return Lang(argv[i + 1])
    return (
        Lang(os.environ.get("CATALOG_LANG", "zh"))
        if os.environ.get("CATALOG_LANG") in ("zh", "en")
        else Lang.ZH
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (the console script exits with it)."""
    args = list(sys.argv[1:] if argv is None else argv)
    outputs.command_line[:] = args
    debug = "--debug" in args
    try:
        # Not standalone: usage errors come here, to be said in the user's language, and
        # the exit code a command ends with (typer.Exit) is returned.
        with closed_pipe_safe():
            code = app_for(args)(args=args, prog_name="catalog", standalone_mode=False)
        return code if isinstance(code, int) else 0
    except SystemExit as done:
        code = done.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    except (CatalogError, OSError) as error:
        # An OSError is a file the command could not read or write: the user's to fix too.
        if debug and not isinstance(error, CatalogError):
            traceback.print_exc()
        problem = error if isinstance(error, CatalogError) else from_os_error(error)
        prefix = "错误" if _lang(args) is Lang.ZH else "error"
        sys.stderr.write(f"{prefix}: {problem.render(_lang(args))}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        return 130
    except Exception as error:  # the last line of defence: no traceback without --debug
        if type(error).__name__ == "Abort":  # typer's, re-raised out of standalone mode
            sys.stderr.write("已中止。\n" if _lang(args) is Lang.ZH else "Aborted.\n")
            return 1
        if shows_help(error):
            error.show()  # type: ignore[attr-defined]
            return int(getattr(error, "exit_code", 2))
        if is_usage_error(error):
            sys.stderr.write(usage_message(error, _lang(args)))
            return 2
        if debug:
            traceback.print_exc()
        else:
            zh = _lang(args) is Lang.ZH
            sys.stderr.write(
                ("内部错误:" if zh else "internal error: ")
                + f"{type(error).__name__}: {error}\n"
                + (
                    "加 --debug 查看详细信息,并请报告此问题。\n"
                    if zh
                    else "Run with --debug for details, and please report it.\n"
                )
            )
        return 2
    return 0


def run() -> None:
    """Console-script entry point; the process ends without the interpreter's teardown
    (see :mod:`catalog_tool.cli.ending`)."""
    ending.prepare()
    ending.end(main())
