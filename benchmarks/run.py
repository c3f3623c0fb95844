"""Time catalog-tool at province scale and write ``benchmarks/RESULTS.md``.

Each case runs the real ``catalog`` command as a subprocess several times; the table
shows the median wall time and the peak memory of the whole process tree (workers
included). Memory is sampled in one more run of its own: reading a process's PSS walks
its page tables, and sampling it every 20 ms slowed the timed runs by up to half. Catalogs come from ``benchmarks/generate.py`` and are committed to a git
repository of their own, so that ``--changed-since`` runs against real git history.

    python benchmarks/run.py                    # 1k, 10k and 55k items
    python benchmarks/run.py --sizes 1000 --repeat 3
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = HERE / "data"
BIN = Path(sys.executable).parent
CATALOG = str(BIN / "catalog")


@dataclass
class Measure:
    """Wall times and peak memory of one case."""

    name: str
    size: int
    times: list[float] = field(default_factory=list)
    peak_mb: float | None = None
    """From a run of its own (None: not measured)."""
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def spread(self) -> str:
        """The fastest and slowest run: a shared machine's speed drifts between runs."""
        if len(self.times) < 2:
            return "—"
        return f"{min(self.times):.2f}–{max(self.times):.2f}"


def _memory(process: psutil.Process) -> int:
    """A process's proportional set size where the OS reports it (Linux), else its RSS.

    Forked workers share the parent's pages copy-on-write; summing RSS counts those pages
    once per process (an import of 55k rows showed 2.8 GB of RSS for 1.2 GB of PSS).
    """
    info = process.memory_full_info()
    return int(getattr(info, "pss", info.rss))


def run_timed(command: Sequence[str], cwd: Path | None = None) -> tuple[float, int]:
    """Wall time and exit code of ``command``, with nothing else running beside it."""
    start = time.perf_counter()
    code = subprocess.run(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    ).returncode
    return time.perf_counter() - start, code


def run_sampled(command: Sequence[str], cwd: Path | None = None) -> tuple[float, int]:
    """Peak memory of the process tree of ``command`` in MB (see :func:`_memory`), exit code.

    Not timed: the sampler's reads of /proc slow the command down.
    """
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        try:
            parent = psutil.Process(process.pid)
        except psutil.Error:
            return
        while not done.is_set():
            try:
                tree = [parent, *parent.children(recursive=True)]
                peak = max(peak, sum(_memory(p) for p in tree))
            except psutil.Error:
                pass
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = process.wait()
    done.set()
    sampler.join()
    return peak / 2**20, code


def repeat(
    name: str,
    size: int,
    times: int,
    action: Callable[[], Sequence[str]],
    cwd: Path | None = None,
    before: Callable[[], object] | None = None,
    ok: tuple[int, ...] = (0, 1),
) -> Measure:
    """Run ``action``'s command ``times`` times (a fresh command each time).

    ``before`` runs untimed ahead of every run (e.g. to remove the previous output);
    an exit code outside ``ok`` stops the benchmark.
    """
    measure = Measure(name, size)
    for _ in range(times):
        if before is not None:
            before()
        elapsed, code = run_timed(action(), cwd=cwd)
        if code not in ok:
            shown = " ".join(action())
            shown = shown if len(shown) < 300 else shown[:300] + " …"
            raise SystemExit(f"{name} failed with exit code {code}: {shown}")
        measure.times.append(elapsed)
    if before is not None:
        before()
    measure.peak_mb, _ = run_sampled(action(), cwd=cwd)
    return measure


