"""The fast benchmark subset for CI: a few minutes on 2 cores.

Quality of TextRank, Lead and Random on EASC dev; the defaults against Lead
at equal length on the four development corpora (:mod:`benchmarks.corpora`);
speed of ours and the TF-IDF floor at 100, 1,000 and 10,000 sentences, and
sumy's TextRank at 1,000. Exits 1 when TextRank's ROUGE falls below Random's
or below Lead's on any dev corpus, or a target of :mod:`benchmarks.targets`
is missed by more than 2×::

    python -m benchmarks.ci [--easc PATH]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .targets import SUMY_AT, Check, check_lead, check_quality, check_speed, format_checks

__all__ = ["CI_SIZES", "SLACK", "main", "run_ci"]

CI_SIZES: tuple[int, ...] = (100, SUMY_AT, 10_000)
SLACK = 2.0
CI_RESAMPLES = 2_000


def run_ci(easc: Path, *, cap: float = 120.0, log: Callable[[str], None] = lambda _: None) -> tuple[list[Check], dict[str, Any]]:
    """Run the subset; return the checks and the raw results."""
    from .corpora import run_corpora
    from .quality import run_quality
    from .speed import run_speed

    quality = run_quality(easc, ours_only=True, resamples=CI_RESAMPLES, log=log)
    corpora = run_corpora(systems=("textrank", "lead"), resamples=CI_RESAMPLES, log=log)
    speed = run_speed(
        sizes=CI_SIZES,
        easc=easc,
        time_easc=False,
        systems=("ours", "floor", "sumy-textrank"),
        cap=cap,
        peer_sizes={SUMY_AT},
        log=log,
    )
    checks = check_quality(quality) + check_lead(corpora) + check_speed(speed, slack=SLACK, floor_at=max(CI_SIZES))
    return checks, {"quality": quality, "corpora": corpora, "speed": speed}


def main(argv: Sequence[str] | None = None) -> None:
    from .output import DEFAULT_EASC, BenchmarkError, fail, find_easc, log

    parser = argparse.ArgumentParser(prog="python -m benchmarks.ci", description="Fast benchmark subset; exit 1 when a target is missed by more than 2×.")
    parser.add_argument("--easc", type=Path, default=DEFAULT_EASC, help="EASC dev folder (default: %(default)s)")
    parser.add_argument("--cap", type=float, default=120.0, help="seconds sumy may take at 1,000 sentences (default: %(default)s)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        easc = find_easc(args.easc)
    except BenchmarkError as exc:
        fail("benchmarks.ci", str(exc))
    checks, _ = run_ci(easc, cap=args.cap, log=log)
    sys.stdout.write(format_checks(checks))
    missed = [c for c in checks if not c.ok]
    if missed:
        sys.stdout.write(f"benchmarks.ci: {len(missed)} of {len(checks)} checks failed: {'; '.join(c.name for c in missed)}\n")
        raise SystemExit(1)
    sys.stdout.write(f"benchmarks.ci: all {len(checks)} checks passed\n")


if __name__ == "__main__":
    main()
