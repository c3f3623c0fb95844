"""Checks of the machine: Python, the dependencies, the parsers, Chromium and git."""

from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import subprocess
import sys

from catalog_tool.doctor.model import Check, Status
from catalog_tool.text import Text

MIN_PYTHON = (3, 11)
DISTRIBUTION = "catalog-tool"
KEY_DEPENDENCIES = (
    "typer",
    "pydantic",
    "ruamel.yaml",
    "ruamel.yaml.clib",
    "rapidyaml",
    "rich",
    "openpyxl",
    "rapidfuzz",
    "python-docx",
    "segno",
)
"""Used when catalog-tool runs from a source tree without installed metadata."""
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
"""What ``catalog export guide --format pdf`` looks for (see ``publish/pdf.py``)."""
_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*([^;]*)(;.*)?$")
_BOUND = re.compile(r"(>=|<)\s*([0-9][0-9.]*)")


def python_version() -> Check:
    """Python 3.11 or later."""
    found = ".".join(str(n) for n in sys.version_info[:3])
    title = Text("Python 版本", "Python version")
    if sys.version_info[:2] >= MIN_PYTHON:
        return Check("python", title, Status.OK, Text(f"Python {found}", f"Python {found}"))
    return Check(
        "python",
        title,
        Status.ERROR,
        Text(f"Python {found} 太旧,需要 3.11 或更新", f"Python {found} is too old; 3.11+ needed"),
        Text("安装 Python 3.11 并重建虚拟环境。", "Install Python 3.11 and recreate the venv."),
        facts={"version": found},
    )


def dependencies() -> Check:
    """The installed versions of the runtime dependencies, against their required ranges."""
    title = Text("依赖包", "dependencies")
    missing: list[str] = []
    wrong: list[str] = []
    versions: dict[str, str | None] = {}
    for name, spec in _requirements():
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
            missing.append(name)
            continue
        versions[name] = installed
        if not _satisfies(installed, spec):
            wrong.append(f"{name} {installed} ({spec})")
    details = (", ".join(f"{n} {v or '-'}" for n, v in versions.items()),)
    facts: dict[str, object] = {"versions": versions}
    install = Text(
        "在 catalog-tool 的虚拟环境中重新安装:pip install --upgrade catalog-tool",
        "Reinstall in catalog-tool's virtual environment: pip install --upgrade catalog-tool",
    )
    if missing or wrong:
        problems = ", ".join([*missing, *wrong])
        return Check(
            "dependencies",
            title,
            Status.ERROR,
            Text(f"缺少或版本不符:{problems}", f"missing or wrong version: {problems}"),
            install,
            details,
            facts,
        )
    count = len(versions)
    return Check(
        "dependencies",
        title,
        Status.OK,
        Text(f"{count} 个依赖均已安装,版本符合要求", f"all {count} dependencies installed"),
        details=details,
        facts=facts,
    )


def _requirements() -> list[tuple[str, str]]:
    try:
        declared = importlib.metadata.requires(DISTRIBUTION) or []
    except importlib.metadata.PackageNotFoundError:
        return [(name, "") for name in KEY_DEPENDENCIES]
    found = []
    for line in declared:
        match = _REQUIREMENT.match(line)
        if match is None or (match.group(3) and "extra" in match.group(3)):
            continue
        found.append((match.group(1), match.group(2).strip()))
    return found


def _numbers(version: str) -> tuple[int, ...]:
    parts = []
    for piece in version.split("."):
        digits = re.match(r"\d+", piece)
        if digits is None:
            break
        parts.append(int(digits.group()))
    return tuple(parts)


def _satisfies(version: str, spec: str) -> bool:
    """Whether ``version`` meets the ``>=`` and ``<`` bounds of ``spec`` (other operators
    are not checked: the dependencies use only these)."""
    have = _numbers(version)
    for operator, bound in _BOUND.findall(spec):
        limit = _numbers(bound)
        if operator == ">=" and have < limit:
            return False
        if operator == "<" and have >= limit:
            return False
    return True


