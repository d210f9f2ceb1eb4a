"""select: the redundancy guard and budgets against a plain reference."""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix

from summarizer.select import Budget, select


def _reference(candidates, scores, words, S, budget, redundancy):  # type: ignore[no-untyped-def]
    """The rule as the docstring states it, checking every chosen sentence."""
    D = S.toarray()
    order = sorted(candidates, key=lambda i: (-scores[i], i))
    limit = budget.sentence_limit(len(order))
    chosen, skipped, used = [], [], 0
    for i in order:
        if limit is not None and len(chosen) >= limit:
            break
        if budget.words is not None and used + words[i] > budget.words:
            continue
        if any(D[i, c] >= redundancy for c in chosen):
            skipped.append(i)
            continue
        chosen.append(i)
        used += words[i]
    if limit is not None and len(chosen) < limit:
        chosen += skipped[: limit - len(chosen)]
    if not chosen and order:
        chosen.append(order[0])
    return sorted(chosen)


def test_guard_and_budgets_match_the_reference() -> None:
    rng = np.random.default_rng(3)
    for trial in range(300):
        n = int(rng.integers(1, 30))
        D = np.triu(rng.random((n, n)) * (rng.random((n, n)) < 0.3), 1)
        D = D + D.T
        S = csr_matrix(D)
        scores = rng.random(n).round(1).tolist()  # ties too
        words = rng.integers(1, 30, n).tolist()
        candidates = sorted(rng.choice(n, size=int(rng.integers(1, n + 1)), replace=False).tolist())
        budget = [Budget(ratio=float(rng.uniform(0.05, 1))), Budget(sentences=int(rng.integers(1, 8))), Budget(words=int(rng.integers(1, 120)))][trial % 3]
        redundancy = float(rng.choice([1.0, 0.9, 0.5, 0.2]))
        got = select(candidates, scores, words, S, budget=budget, redundancy=redundancy)
        assert got == _reference(candidates, scores, words, S, budget, redundancy), trial


def test_choose_fills_a_word_budget_in_rank_order_and_cuts_the_crossing_sentence() -> None:
    from scipy.sparse import csr_matrix

    from summarizer.select import Budget, choose

    scores = [0.1, 0.5, 0.3, 0.2]
    words = [10, 30, 8, 5]
    S = csr_matrix((4, 4))
    # The best sentence (30 words) is longer than the budget: it is cut, never skipped.
    assert choose(range(4), scores, words, S, budget=Budget(words=25)) .indices == (1,)
    assert choose(range(4), scores, words, S, budget=Budget(words=25)).cut == (1, 25)
    # Room left after it: the next in rank order, cut where the budget falls.
    sel = choose(range(4), scores, words, S, budget=Budget(words=35))
    assert sel.indices == (1, 2) and sel.cut == (2, 5)
    # Exactly full: nothing is cut.
    assert choose(range(4), scores, words, S, budget=Budget(words=38)).cut is None
    # Whole sentences only: the long one is skipped for those that fit.
    assert choose(range(4), scores, words, S, budget=Budget(words=25), trim=False).indices == (0, 2, 3)