def compile_package() -> None:
    """Write the bytecode of the installed package, as ``pip install`` does.

    An editable install compiles each module on first import, unless
    ``PYTHONDONTWRITEBYTECODE`` is set (as on some CI machines): then every run would
    compile ~300 modules again and measure the compiler, not the tool.
    """
    import catalog_tool

    package = Path(catalog_tool.__file__).parent
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(package)], check=True, capture_output=True
    )


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.email=bench@example", "-c", "user.name=bench", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def prepare(size: int, seed: int) -> Path:
    """A generated catalog of ``size`` items, committed to its own git repository."""
    root = DATA / f"{size // 1000}k"
    stamp = root / ".generated"
    if stamp.is_file() and stamp.read_text() == f"{size} {seed}\n":
        git(root, "checkout", "-q", ".")
        return root
    subprocess.run(
        [sys.executable, str(HERE / "generate.py"), "--items", str(size), "--seed", str(seed),
         "--out", str(root)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "generated")
    stamp.write_text(f"{size} {seed}\n")
    return root


def one_county_item(root: Path) -> Path:
    counties = sorted(
        p for p in root.iterdir() if p.is_dir() and p.name.isdigit() and not p.name.endswith("00")
    )
    return sorted(counties[0].glob("*.yaml"))[0]


def validate_cases(root: Path, size: int, times: int) -> list[Measure]:
    out = ["-f", "json", "-o", os.devnull]
    cases = [
        repeat(
            "validate, cold (no cache)",
            size,
            times,
            lambda: [CATALOG, "validate", str(root), *out, "--no-cache"],
        ),
    ]
    subprocess.run([CATALOG, "validate", str(root), *out], check=False)  # fill the cache
    cases.append(
        repeat(
            "validate, warm (nothing changed)",
            size,
            times,
            lambda: [CATALOG, "validate", str(root), *out],
        )
    )
    item = one_county_item(root)
    original = item.read_text(encoding="utf-8")
    try:
        item.write_text(
            original.replace("visits: 0", "visits: 1\nvisits_reason: 需现场核验", 1),
            encoding="utf-8",
        )
        cases.append(
            repeat("validate --changed-since HEAD, one item changed", size, times,
                   lambda: [CATALOG, "validate", str(root), *out, "--changed-since", "HEAD"])
        )  # fmt: skip
        cases.append(
            repeat("validate --changed-since HEAD, one item changed, no cache", size, times,
                   lambda: [CATALOG, "validate", str(root), *out, "--changed-since", "HEAD", "--no-cache"])
        )  # fmt: skip
    finally:
        item.write_text(original, encoding="utf-8")
    return cases


def change_revision(root: Path) -> None:
    """Tag the generated catalog ``bench-base``, then commit a typical upstream change as
    ``bench-change``: ~1% of items get a shorter promised time, five items are removed and five
    added. The working tree is put back at ``bench-base``."""
    tags = subprocess.run(
        ["git", "tag", "--list", "bench-*"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.split()
    if {"bench-base", "bench-change"} <= set(tags):
        return
    git(root, "tag", "-f", "bench-base")
    files = sorted(root.glob("[0-9]*/*.yaml"))
    for path in files[::100]:
        text = path.read_text(encoding="utf-8")
        marker = "promised_days: "
        at = text.find(marker)
        if at < 0:
            continue
        end = at + len(marker)
        digits = ""
        while text[end + len(digits)].isdigit():
            digits += text[end + len(digits)]
        days = max(1, int(digits) - 1)
        path.write_text(text[:end] + str(days) + text[end + len(digits) :], encoding="utf-8")
    for n, path in enumerate(files[7::9973][:5]):
        text = path.read_text(encoding="utf-8")
        old = path.stem
        new = old[:-3] + f"{900 + n:03d}"
        (path.parent / f"{new}.yaml").write_text(
            text.replace(f'"{old}"', f'"{new}"').replace(old, new), encoding="utf-8"
        )
        path.unlink()
    git(root, "add", "-A", ".")
    git(root, "commit", "-qm", "bench change")
    git(root, "tag", "-f", "bench-change")
    git(root, "checkout", "-q", "bench-base", "--", ".")
    git(root, "reset", "-q", "--hard", "bench-base")


def diff_case(root: Path, size: int, times: int) -> Measure:
    """``catalog diff`` between two revisions of the whole catalog, read from git objects."""
    change_revision(root)
    return repeat(
        "diff bench-base bench-change (1% changed, 5 removed, 5 added), json",
        size,
        times,
        lambda: [CATALOG, "diff", "bench-base", "bench-change", "--root", ".", "-f", "json",
                 "-o", os.devnull],
        cwd=root,
    )  # fmt: skip


FMT_FILES = 1_000


def fmt_cases(root: Path, size: int, times: int) -> list[Measure]:
    """``catalog fmt --check`` handed 1,000 item files spread over the catalog, as the
    pre-commit hook is after a large import: the files are found among all of the
    catalog's, and each goes through ruamel's round trip (``--no-cache``: staged files are
    new contents, which fmt's record of canonical items does not hold). Then the same files
    again with that record filled, as ``fmt --check`` in CI over unchanged items. Exit code
    2 is expected: some of the planted faults are files fmt cannot format (duplicate keys)."""
    files = sorted(root.glob("[0-9]*/*.yaml"))
    step = max(1, len(files) // FMT_FILES)
    chosen = [str(p.relative_to(root)) for p in files[::step][:FMT_FILES]]
    command = [CATALOG, "fmt", "--check", *chosen]
    cold = repeat(
        f"fmt --check of {len(chosen):,} named files (--no-cache)",
        size,
        times,
        lambda: [*command, "--no-cache"],
        cwd=root,
        ok=(0, 1, 2),
    )
    subprocess.run(command, cwd=root, capture_output=True, check=False)  # fill the record
    warm = repeat(
        "fmt --check of the same files, record of canonical items filled",
        size,
        times,
        lambda: command,
        cwd=root,
        ok=(0, 1, 2),
    )
    return [cold, warm]


def _clear(folder: Path) -> None:
    """Remove a previous output folder and let the disk settle, so that the deletion of
    ~50,000 files (ext4 with ``discard``) is not billed to the next timed run."""
    shutil.rmtree(folder, ignore_errors=True)
    os.sync()
    time.sleep(2)


def publishing_cases(root: Path, size: int, times: int) -> list[Measure]:
    """Export the Excel list, import it back, and build the guide site."""
    out = DATA / "out"
    out.mkdir(exist_ok=True)
    sheet = out / f"list-{size}.xlsx"
    site = out / f"site-{size}"
    cases = [
        repeat(
            "export xlsx (items, materials, steps, summary)",
            size,
            times,
            lambda: [CATALOG, "export", "xlsx", str(root), "-o", str(sheet)],
        ),
        repeat(
            "import of that sheet, --dry-run (read, plan, compare, validate)",
            size,
            times,
            lambda: [
                CATALOG,
                "import",
                str(sheet),
                "--region",
                "000000",
                "--catalog",
                str(root),
                "--dry-run",
                "-f",
                "json",
                "-o",
                os.devnull,
            ],
        ),
        repeat(
            "export guide html site (clean output folder)",
            size,
            max(1, times - 2),
            lambda: [CATALOG, "export", "guide", str(root), "-o", str(site)],
            before=lambda: _clear(site),
        ),
    ]
    index = site / "search-index.js"
    if index.is_file():
        import gzip

        raw = index.read_bytes()
        cases[
            -1
        ].note = (
            f"search index {len(raw) / 2**20:.1f} MB, {len(gzip.compress(raw)) / 2**20:.1f} MB gzip"
        )
    return cases


def peer_case(root: Path, size: int) -> Measure:
    """check-jsonschema with our item schema over the same files (once: it is slow)."""
    files = sorted(str(p) for p in root.glob("[0-9]*/*.yaml"))
    schema = str(REPO / "schemas" / "item.schema.json")
    measure = Measure("check-jsonschema (schema only), same files", size)
    total = 0.0
    for i in range(0, len(files), 4000):  # stay under the argument-length limit
        elapsed, _ = run_timed(
            [str(BIN / "check-jsonschema"), "--schemafile", schema, *files[i : i + 4000]]
        )
        total += elapsed
    measure.times.append(total)
    return measure  # its memory is not measured: a second run would take minutes


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = psutil.virtual_memory().total / 2**30
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB RAM; "
        f"Python {platform.python_version()}; {platform.system()} {platform.release()}"
    )


def speed_check(times: int = 7) -> float:
    """Median seconds of a fixed pure-Python workload (JSON and sorting, in a fresh
    process): how fast this machine was around the run. A shared virtual machine's speed
    drifts with its host's load; the same commands measured up to 1.5x slower at times."""
    code = (
        "import json, time\n"
        "data = {f'k{i}': [i, str(i) * 3, {'a': i}] for i in range(2000)}\n"
        "start = time.perf_counter()\n"
        "for _ in range(60):\n"
        "    json.loads(json.dumps(data))\n"
        "    sorted(str(x) for x in range(20000))\n"
        "print(time.perf_counter() - start)\n"
    )
    runs = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True).stdout)
        for _ in range(times)
    ]  # fmt: skip
    return statistics.median(runs)


