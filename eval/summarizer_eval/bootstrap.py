"""Confidence intervals and paired comparisons by bootstrap over documents.

Documents are the unit of sampling: a corpus mean is only as certain as the
documents it averages. Resamples come from a numpy ``Generator`` seeded per
call (never numpy's global state, which rouge-score's ``BootstrapAggregator``
uses), so the same seed gives the same interval, and every system is
resampled with the same document indices, which makes comparisons paired.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from summarizer import validate

from .errors import EvalError, EvalOptionError

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Bootstrap", "Difference", "Interval", "Verdict"]

Verdict = Literal["better", "worse", "tie"]


@dataclass(frozen=True, slots=True)
class Interval:
    """A mean and its percentile-bootstrap confidence interval."""

    mean: float
    low: float
    high: float

    def to_dict(self) -> dict[str, float]:
        return {"mean": self.mean, "low": self.low, "high": self.high}


@dataclass(frozen=True, slots=True)
class Difference:
    """Mean of A − B over the same documents, with its interval.

    ``p_value`` is one-sided (Koehn, 2004): the share of resamples in which
    A's mean is not above B's.
    """

    mean: float
    low: float
    high: float
    p_value: float

    @property
    def verdict(self) -> Verdict:
        """``better``/``worse`` when the interval excludes 0, else ``tie``."""
        if self.low > 0.0:
            return "better"
        if self.high < 0.0:
            return "worse"
        return "tie"

    def to_dict(self) -> dict[str, float | str]:
        return {"mean": self.mean, "low": self.low, "high": self.high, "p_value": self.p_value, "verdict": self.verdict}


@dataclass(frozen=True, slots=True)
class Bootstrap:
    """Seeded percentile bootstrap: ``resamples`` draws of the documents."""

    resamples: int = 10_000
    confidence: float = 0.95
    seed: int = 0

    def __post_init__(self) -> None:
        validate.check("resamples", self.resamples, validate.Count(), error=EvalOptionError)
        validate.check("confidence", self.confidence, validate.Interval(0.0, 1.0, "()"), error=EvalOptionError)
        validate.check("seed", self.seed, validate.Count(0), error=EvalOptionError)

    def _means(self, values: Sequence[float] | np.ndarray) -> tuple[float, np.ndarray]:
        import numpy as np

        x = np.asarray(values, dtype=np.float64)
        if x.ndim != 1 or x.size == 0 or not np.all(np.isfinite(x)):
            raise EvalError("the bootstrap needs at least one finite value per document")
        rng = np.random.default_rng(self.seed)
        idx = rng.integers(0, x.size, size=(self.resamples, x.size))
        return float(math.fsum(x) / x.size), x[idx].mean(axis=1)

    def _bounds(self, means: np.ndarray) -> tuple[float, float]:
        import numpy as np

        tail = 100.0 * (1.0 - self.confidence) / 2.0
        low, high = np.percentile(means, [tail, 100.0 - tail])
        return float(low), float(high)

    def interval(self, values: Sequence[float]) -> Interval:
        """Mean of per-document ``values`` with its confidence interval."""
        mean, means = self._means(values)
        low, high = self._bounds(means)
        return Interval(mean, low, high)

    def compare(self, a: Sequence[float], b: Sequence[float]) -> Difference:
        """Paired bootstrap of A − B; ``a[i]`` and ``b[i]`` score the same document."""
        import numpy as np

        if len(a) != len(b):
            raise EvalError(f"paired comparison needs the same documents: {len(a)} scores against {len(b)}")
        diff = np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)
        mean, means = self._means(diff)
        low, high = self._bounds(means)
        return Difference(mean, low, high, float(np.mean(means <= 0.0)))
