"""Standard output and error that a reader may close early (``catalog validate | head``).

When the reader of a pipe stops reading, the next write fails with a broken pipe. Left
alone, the CLI framework turns that into exit code 1, which says "findings" in this
tool's contract (see ``architecture.md``) whatever the command found. Behind
:func:`closed_pipe_safe`, output to a closed pipe is dropped instead, and the command
ends with its own exit code: the reader chose to see less, and a CI step with
``set -o pipefail`` still fails only on findings or unusable input.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO, cast


class _PipeSafe:
    """A text stream that drops what is written once its pipe is closed."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._closed_pipe = False

    def write(self, text: str) -> int:
        if not self._closed_pipe:
            try:
                return self._stream.write(text)
            except BrokenPipeError:
                self._drop()
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if not self._closed_pipe:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._drop()

    def _drop(self) -> None:
        """From now on write nowhere. The unwritten rest of the stream's buffer is
        discarded too: it would fail again when the process ends and flushes it."""
        self._closed_pipe = True
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


@contextlib.contextmanager
def closed_pipe_safe() -> Iterator[None]:
    """Make ``sys.stdout`` and ``sys.stderr`` safe to write to a closed pipe while the
    block runs (``catalog fmt 2>&1 | head`` closes both)."""
    stdout, stderr = sys.stdout, sys.stderr
    if stdout is not None and not isinstance(stdout, _PipeSafe):
        sys.stdout = cast(TextIO, _PipeSafe(stdout))
    if stderr is not None and not isinstance(stderr, _PipeSafe):
        sys.stderr = cast(TextIO, _PipeSafe(stderr))
    try:
        yield
    finally:
        sys.stdout, sys.stderr = stdout, stderr
