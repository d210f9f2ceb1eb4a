"""Writing results: never over an existing file without ``--force``, always
atomically (a temporary file, then a rename), and one line on failure."""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from summarizer.cli.kit import Flags
from summarizer.errors import InputError
from summarizer.strictjson import dumps
from summarizer.textio import write_atomic

__all__ = [
    "DEFAULT_EASC",
    "REPO",
    "BenchmarkError",
    "InputError",
    "ResultSet",
    "add_common_arguments",
    "check_free",
    "command",
    "describe",
    "fail",
    "find_easc",
    "log",
    "machine",
    "prepare",
    "save_figure",
    "write_atomic",
]

REPO = Path(__file__).resolve().parent.parent
#: The EASC development split, beside the repository (never copied into it).
#: EASC dev beside the checkout (as in CI), or where EASC_DEV points.
DEFAULT_EASC = Path(os.environ.get("EASC_DEV") or REPO.parent / "shared" / "data" / "easc-dev")


class BenchmarkError(Exception):
    """A user-facing problem: the message says what to do."""


def check_free(paths: Iterable[Path], *, force: bool) -> None:
    """Refuse to start a run whose outputs would replace files (unless ``force``)."""
    taken = [str(p) for p in paths if p.exists()]
    if taken and not force:
        raise BenchmarkError(f"{', '.join(taken)} already exist; use --force to overwrite them")


def save_figure(figure: Any, path: Path) -> None:
    """Save a matplotlib figure as PNG via a temporary file and a rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp.png", dir=path.parent)
    os.close(fd)
    try:
        figure.savefig(tmp, dpi=120, bbox_inches="tight", format="png")
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp's 0600 is for secrets, not figures
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def machine() -> dict[str, Any]:
    """Where and when the run happened: results only compare within a run."""
    import importlib.metadata as md

    info: dict[str, Any] = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "platform": platform.platform(),
        "processor": _cpu_model(),
        "cpus": os.cpu_count(),
        "memory_gib": _memory_gib(),
        "python": sys.version.split()[0],
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    versions = {}
    for package in ("numpy", "scipy", "scikit-learn", "networkx", "sumy", "summa", "lexrank", "rouge-score"):
        try:
            versions[package] = md.version(package)
        except md.PackageNotFoundError:
            versions[package] = None
    info["versions"] = versions
    info.update(_git())
    return info


def describe(m: dict[str, Any]) -> str:
    """One sentence saying when, where and on which code a run happened."""
    code = f"commit {m['commit'][:10]}" if m.get("commit") else "an unknown commit"
    if m.get("uncommitted"):
        code += f" plus uncommitted changes to {', '.join(m['uncommitted'])}"
    return (
        f"Run {m['date']} on {code}; {m['processor']} ({m['cpus']} CPUs, {m['memory_gib']} GiB), "
        f"{m['platform']}, Python {m['python']}; load average {m['load_average'][0]} at the start."
    )


def _git() -> dict[str, Any]:
    """The commit measured, and any uncommitted change to the measured code."""
    import subprocess

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True, timeout=10, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return done.stdout.rstrip("\n") if done.returncode == 0 else None

    here = Path(__file__).resolve().parent
    loaded = sorted(
        str(Path(m.__file__).resolve().relative_to(REPO))
        for m in list(sys.modules.values())
        if getattr(m, "__file__", None) and Path(m.__file__).resolve().parent == here
    )
    status = git("status", "--porcelain", "--", "summarizer", "eval", *loaded)
    return {
        "commit": (git("rev-parse", "HEAD") or "").strip() or None,
        "uncommitted": None if status is None else [line[3:] for line in status.splitlines()],
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    return None


def fail(program: str, message: str, code: int = 1) -> NoReturn:
    sys.stderr.write(f"{program}: error: {message}\n")
    raise SystemExit(code)


def find_easc(path: Path) -> Path:
    """The EASC dev folder, or an error that says how to point at it."""
    if not (path.is_dir() and any(path.glob("*/document.txt"))):
        raise BenchmarkError(f"EASC dev not found at {path}: pass --easc PATH (the folder with easc-NNN/document.txt)")
    return path


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    """--easc, --out and --force, shared by every benchmark command."""
    parser.add_argument("--easc", type=Path, default=DEFAULT_EASC, help="EASC dev folder (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results", help="results folder (default: %(default)s)")
    parser.add_argument("--force", action="store_true", help="overwrite existing results")


def prepare(args: argparse.Namespace, files: Iterable[Path]) -> Path:
    """Check the corpus and the output folder before a long run starts."""
    easc = find_easc(args.easc)
    if not args.out.is_dir():
        raise BenchmarkError(f"results folder {args.out} does not exist; create it or pass --out")
    check_free(files, force=args.force)
    return easc


@dataclass(frozen=True)
class ResultSet:
    """One kind of result: its file names, its markdown and (if any) its figure."""

    stem: str
    markdown: Callable[[dict[str, Any]], str]
    plot: Callable[[dict[str, Any], Path], None] | None = None

    def files(self, out: Path) -> dict[str, Path]:
        kinds = ("json", "md", "png") if self.plot is not None else ("json", "md")
        return {k: out / f"{self.stem}.{k}" for k in kinds}

    def write(self, results: dict[str, Any], out: Path, *, force: bool) -> dict[str, Path]:
        """JSON, markdown and the figure, each written atomically."""
        files = self.files(out)
        write_atomic(files["json"], dumps(results, indent=1, ensure_ascii=False) + "\n", force=force)
        write_atomic(files["md"], self.markdown(results), force=force)
        if self.plot is not None:
            self.plot(results, files["png"])
        for path in files.values():
            log(f"wrote {path}")
        return files


def command(program: str, body: Callable[[], None]) -> None:
    """Run a command's body; a user-facing problem is one line and exit 1."""
    try:
        body()
    except BenchmarkError as exc:
        fail(program, str(exc))
    except InputError as exc:  # the library's words, with this command's flags
        fail(program, Flags(program).message(exc))


def log(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()
