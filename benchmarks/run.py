"""The full benchmark run: quality on EASC dev, then speed and memory.

    python -m benchmarks.run --force

Writes ``quality.{json,md,png}``, ``speed.{json,md,png}`` and
``summary.md`` (every target of issue 4, met or not, with the machine and
date) under ``benchmarks/results/``. Takes about 15–25 minutes on 2 cores,
most of it peers hitting their time cap.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

__all__ = ["format_summary", "main"]


def format_summary(quality: dict[str, Any], speed: dict[str, Any]) -> str:
    """The targets, as stated (no slack), with where the numbers come from."""
    from .output import describe
    from .targets import check_quality, check_speed, format_checks

    checks = check_quality(quality) + check_speed(speed)
    met = sum(c.ok for c in checks)
    # Quality and speed may come from different runs: say so, each with its own.
    code = lambda m: (m.get("commit"), m.get("uncommitted"))  # noqa: E731
    same = code(quality["machine"]) == code(speed["machine"])
    where = [describe(speed["machine"])] if same else [f"Quality: {describe(quality['machine'])}", f"Speed: {describe(speed['machine'])}"]
    return "\n".join(
        [
            "# Benchmark summary",
            "",
            *where,
            "Command: `python -m benchmarks.run --force`. Details: [quality.md](quality.md), [speed.md](speed.md).",
            "",
            f"{met} of {len(checks)} targets met.",
            "",
            format_checks(checks),
        ]
    )


def main(argv: Sequence[str] | None = None) -> None:
    from .output import add_common_arguments, command, log, prepare, write_atomic
    from .quality import RESULTS as QUALITY
    from .quality import run_quality
    from .speed import DEFAULT_CAP, SIZES, run_speed
    from .speed import RESULTS as SPEED

    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description="Full benchmark run: quality on EASC dev, speed and memory against peers.")
    add_common_arguments(parser)
    parser.add_argument("--cap", type=float, default=DEFAULT_CAP, help="seconds a peer may take on one workload (default: %(default)s)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)

    def body() -> None:
        summary = args.out / "summary.md"
        easc = prepare(args, [*QUALITY.files(args.out).values(), *SPEED.files(args.out).values(), summary])
        quality = run_quality(easc, log=log)
        QUALITY.write(quality, args.out, force=args.force)
        speed = run_speed(sizes=SIZES, easc=easc, cap=args.cap, log=log)
        SPEED.write(speed, args.out, force=args.force)
        write_atomic(summary, format_summary(quality, speed), force=args.force)
        log(f"wrote {summary}")

    command("benchmarks.run", body)


if __name__ == "__main__":
    main()
