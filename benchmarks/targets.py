"""The targets of issue 4, checked against results of one run.

Each target is a ratio measured within the run (never an absolute time):
``slack`` loosens every limit by that factor (CI fails only when a target
is missed by more than 2×; the full run reports against the targets as
stated).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "Check",
    "FLOOR_RATIO",
    "GROWTH_EXPONENT",
    "MEMORY_MIB",
    "SUMY_RATIO",
    "check_lead",
    "check_quality",
    "check_speed",
    "format_checks",
]

#: At 1,000 sentences we are at least this many times faster than sumy's TextRank.
SUMY_RATIO = 50.0
SUMY_AT = 1_000
#: At the largest size the whole summary takes at most this many floors.
FLOOR_RATIO = 5.0
#: Peak memory at the largest size stays under this.
MEMORY_MIB = 2048.0
#: "Close to linear": time grows at most like sentences ** this exponent
#: between the two largest synthetic sizes.
GROWTH_EXPONENT = 1.1


@dataclass(frozen=True, slots=True)
class Check:
    """One target: what was asked, what was measured, and whether it holds."""

    name: str
    target: str
    measured: str
    ok: bool

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "target": self.target, "measured": self.measured, "ok": self.ok}


def _ok_seconds(row: dict[str, Any], system: str) -> float | None:
    r = row["systems"].get(system)
    return r["seconds"] if r and r["status"] == "ok" else None


def _synthetic(speed: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {r["sentences"]: r for r in speed["workloads"] if r["synthetic"]}


def check_speed(speed: dict[str, Any], *, slack: float = 1.0, floor_at: int | None = None) -> list[Check]:
    """Speed and memory targets on the synthetic sizes of ``speed``.

    ``floor_at`` is the size at which ours ÷ floor and memory are checked
    (default: the largest measured).
    """
    rows = _synthetic(speed)
    checks: list[Check] = []
    if not rows:
        return checks
    if SUMY_AT in rows and "sumy-textrank" in rows[SUMY_AT]["systems"]:
        row = rows[SUMY_AT]
        ours, sumy = _ok_seconds(row, "ours"), _ok_seconds(row, "sumy-textrank")
        status = row["systems"]["sumy-textrank"]["status"]
        limit = SUMY_RATIO / slack
        if ours and sumy:
            checks.append(Check(f"sumy TextRank ÷ ours at {SUMY_AT:,} sentences", f"≥ {limit:g}×", f"{sumy / ours:.3g}×", sumy / ours >= limit))
        elif ours and status == "timeout":  # sumy took longer than the cap
            cap = row["systems"]["sumy-textrank"]["cap_seconds"]
            checks.append(Check(f"sumy TextRank ÷ ours at {SUMY_AT:,} sentences", f"≥ {limit:g}×", f"> {cap / ours:.3g}× (sumy timed out)", cap / ours >= limit))
        else:
            checks.append(Check(f"sumy TextRank ÷ ours at {SUMY_AT:,} sentences", f"≥ {limit:g}×", "not measured", False))
    at = floor_at if floor_at is not None else max(rows)
    if at in rows:
        row = rows[at]
        ours, floor = _ok_seconds(row, "ours"), _ok_seconds(row, "floor")
        limit = FLOOR_RATIO * slack
        measured = f"{ours / floor:.3g}×" if ours and floor else "not measured"
        checks.append(Check(f"ours ÷ TF-IDF floor at {at:,} sentences", f"≤ {limit:g}×", measured, bool(ours and floor and ours / floor <= limit)))
        result = row["systems"].get("ours", {})
        if result.get("status") == "ok":
            limit = MEMORY_MIB * slack
            peak = result["peak_rss_mib"]
            checks.append(Check(f"peak memory at {at:,} sentences", f"< {limit:g} MiB", f"{peak:.0f} MiB", peak < limit))
    sizes = sorted(n for n in rows if _ok_seconds(rows[n], "ours"))
    if len(sizes) >= 2:
        a, b = sizes[-2], sizes[-1]
        ta, tb = _ok_seconds(rows[a], "ours"), _ok_seconds(rows[b], "ours")
        assert ta and tb
        allowed = slack * (b / a) ** GROWTH_EXPONENT
        checks.append(
            Check(
                f"growth of our time {a:,} → {b:,} sentences",
                f"≤ {allowed:.3g}× (sentences ×{b / a:g}, exponent {GROWTH_EXPONENT}{f', slack {slack:g}' if slack != 1 else ''})",
                f"{tb / ta:.3g}×",
                tb / ta <= allowed,
            )
        )
    return checks


def check_quality(quality: dict[str, Any]) -> list[Check]:
    """TextRank must beat Random on every metric, compared at equal length
    (the paired difference's mean, ``against_random``); the sparse path must
    not change ROUGE beyond its interval (when it was measured)."""
    checks: list[Check] = []
    for c in quality.get("against_random", []):
        checks.append(
            Check(f"TextRank {c['metric']} F ≥ Random", "Δ ≥ 0 at equal length", f"Δ {c['mean'] * 100:+.2f}", c["mean"] >= 0.0)
        )
    sparse = quality.get("sparse_check")
    if sparse:
        checks.append(
            Check(
                "forced sparse path on EASC: ROUGE difference interval contains 0",
                "every metric",
                f"{sparse['identical_summaries']}/{sparse['documents']} summaries identical",
                bool(sparse["equal_within_interval"]),
            )
        )
    return checks


def check_lead(corpora: dict[str, Any]) -> list[Check]:
    """On every development corpus, at equal length, the defaults must not
    fall below Lead on any metric: the paired bootstrap must not say
    ``worse``, and the mean difference must not be below zero by more than
    the interval's own half-width allows (a verdict of ``worse``)."""
    checks: list[Check] = []
    for corpus in corpora["corpora"]:
        for c in corpus["against_lead"]:
            if c["system"] != "textrank":
                continue
            checks.append(
                Check(
                    f"{corpus['name']}: defaults {c['metric']} F not below Lead at equal length",
                    "paired bootstrap not 'worse'",
                    f"Δ {c['mean']:+.4f} [{c['low']:+.4f}, {c['high']:+.4f}] {c['verdict']}",
                    c["verdict"] != "worse",
                )
            )
    return checks


def format_checks(checks: Sequence[Check]) -> str:
    lines = ["| target | limit | measured | met |", "|---|---|---|---|"]
    lines += [f"| {c.name} | {c.target} | {c.measured} | {'yes' if c.ok else '**no**'} |" for c in checks]
    return "\n".join(lines) + "\n"