def write_results(
    measures: list[Measure], command: str, sizes: Sequence[int], speed: tuple[float, float]
) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {machine()}  ",
        f"Command: `{command}`  ",
        f"Date: {time.strftime('%Y-%m-%d')}  ",
        f"Speed check (a fixed Python workload, see `speed_check`): {speed[0]:.3f} s before "
        f"the run, {speed[1]:.3f} s after; a larger figure means a slower machine.",
        "",
        "Median wall time, with the fastest and slowest run, of the real `catalog` command",
        "(subprocess, start-up included) and",
        "peak memory (PSS) of its process tree (workers included), sampled in one more run",
        "that is not timed. Catalogs are generated by",
        "`benchmarks/generate.py` (Liaoning shape, ~1% planted faults); `validate` runs every",
        "rule, with `rules.T002.ratio` set.",
        "",
        "| case | items | runs | median (s) | fastest–slowest (s) | peak memory (MB) | note |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for m in measures:
        lines.append(
            f"| {m.name} | {m.size:,} | {len(m.times)} | {m.median:.2f} | {m.spread} "
            f"| {'—' if m.peak_mb is None else f'{m.peak_mb:.0f}'} | {m.note} |"
        )
    cold = {m.size: m.median for m in measures if m.name.startswith("validate, cold")}
    if len(cold) > 1:
        lines += ["", "Growth of cold `validate` (time per 1,000 items):", ""]
        for size in sorted(cold):
            lines.append(
                f"- {size:,} items: {cold[size]:.2f} s, {1000 * cold[size] / size:.2f} s per 1,000"
            )
    peers = {m.size: m.median for m in measures if m.name.startswith("check-jsonschema")}
    for size, peer in sorted(peers.items()):
        if size in cold:
            lines.append("")
            lines.append(
                f"At {size:,} items, cold `validate` with every rule is {peer / cold[size]:.1f}x "
                f"faster than check-jsonschema checking the schema alone ({peer:.1f} s)."
            )
    text = "\n".join(lines) + "\n"
    (HERE / "RESULTS.md").write_text(text, encoding="utf-8")
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 55_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--peer-size", type=int, default=55_000, help="size for check-jsonschema")
    parser.add_argument(
        "--cases",
        nargs="+",
        choices=["validate", "peer", "diff", "fmt", "publish"],
        default=["validate", "peer", "diff", "fmt", "publish"],
        help="which groups of cases to run (diff, fmt and publish run at the largest size only)",
    )
    args = parser.parse_args()
    if shutil.which("git") is None:
        raise SystemExit("the benchmark needs git (for --changed-since)")
    compile_package()
    before = speed_check()
    measures: list[Measure] = []
    for size in args.sizes:
        root = prepare(size, args.seed)
        times = args.repeat if size < 50_000 else max(3, args.repeat - 2)
        if "validate" in args.cases:
            measures += validate_cases(root, size, times)
        if "peer" in args.cases and size == args.peer_size:
            measures.append(peer_case(root, size))
        if size == max(args.sizes):
            if "diff" in args.cases:
                measures.append(diff_case(root, size, times))
            if "fmt" in args.cases:
                measures += fmt_cases(root, size, times)
            if "publish" in args.cases:
                measures += publishing_cases(root, size, times)
        print(f"{size:,} items done", file=sys.stderr)
    command = "python benchmarks/run.py " + " ".join(sys.argv[1:])
    print(write_results(measures, command.strip(), args.sizes, (before, speed_check())))


if __name__ == "__main__":
    main()
