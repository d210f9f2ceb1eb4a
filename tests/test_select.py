"""select: the redundancy guard and budgets against a plain reference."""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix

from summarizer.select import MIN_CUT_WORDS, Budget, choose, select


def _mmr_order(candidates, scores, D, diversity, chosen):  # type: ignore[no-untyped-def]
    """Maximal marginal relevance as the module doc states it, computed
    afresh for every pick against the sentences chosen so far."""
    left = sorted(candidates, key=lambda i: (-scores[i], i))
    best = max(scores[i] for i in left)
    while left:
        def value(i):  # type: ignore[no-untyped-def]
            relevance = (1 - diversity) / best * scores[i] if best > 0 else 0.0
            return relevance - diversity * max((D[i, c] for c in chosen), default=0.0)

        top = max(left, key=lambda i: (value(i), -i))
        left.remove(top)
        yield top


def _reference(candidates, scores, words, S, budget, redundancy, diversity=0.0, trim=False):  # type: ignore[no-untyped-def]
    """The rule as the docstring states it, checking every chosen sentence:
    with ``trim`` the first sentence that does not fit is cut to the words
    left, unless other sentences are in and fewer than MIN_CUT_WORDS are
    left (the summary then ends); without, those that do not fit are
    skipped. A word budget nothing fits leaves the summary empty."""
    D = S.toarray()
    order = sorted(candidates, key=lambda i: (-scores[i], i))
    limit = budget.sentence_limit(len(order))
    chosen, skipped, used, cut, ended = [], [], 0, None, False

    def add(i):  # type: ignore[no-untyped-def]
        """Count ``i`` in the word budget; False: the summary ends before it."""
        nonlocal used, cut, ended
        left = budget.words - used
        if words[i] <= left:
            used += words[i]
            return True
        if chosen and left < MIN_CUT_WORDS:
            ended = True
            return False
        cut, used = (i, left), budget.words
        return True

    for i in (_mmr_order(candidates, scores, D, diversity, chosen) if diversity > 0 else order):
        if limit is not None and len(chosen) >= limit:
            break
        if budget.words is not None:
            if used == budget.words or ended:
                break
            if not trim and used + words[i] > budget.words:
                continue
        if any(D[i, c] >= redundancy for c in chosen):
            skipped.append(i)
            continue
        if budget.words is not None and not add(i):
            break
        chosen.append(i)
    if limit is not None and len(chosen) < limit:
        chosen += skipped[: limit - len(chosen)]
    if trim and budget.words is not None:
        for i in skipped:
            if used == budget.words or ended:
                break
            if add(i):
                chosen.append(i)
    return sorted(chosen), cut


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
        assert got == _reference(candidates, scores, words, S, budget, redundancy)[0], trial
        trimmed = choose(candidates, scores, words, S, budget=budget, redundancy=redundancy)
        assert (list(trimmed.indices), trimmed.cut) == _reference(candidates, scores, words, S, budget, redundancy, trim=True), trial


def test_marginal_relevance_matches_the_reference() -> None:
    """The lazy heap takes candidates in the order that recomputing every
    candidate's marginal relevance before each pick gives, whatever the
    guard and the budget pass over."""
    from summarizer.select import choose

    rng = np.random.default_rng(5)
    for trial in range(400):
        n = int(rng.integers(1, 30))
        D = np.triu(np.minimum(rng.random((n, n)).round(2), 0.99) * (rng.random((n, n)) < 0.4), 1)  # ties; below 1, where the guard is off
        D = D + D.T
        S = csr_matrix(D)
        scores = rng.random(n).round(1).tolist()  # ties too
        if trial % 7 == 0:
            scores = [0.0] * n
        words = rng.integers(1, 30, n).tolist()
        candidates = sorted(rng.choice(n, size=int(rng.integers(1, n + 1)), replace=False).tolist())
        budget = [Budget(ratio=float(rng.uniform(0.05, 1))), Budget(sentences=int(rng.integers(1, 8))), Budget(words=int(rng.integers(1, 120)))][trial % 3]
        redundancy = float(rng.choice([1.0, 0.9, 0.5]))
        diversity = float(rng.choice([0.1, 0.3, 0.7, 0.95]))
        for trim in (False, True):
            got = choose(candidates, scores, words, S, budget=budget, redundancy=redundancy, trim=trim, diversity=diversity)
            assert (list(got.indices), got.cut) == _reference(candidates, scores, words, S, budget, redundancy, diversity, trim), (trial, trim)


def test_diversity_prefers_what_adds_to_the_summary() -> None:
    """With two picks, a near-repeat of the best sentence gives way to a
    lower-scored sentence on something else; by score alone it is taken."""
    from summarizer.select import choose

    scores = [0.40, 0.33, 0.27]
    D = np.array([[0.0, 0.45, 0.05], [0.45, 0.0, 0.0], [0.05, 0.0, 0.0]])
    S = csr_matrix(D)
    words = [10, 10, 10]
    assert choose(range(3), scores, words, S, budget=Budget(sentences=2)).indices == (0, 1)
    assert choose(range(3), scores, words, S, budget=Budget(sentences=2), diversity=0.3).indices == (0, 2)
    # The guard alone (0.5) would not have skipped it: 0.45 is below it.
    assert choose(range(3), scores, words, S, budget=Budget(sentences=2), redundancy=0.5).indices == (0, 1)


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
