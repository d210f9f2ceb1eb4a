"""Targets are ratios within one run; CI allows a 2× miss, the full run none."""

from __future__ import annotations

from typing import Any

from benchmarks.targets import check_quality, check_speed, format_checks


def _ok(seconds: float, peak: float = 100.0) -> dict[str, Any]:
    return {"status": "ok", "seconds": seconds, "peak_rss_mib": peak, "baseline_rss_mib": 90.0}


def _speed(rows: dict[int, dict[str, Any]]) -> dict[str, Any]:
    return {"workloads": [{"sentences": n, "synthetic": True, "systems": s} for n, s in sorted(rows.items())]}


def test_targets_met_exactly_at_their_limits() -> None:
    speed = _speed(
        {
            1_000: {"ours": _ok(0.1), "sumy-textrank": _ok(5.0)},  # 50× exactly
            10_000: {"ours": _ok(1.0), "floor": _ok(0.2)},
            100_000: {"ours": _ok(10.0 ** 1.1, peak=2047.0), "floor": _ok(10.0 ** 1.1 / 5)},  # 5× exactly
        }
    )
    checks = check_speed(speed)
    assert [c.ok for c in checks] == [True, True, True, True]
    assert "| yes |" in format_checks(checks)


def test_misses_fail_and_slack_forgives_up_to_twice() -> None:
    speed = _speed(
        {
            1_000: {"ours": _ok(0.1), "sumy-textrank": _ok(3.0)},  # 30×: misses 50×, within 2×
            10_000: {"ours": _ok(1.6), "floor": _ok(0.1)},  # 16×: misses 5× by more than 2×
        }
    )
    strict = {c.name: c.ok for c in check_speed(speed)}
    loose = {c.name: c.ok for c in check_speed(speed, slack=2.0)}
    sumy = "sumy TextRank ÷ ours at 1,000 sentences"
    floor = "ours ÷ TF-IDF floor at 10,000 sentences"
    assert strict[sumy] is False and loose[sumy] is True
    assert strict[floor] is False and loose[floor] is False
    assert "**no**" in format_checks(check_speed(speed))


def test_sumy_timeout_counts_as_at_least_the_cap() -> None:
    speed = _speed({1_000: {"ours": _ok(0.5), "sumy-textrank": {"status": "timeout", "cap_seconds": 120.0}}})
    (check,) = [c for c in check_speed(speed) if "sumy" in c.name]
    assert check.ok and "timed out" in check.measured
    speed = _speed({1_000: {"ours": _ok(5.0), "sumy-textrank": {"status": "timeout", "cap_seconds": 120.0}}})
    (check,) = [c for c in check_speed(speed) if "sumy" in c.name]
    assert not check.ok  # 24× is all a 120 s cap can prove


def test_growth_and_memory() -> None:
    speed = _speed({10_000: {"ours": _ok(1.0, peak=300)}, 100_000: {"ours": _ok(20.0, peak=3000)}})
    checks = {c.name: c for c in check_speed(speed)}
    assert not checks["growth of our time 10,000 → 100,000 sentences"].ok  # 20× for 10× the text
    assert not checks["peak memory at 100,000 sentences"].ok
    assert check_speed(speed, slack=2.0)[-1].ok  # 20 ≤ 2 × 10 ** 1.1


def _quality(textrank: float, random: float, sparse_low: float = -0.01) -> dict[str, Any]:
    def means(f: float) -> dict[str, Any]:
        return {m: {"f": {"mean": f, "low": f - 0.02, "high": f + 0.02}} for m in ("rouge1", "rouge2")}

    return {
        "settings": {"metrics": ["rouge1", "rouge2"]},
        "systems": [{"name": "textrank", "means": means(textrank)}, {"name": "random", "means": means(random)}],
        "against_random": [
            {"system": "textrank", "baseline": "random", "metric": m, "mean": textrank - random} for m in ("rouge1", "rouge2")
        ],
        "sparse_check": {"identical_summaries": 90, "documents": 92, "equal_within_interval": sparse_low <= 0.0},
    }


def test_textrank_must_beat_random_and_sparse_must_match() -> None:
    assert all(c.ok for c in check_quality(_quality(0.5, 0.38)))
    failed = [c.name for c in check_quality(_quality(0.37, 0.38, sparse_low=0.001)) if not c.ok]
    assert failed == [
        "TextRank rouge1 F ≥ Random",
        "TextRank rouge2 F ≥ Random",
        "forced sparse path on EASC: ROUGE difference interval contains 0",
    ]