def yaml_parsers() -> Check:
    """rapidyaml (the fast reader) works, and ruamel runs on libyaml (the careful reader)."""
    title = Text("YAML 解析器", "YAML parsers")
    try:
        from catalog_tool.io.yaml_factory import ryml_json, uses_c_parser

        parsed = ryml_json(b"code: '000101001000'\n")
    except Exception as error:  # an import or a broken build: either way the tool cannot read
        return Check(
            "yaml",
            title,
            Status.ERROR,
            Text(
                f"快速解析器 rapidyaml 无法使用:{type(error).__name__}: {error}",
                f"the fast parser rapidyaml does not work: {type(error).__name__}: {error}",
            ),
            Text("pip install 'rapidyaml>=0.15,<0.16'", "pip install 'rapidyaml>=0.15,<0.16'"),
        )
    if b"000101001000" not in parsed:
        return Check(
            "yaml",
            title,
            Status.ERROR,
            Text("rapidyaml 解析结果不正确", "rapidyaml parses incorrectly"),
            Text("pip install 'rapidyaml>=0.15,<0.16'", "pip install 'rapidyaml>=0.15,<0.16'"),
        )
    if not uses_c_parser():
        return Check(
            "yaml",
            title,
            Status.WARNING,
            Text(
                "rapidyaml 可用;但 ruamel.yaml 没有 C 扩展,有问题的文件解析慢约 5 倍",
                "rapidyaml works, but ruamel.yaml runs without its C extension "
                "(about 5 times slower on files with findings)",
            ),
            Text("pip install ruamel.yaml.clib", "pip install ruamel.yaml.clib"),
        )
    return Check(
        "yaml",
        title,
        Status.OK,
        Text("rapidyaml 和 libyaml(ruamel.yaml.clib)可用", "rapidyaml and libyaml both work"),
    )


def chromium() -> Check:
    """Chromium for PDF guides: optional, so its absence is a warning."""
    title = Text("Chromium(PDF,可选)", "Chromium (PDF, optional)")
    install = Text(
        "需要 PDF 时安装:apt-get install chromium fonts-noto-cjk;"
        "或设置 CATALOG_CHROMIUM 指向 Chromium/Chrome。",
        "For PDFs: apt-get install chromium fonts-noto-cjk, "
        "or set CATALOG_CHROMIUM to a Chromium or Chrome binary.",
    )
    chosen = os.environ.get("CATALOG_CHROMIUM")
    candidates = (chosen,) if chosen else BROWSERS
    for name in candidates:
        found = shutil.which(name)
        if found is not None:
            return Check(
                "chromium",
                title,
                Status.OK,
                Text(f"找到 {found}", f"found {found}"),
                facts={"path": found},
            )
    if chosen:
        summary = Text(
            f"CATALOG_CHROMIUM 指向的 {chosen} 不存在或不可执行",
            f"CATALOG_CHROMIUM names {chosen}, which is not an executable",
        )
    else:
        summary = Text(
            f"PATH 中没有 {'、'.join(BROWSERS)};其他命令不受影响",
            f"none of {', '.join(BROWSERS)} is on PATH; other commands are unaffected",
        )
    return Check("chromium", title, Status.WARNING, summary, install)


def chinese_fonts() -> Check:
    """A Chinese font for PDFs (without one, Chromium prints empty boxes)."""
    title = Text("中文字体(PDF,可选)", "CJK fonts (PDF, optional)")
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return Check(
            "fonts",
            title,
            Status.OK,
            Text("没有 fontconfig,无法检查(由 Chromium 自行查找)", "no fontconfig to ask"),
        )
    try:
        found = subprocess.run(
            [fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return Check(
            "fonts",
            title,
            Status.WARNING,
            Text(f"fc-list 运行失败:{error}", f"fc-list failed: {error}"),
        )
    families = sorted({line.split(",")[0].strip() for line in found.stdout.splitlines() if line})
    if not families:
        return Check(
            "fonts",
            title,
            Status.WARNING,
            Text("没有中文字体,PDF 中的汉字将无法显示", "no Chinese font: PDFs would show boxes"),
            Text("apt-get install fonts-noto-cjk", "apt-get install fonts-noto-cjk"),
        )
    return Check(
        "fonts",
        title,
        Status.OK,
        Text(f"{len(families)} 种中文字体", f"{len(families)} Chinese font families"),
        details=tuple(families[:3]),
    )


def git() -> Check:
    """git, for ``--changed-since``, revision diffs and pre-commit."""
    title = Text("git", "git")
    found = shutil.which("git")
    hint = Text(
        "安装 git:--changed-since、按版本比较目录和 pre-commit 钩子都需要它。",
        "Install git: --changed-since, revision diffs and pre-commit need it.",
    )
    if found is None:
        return Check(
            "git", title, Status.WARNING, Text("PATH 中没有 git", "git is not on PATH"), hint
        )
    try:
        version = subprocess.run(
            [found, "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError) as error:
        return Check(
            "git", title, Status.WARNING, Text(f"git 无法运行:{error}", f"git fails: {error}"), hint
        )
    return Check("git", title, Status.OK, Text(version, version), facts={"version": version})
