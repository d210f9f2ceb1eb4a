"""Choose sentences by score under a length budget, returned in document order.

The budget is one of a ratio of the distinct selectable sentences, a count
of sentences, or a number of words. Candidates are taken in order of
maximal marginal relevance (Carbonell & Goldstein, 1998): with
``diversity`` d, the next is the one with the highest
``(1 - d) * score / best score - d * (its highest similarity to a sentence
already chosen)``, so a sentence that mostly repeats what the summary says
gives way to one that adds to it (``d = 0``: by score alone). A redundancy
guard then skips a candidate too similar to one already chosen, so a
summary does not say the same thing twice even when the duplicate check
did not collapse the pair.

A word budget is a maximum, filled in rank order. Skipping a sentence
because it is longer than what is left trades the best content for filler
(a best-ranked 40-word sentence would lose a 25-word budget to short,
low-ranked lines), so by default (``trim=True``) the sentence that crosses
the budget is taken and cut where the budget falls: the summary has the
budget's words, and its most central sentences whole. One exception: after
whole sentences, a piece of fewer than :data:`MIN_CUT_WORDS` words is not
added, and the summary ends a few words short: such a piece is a dangling
fragment ("وقالت…", "and she said…"), which at ``words=50`` ended 39 of
the 300 France 24 dev summaries. 4 is the least minimum that leaves none
of three words or fewer; at equal length against Lead (``python -m
benchmarks.corpora``) every dev corpus kept its verdict, each Δ within
0.05 points of cutting anywhere. Larger minimums (up to 6) and ending at
a clause boundary instead measured no better (ties), the latter 3 words
shorter a summary. The first sentence is cut at any length: the budget is
all the summary has.

With ``trim=False`` only whole sentences are taken: those that do not fit
are skipped. Either way the budget is never exceeded. A cut cannot part
a character, and NFKC makes some characters several words ("¼" is "1⁄4",
"ﷺ" four words): a cut that would end inside one falls before it, and a
unit with no cut within the budget is left out, as a whole sentence that
does not fit is. When nothing fits, the summary is empty (the pipeline
says why: :attr:`summarizer.result.Summary.warning`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import InvalidOptionError, param
from .text.normalize import normalize, tokenize
from .validate import Count, Interval, Rule, check

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

__all__ = ["Budget", "Selection", "choose", "count_words", "select", "word_end"]


def count_words(text: str) -> int:
    """Words as the budget counts them: tokens of the normalized text (a
    diacritic inside a word does not make it two)."""
    return len(tokenize(normalize(text)))


def word_end(text: str, words: int) -> int:
    """Where ``text`` must be cut to keep exactly its first ``words`` words.

    Words are counted as :func:`count_words` counts them, on the normalized
    text, so the cut falls after the last letter or mark of the last word
    kept (a shadda after it stays), never inside a word; the text from the
    returned offset on holds the rest. ``len(text)`` when it has no more than
    ``words`` words. Normalization does not keep offsets, so the offset is
    found by bisection on prefixes: the first prefix whose first ``words``
    tokens are the whole text's, extended over marks that follow.
    """
    if words <= 0:
        return 0
    full = tokenize(normalize(text))
    if len(full) <= words:
        return len(text)
    want = full[:words]
    lo, hi = 0, len(text)  # the answer is in (lo, hi]
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if tokenize(normalize(text[:mid]))[:words] == want:
            hi = mid
        else:
            lo = mid
    if len(tokenize(normalize(text[:hi]))) > words:
        # The character that completes the last word brings more words with
        # it (NFKC makes "¼" "1⁄4" and "ﷺ" four words): no cut holds
        # exactly ``words`` words, so the cut keeps fewer, before it.
        return word_end(text, words - 1)
    # Marks and invisible controls right after the word belong to it.
    while hi < len(text) and not normalize(text[hi]) and not text[hi].isspace():
        hi += 1
    return hi


@dataclass(frozen=True, slots=True)
class Budget:
    """How long a summary may be: exactly one of ``ratio`` (a fraction of the
    selectable sentences, in (0, 1]), ``sentences`` or ``words`` is set."""

    ratio: float | None = None
    sentences: int | None = None
    words: int | None = None

    def __post_init__(self) -> None:
        if not check_lengths(ratio=self.ratio, sentences=self.sentences, words=self.words):
            names = f"{param('ratio')}, {param('sentences')} or {param('words')}"
            raise InvalidOptionError(f"a budget needs exactly one of {names} (got none)")

    def sentence_limit(self, available: int) -> int | None:
        """How many sentences the budget allows (``None``: bounded by words)."""
        if self.sentences is not None:
            return min(self.sentences, available)
        if self.ratio is not None:
            return min(available, max(1, math.floor(self.ratio * available + 0.5)))
        return None


#: The fewest words of a cut piece after whole sentences: a word budget
#: that leaves fewer ends the summary instead (a dangling "and she said…"
#: tells the reader nothing; the measurements are in the module doc).
MIN_CUT_WORDS = 4

#: The rule of each length (at most one is given).
LENGTH_RULES: dict[str, Rule] = {"ratio": Interval(0.0, 1.0, "(]"), "sentences": Count(), "words": Count()}


def check_lengths(**lengths: object) -> list[str]:
    """Check the lengths given (not ``None``): at most one, each within its
    rule (:data:`LENGTH_RULES`); the names of those given."""
    given = [name for name in LENGTH_RULES if lengths.get(name) is not None]
    if len(given) > 1:
        raise InvalidOptionError(
            f"give only one of {param('ratio')}, {param('sentences')} or {param('words')} (got {', '.join(map(param, given))})"
        )
    for name in given:
        check(name, lengths[name], LENGTH_RULES[name])
    return given


@dataclass(frozen=True, slots=True)
class Selection:
    """The chosen sentences in document order; ``cut`` is ``(index, words)``
    when the sentence ``index`` keeps only its first ``words`` words (the
    one that crossed a word budget), else ``None``."""

    indices: tuple[int, ...]
    cut: tuple[int, int] | None = None


def choose(
    candidates: Sequence[int],
    scores: Sequence[float],
    word_counts: Sequence[int],
    S: csr_matrix,
    *,
    budget: Budget,
    redundancy: float = 1.0,
    trim: bool = True,
    diversity: float = 0.0,
    cut_words: Callable[[int, int], int] | None = None,
) -> Selection:
    """Choose sentences under ``budget`` (see the module doc).

    ``candidates`` are the selectable sentences; they are taken by score
    (ties: earlier first), or with ``diversity`` > 0 by marginal relevance
    to the ones chosen so far (``S`` gives the similarities). A candidate
    whose similarity to a chosen sentence is ``>= redundancy`` is skipped
    while others remain. ``cut_words(i, n)``: how many words ``i`` keeps
    when cut to at most ``n`` (fewer when a character makes several words;
    default ``n``).
    """
    import numpy as np

    order = sorted(candidates, key=lambda i: (-scores[i], i))
    limit = budget.sentence_limit(len(order))
    is_chosen = np.zeros(S.shape[0], dtype=bool)
    taken = _by_marginal_relevance(order, scores, S, diversity, is_chosen) if diversity > 0.0 and len(order) > 1 else order
    # Most sentences have no neighbour that similar: only those that do are
    # looked at below (a row at a time, which costs microseconds each).
    guarded: set[int] = set()
    if redundancy < 1.0:
        strong = S.data >= redundancy
        guarded = set(np.repeat(np.arange(S.shape[0]), np.diff(S.indptr))[strong].tolist())
    chosen: list[int] = []
    skipped: list[int] = []
    words = budget.words
    used_words = 0
    cut: tuple[int, int] | None = None
    full = False  # the word budget takes nothing more

    def admit(i: int) -> bool:
        """Whether the word budget takes ``i`` (counted if so): whole when
        it fits, else cut to the words left (with ``trim``), unless that
        piece is empty or, after other sentences, shorter than
        :data:`MIN_CUT_WORDS`: then the summary ends without it."""
        nonlocal used_words, cut, full
        assert words is not None
        left = words - used_words
        if word_counts[i] <= left:
            used_words += word_counts[i]
            full = used_words >= words
            return True
        kept = left if cut_words is None else cut_words(i, left)
        if kept <= 0 or (chosen and kept < MIN_CUT_WORDS):
            full = bool(chosen)
            return False
        cut, used_words, full = (i, kept), used_words + kept, True
        return True

    for i in taken:
        if full or (limit is not None and len(chosen) >= limit):
            break
        if words is not None and (word_counts[i] == 0 or (not trim and word_counts[i] > words - used_words)):
            continue
        if i in guarded and chosen:
            a, b = S.indptr[i], S.indptr[i + 1]
            if np.any(S.data[a:b][is_chosen[S.indices[a:b]]] >= redundancy):
                skipped.append(i)
                continue
        if words is not None and not admit(i):
            continue
        chosen.append(i)
        is_chosen[i] = True
    # The guard never shrinks a summary below its budget: when nothing else
    # is left, the skipped sentences fill it, best first.
    if limit is not None and len(chosen) < limit:
        chosen.extend(skipped[: limit - len(chosen)])
    if words is not None and trim:
        for i in skipped:
            if full:
                break
            if admit(i):
                chosen.append(i)
    if not chosen and words is not None:
        # A unit without a word fits any budget; it is the summary only
        # when no other unit fits. Nothing fits: the summary is empty.
        chosen = [i for i in order if word_counts[i] == 0][:1]
    return Selection(tuple(sorted(chosen)), cut)


def _by_marginal_relevance(
    order: Sequence[int], scores: Sequence[float], S: csr_matrix, diversity: float, is_chosen: np.ndarray
) -> Iterator[int]:
    """``order``'s candidates (by score, ties earlier first), best marginal
    relevance first (module doc), against the sentences ``is_chosen`` marks
    when each is asked for: the caller marks what it takes, and a candidate
    it passes over never counts against the others.

    A candidate no chosen sentence resembles has its score's value, and
    every later one in ``order`` at most its own: so the best is either the
    next untouched candidate of ``order`` or the top of a heap holding the
    ones passed over because a choice came near them, each under the value
    it had when it went in (values only fall as sentences are chosen). The
    top is taken if that value is still current and beats the untouched
    one, else it goes back under its new value (lazy greedy). Each choice
    reads one row of ``S``, so the cost follows the similarities, not
    candidates times choices.
    """
    import heapq

    import numpy as np

    values = np.asarray(scores, dtype=np.float64).tolist()  # Python floats: this loop is all scalar work
    best = max(values[i] for i in order)
    scale = (1.0 - diversity) / best if best > 0 else 0.0
    n = S.shape[0]
    nearest = [0.0] * n  # each sentence's highest similarity to a chosen one
    seen = [0.0] * n  # what it was when the sentence last went into the heap
    # A chosen sentence's row is read as Python numbers (its loop is scalar
    # work); only chosen rows are, so the matrix is never converted whole.
    indptr, indices, data = S.indptr.tolist(), S.indices, S.data
    heap: list[tuple[float, int]] = []
    push, pop, replace = heapq.heappush, heapq.heappop, heapq.heapreplace
    p, m = 0, len(order)
    while True:
        # The next untouched candidate: one a choice came near goes to the
        # heap instead, under its value now (so a candidate enters the heap
        # only once the choices reach its score).
        while p < m and nearest[order[p]] > 0.0:
            c = order[p]
            seen[c] = nearest[c]
            push(heap, (-(scale * values[c] - diversity * nearest[c]), c))
            p += 1
        while heap:  # make the top current
            j = heap[0][1]
            if nearest[j] == seen[j]:
                break
            seen[j] = nearest[j]
            replace(heap, (-(scale * values[j] - diversity * nearest[j]), j))
        if p < m and not (heap and heap[0] < (-scale * values[order[p]], order[p])):
            i = order[p]
            p += 1
        elif heap:
            i = pop(heap)[1]
        else:
            return
        yield i
        if is_chosen[i]:
            a, b = indptr[i], indptr[i + 1]
            for j, v in zip(indices[a:b].tolist(), data[a:b].tolist()):
                if v > nearest[j]:
                    nearest[j] = v


def select(
    candidates: Sequence[int],
    scores: Sequence[float],
    word_counts: Sequence[int],
    S: csr_matrix,
    *,
    budget: Budget,
    redundancy: float = 1.0,
) -> list[int]:
    """The whole-sentence rule of :func:`choose` (``trim=False``): the
    chosen indices in document order. With a word budget a sentence that
    does not fit is skipped; none fits, none is returned."""
    return list(choose(candidates, scores, word_counts, S, budget=budget, redundancy=redundancy, trim=False).indices)
