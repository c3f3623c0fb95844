"""Which ``--output`` belongs to which ``--format``: the one written after it.

``catalog validate -f sarif -o r.sarif -f github`` sends SARIF to the file and the
annotations to stdout. Pairing by count instead (the first ``-o`` with the first ``-f``)
sent ``-f github -f json -o report.json`` the annotations in a file named ``.json``: a CI
artifact in the wrong format, silently. typer hands the two options over as separate
lists, so the order they were written in is read from the command line itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from catalog_tool.errors import CatalogError
from catalog_tool.text import Text

_FORMAT = ("-f", "--format")
_OUTPUT = ("-o", "--output")

command_line: list[str] = []
"""The arguments of the command being run (set by :func:`catalog_tool.cli.app.main`)."""


def pair(formats: Sequence[str], outputs: Sequence[str]) -> list[str]:
    """The target of each of ``formats`` (a path, or ``-`` for stdout), in their order.

    Each ``-o`` goes with the nearest ``-f`` written before it; an ``-o`` written before
    every ``-f`` goes with the first. A format given no ``-o`` goes to stdout, and only
    one may.
    """
    order = _written_order(formats, outputs)
    targets: list[str | None] = [None] * len(formats)
    for at_format, output in order:
        if targets[at_format] is not None:
            raise CatalogError(
                Text(
                    f"--format {formats[at_format]} 后面有两个 -o",
                    f"two -o after --format {formats[at_format]}",
                ),
                Text(
                    "每个 -o 写在它所属的 -f 后面,例如 -f sarif -o r.sarif -f json -o r.json。",
                    "Write each -o after its -f, e.g. -f sarif -o r.sarif -f json -o r.json.",
                ),
            )
        targets[at_format] = output
    chosen = [t if t is not None else "-" for t in targets]
    if chosen.count("-") > 1:
        raise CatalogError(
            Text("只有一种格式可以输出到标准输出", "only one format can go to stdout"),
            Text(
                "在其余每个 -f 后面加上 -o 文件。",
                "Write an -o FILE after each of the other formats.",
            ),
        )
    return chosen


def _written_order(formats: Sequence[str], outputs: Sequence[str]) -> list[tuple[int, str]]:
    """Each output with the index of the format written before it."""
    if not formats:
        if outputs:
            raise CatalogError(
                Text("-o 前面没有 --format", "an -o without a --format"),
                Text("在 -o 前写上格式,例如 -f json -o r.json。", "Write e.g. -f json -o r.json."),
            )
        return []
    sequence = _scan(command_line)
    found_formats = [value for kind, value in sequence if kind == "format"]
    # The values as the command received them: typer hands paths over normalised.
    found_outputs = [str(Path(value)) for kind, value in sequence if kind == "output"]
    if found_formats != list(formats) or found_outputs != [str(Path(o)) for o in outputs]:
        # Not this command's line (called as a library): positions are all there is.
        if len(outputs) > len(formats):
            raise _more_outputs()
        return list(enumerate(outputs))
    order: list[tuple[int, str]] = []
    current = -1
    given = iter(outputs)
    for kind, _ in sequence:
        if kind == "format":
            current += 1
        else:
            order.append((max(current, 0), next(given)))
    return order


def _scan(args: Sequence[str]) -> list[tuple[str, str]]:
    """The ``--format`` and ``--output`` values of ``args``, in the order written."""
    found: list[tuple[str, str]] = []
    waiting: str | None = None
    for arg in args:
        if waiting is not None:
            found.append((waiting, arg))
            waiting = None
        elif arg == "--":
            break
        elif arg in _FORMAT or arg in _OUTPUT:
            waiting = "format" if arg in _FORMAT else "output"
        elif arg.startswith(("--format=", "--output=")):
            name, _, value = arg.partition("=")
            found.append(("format" if name == "--format" else "output", value))
        elif arg.startswith(("-f", "-o")) and not arg.startswith("--"):
            found.append(("format" if arg[1] == "f" else "output", arg[2:]))
    return found


def _more_outputs() -> CatalogError:
    return CatalogError(
        Text("-o 比 --format 多", "more --output than --format options"),
        Text("每个 -o 写在它所属的 -f 后面。", "Write each -o after its -f."),
    )
