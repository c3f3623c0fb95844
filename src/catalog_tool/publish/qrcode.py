"""QR codes for the online-handling address, made locally with segno as SVG files.

One file per distinct address, named by a hash of it, so that items sharing an address
share one file and a rebuild can keep a file it already made: the name fixes the content.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from catalog_tool.publish.output import write_if_changed

QR_FOLDER = "qr"
_VERSION = "1"
"""Part of the file name: bump it when the drawing settings below change."""


def qr_path(url: str) -> str:
    """The site path of the QR code of ``url``."""
    digest = hashlib.blake2b(f"{_VERSION}\n{url}".encode(), digest_size=10).hexdigest()
    return f"{QR_FOLDER}/{digest}.svg"


def qr_svg(url: str) -> bytes:
    """The QR code of ``url`` as a standalone SVG (error correction M, quiet zone 4)."""
    import segno  # here: importing catalog_tool.publish does not load it

    code = segno.make_qr(url, error="m")
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        xmldecl=False,
        border=4,
        dark="#000",
        light="#fff",
        svgclass=None,
        lineclass=None,
        omitsize=True,  # a viewBox instead of a size: the page's CSS sets the size
        title=url,
    )
    return out.getvalue()


def ensure_qr(folder: Path, url: str) -> tuple[str, bool]:
    """Write the QR code of ``url`` under ``folder`` unless the file is there already (its
    name fixes its content). Returns its site path, and whether a file was written."""
    rel = qr_path(url)
    target = folder / rel
    if target.is_file():
        return rel, False
    return rel, write_if_changed(target, qr_svg(url))
