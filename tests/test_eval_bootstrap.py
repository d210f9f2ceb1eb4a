"""Seeded percentile bootstrap and paired comparisons."""

from __future__ import annotations

import numpy as np
import pytest

from summarizer_eval import Bootstrap, EvalError


def _values(seed: int = 1, n: int = 60) -> np.ndarray:
    return np.random.default_rng(seed).normal(0.4, 0.1, n)


def test_same_seed_same_interval_and_global_state_untouched() -> None:
    x = _values()
    np.random.seed(123)
    before = np.random.get_state()[1].copy()
    a = Bootstrap(seed=7, resamples=2000).interval(x)
    assert np.array_equal(np.random.get_state()[1], before)  # numpy's global state is not used
    np.random.seed(999)  # ... nor read
    b = Bootstrap(seed=7, resamples=2000).interval(x)
    assert a == b
    c = Bootstrap(seed=8, resamples=2000).interval(x)
    assert c != a
    assert c.mean == a.mean == pytest.approx(float(np.mean(x)))


def test_interval_matches_the_normal_approximation() -> None:
    x = _values(n=400)
    ci = Bootstrap(resamples=5000).interval(x)
    half = 1.96 * x.std(ddof=1) / np.sqrt(x.size)
    assert ci.low < ci.mean < ci.high
    assert ci.high - ci.low == pytest.approx(2 * half, rel=0.1)
    assert (ci.low + ci.high) / 2 == pytest.approx(ci.mean, abs=half * 0.1)
    wider = Bootstrap(resamples=5000, confidence=0.99).interval(x)
    assert wider.low < ci.low and wider.high > ci.high


def test_constant_values_give_a_point_interval() -> None:
    ci = Bootstrap(resamples=100).interval([0.5] * 10)
    assert (ci.mean, ci.low, ci.high) == (0.5, 0.5, 0.5)


def test_paired_comparison_verdicts() -> None:
    base = _values()
    boot = Bootstrap(resamples=3000)
    better = boot.compare(base + 0.05, base)
    assert better.verdict == "better" and better.p_value == 0.0
    assert better.mean == pytest.approx(0.05) and better.low == pytest.approx(0.05)
    worse = boot.compare(base - 0.02 + np.random.default_rng(3).normal(0, 0.01, base.size), base)
    assert worse.verdict == "worse" and worse.p_value == 1.0 and worse.high < 0
    noise = np.random.default_rng(4).normal(0, 0.05, base.size)
    tie = boot.compare(base + noise - noise.mean(), base)
    assert tie.verdict == "tie" and tie.low < 0 < tie.high and 0.2 < tie.p_value < 0.8
    same = boot.compare(base, base)
    assert same.verdict == "tie" and same.mean == 0.0 and same.p_value == 1.0


def test_paired_is_stronger_than_unpaired_on_correlated_scores() -> None:
    """Pairing is the point: a small consistent gain over very different
    documents is significant paired, while the two intervals overlap."""
    base = np.random.default_rng(5).uniform(0.1, 0.9, 50)
    gain = base + 0.01 + np.random.default_rng(6).normal(0, 0.002, 50)
    boot = Bootstrap(resamples=3000)
    a, b = boot.interval(gain), boot.interval(base)
    assert a.low < b.high  # overlapping intervals
    assert boot.compare(gain, base).verdict == "better"


@pytest.mark.parametrize(
    "kwargs", [{"resamples": 0}, {"resamples": 1.5}, {"confidence": 1.0}, {"confidence": 0}, {"seed": -1}, {"seed": True}]
)
def test_invalid_settings(kwargs: dict) -> None:
    with pytest.raises(EvalError, match="must be"):
        Bootstrap(**kwargs)


def test_bad_values() -> None:
    boot = Bootstrap(resamples=10)
    with pytest.raises(EvalError, match="at least one finite value"):
        boot.interval([])
    with pytest.raises(EvalError, match="at least one finite value"):
        boot.interval([0.1, float("nan")])
    with pytest.raises(EvalError, match="same documents"):
        boot.compare([0.1, 0.2], [0.1])
