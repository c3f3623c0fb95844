"""The package version, read once from the installed metadata."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("catalog-tool")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0"
