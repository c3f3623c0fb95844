"""JSON, versioned; its schema is ``schemas/diff.schema.json``."""

from __future__ import annotations

import json
from typing import TextIO

from catalog_tool.diff.model import DiffResult, DriftResult
from catalog_tool.diff.output import diff_out, drift_out
from catalog_tool.render.options import RenderOptions


def render_diff(result: DiffResult, stream: TextIO, options: RenderOptions) -> None:
    """Write ``result`` as JSON (``mode: diff``)."""
    data = diff_out(result, options.lang).model_dump(mode="json")
    stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def render_drift(result: DriftResult, stream: TextIO, options: RenderOptions) -> None:
    """Write a drift report as JSON (``mode: upstream``)."""
    data = drift_out(result, options.lang).model_dump(mode="json")
    stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
