"""Keyphrase evaluation: precision, recall and F1 at 5, 10 and 15.

A corpus is a folder of ``<id>/document.txt`` with ``<id>/keyphrases.txt``
beside it (one gold phrase a line). A system gives each document a ranked
list of phrases; the first *k* distinct ones are compared with the gold
phrases, after both sides are put in the same form:

``exact``    the phrase's tokens after the summarizer's normalization
             (:func:`summarizer.text.normalize.normalize`: diacritics
             removed, letter variants folded, case folded), joined by one
             space, so whitespace, punctuation and hyphens between words do
             not count ("high-resolution" is "high resolution");
``stemmed``  the same tokens stemmed: Arabic by the summarizer's light
             stemmer, other scripts by Porter's (nltk's, which rouge-score
             already brings), so "المكتبات" is "بالمكتبة" and "methods" is
             "method".

Precision at *k* is the share of the system's first *k* distinct phrases
(fewer when it gave fewer; none given scores 0) that are gold; recall the
share of the distinct gold phrases found among them; F1 their harmonic
mean, per document. Corpus figures are means over documents with
percentile-bootstrap intervals (:class:`~summarizer_eval.bootstrap.Bootstrap`),
and every system is compared with the first, paired on the same documents.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal, Protocol

from summarizer.text.normalize import ARABIC_LETTERS, detect_language, normalize, tokenize
from summarizer.text.stem import light_stem

from .bootstrap import Bootstrap, Difference, Interval
from .corpus import codec_for
from .errors import CorpusError, EvalError

__all__ = [
    "CUTOFFS",
    "MATCHES",
    "Extractor",
    "KeyphraseCorpus",
    "KeyphraseDocument",
    "KeyphraseReport",
    "Ours",
    "PhraseFiles",
    "Scores",
    "TfidfTerms",
    "evaluate_keyphrases",
    "KEYPHRASE_FORMATS",
    "KEYPHRASE_SYSTEMS",
    "format_keyphrase_report",
    "is_keyphrase_corpus",
    "keyphrase_documents_csv",
    "keyphrase_table",
    "render_keyphrase_report",
    "load_keyphrase_corpus",
    "load_phrase_files",
    "make_extractors",
    "match_key",
    "score_at",
]

#: The cut-offs reported.
CUTOFFS: tuple[int, ...] = (5, 10, 15)
Match = Literal["exact", "stemmed"]
MATCHES: tuple[Match, ...] = ("exact", "stemmed")


@cache
def _porter() -> Callable[[str], str]:
    from nltk.stem.porter import PorterStemmer

    stemmer = PorterStemmer()
    return stemmer.stem


def _stem(token: str) -> str:
    return light_stem(token) if ARABIC_LETTERS.match(token) else _porter()(token)


def match_key(phrase: str, match: Match = "exact") -> str:
    """The form in which two phrases match (see the module doc); ``""`` for
    a phrase with no letter or digit."""
    tokens = tokenize(normalize(phrase))
    if match == "stemmed":
        tokens = [_stem(t) for t in tokens]
    return " ".join(tokens)


@dataclass(frozen=True, slots=True)
class Scores:
    """Precision, recall and F1 of one ranked list at one cut-off."""

    precision: float
    recall: float
    f1: float


def score_at(predicted: Sequence[str], gold: Iterable[str], k: int, match: Match = "exact") -> Scores:
    """Score the first ``k`` distinct phrases of ``predicted`` against ``gold``."""
    truth = {key for key in (match_key(g, match) for g in gold) if key}
    keys: list[str] = []
    for phrase in predicted:
        key = match_key(phrase, match)
        if key and key not in keys:
            keys.append(key)
            if len(keys) == k:
                break
    hits = sum(key in truth for key in keys)
    precision = hits / len(keys) if keys else 0.0
    recall = hits / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return Scores(precision, recall, f1)


@dataclass(frozen=True, slots=True)
class KeyphraseDocument:
    doc_id: str
    text: str
    gold: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class KeyphraseCorpus:
    path: str
    documents: tuple[KeyphraseDocument, ...]

    def __len__(self) -> int:
        return len(self.documents)


def _read(path: Path, encoding: str) -> str:
    data = path.read_bytes()
    try:
        return data.decode(codec_for(data, encoding))
    except UnicodeDecodeError as e:
        raise CorpusError(f"{path}: not {encoding} text ({e.reason} at byte {e.start})") from None


def load_keyphrase_corpus(path: str | Path, *, encoding: str = "utf-8") -> KeyphraseCorpus:
    """Read ``<id>/document.txt`` and ``<id>/keyphrases.txt`` pairs, ids in
    sorted order; a folder without them, an empty document or an empty
    gold list is a :class:`~summarizer_eval.errors.CorpusError`."""
    root = Path(path)
    if not root.is_dir():
        raise CorpusError(f"{root}: not a folder of <id>/document.txt and <id>/keyphrases.txt")
    docs = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        document, phrases = folder / "document.txt", folder / "keyphrases.txt"
        if not document.is_file() and not phrases.is_file():
            continue
        for needed in (document, phrases):
            if not needed.is_file():
                raise CorpusError(f"{needed}: missing (each document needs document.txt and keyphrases.txt)")
        text = _read(document, encoding)
        if not tokenize(normalize(text)):
            raise CorpusError(f"{document}: no words")
        gold = tuple(line.strip() for line in _read(phrases, encoding).splitlines() if line.strip())
        if not gold:
            raise CorpusError(f"{phrases}: no keyphrase")
        docs.append(KeyphraseDocument(folder.name, text, gold))
    if not docs:
        raise CorpusError(f"{root}: no <id>/document.txt with <id>/keyphrases.txt")
    return KeyphraseCorpus(str(root), tuple(docs))


class Extractor(Protocol):
    """A keyphrase system: ranked phrases for a document."""

    @property
    def name(self) -> str: ...

    def extract(self, document: KeyphraseDocument, top: int) -> list[str]: ...


@dataclass(frozen=True)
class Ours:
    """This project's keyphrases (:func:`summarizer.keywords`)."""

    name: str = "ours"
    options: Mapping[str, Any] | None = None

    def extract(self, document: KeyphraseDocument, top: int) -> list[str]:
        from summarizer import keywords

        return [k.text for k in keywords(document.text, top=top, **dict(self.options or {}))]


class TfidfTerms:
    """The baseline: the document's words by TF-IDF (document frequency
    over the corpus), stop words and numbers left out, each shown in its
    normalized form."""

    name = "tfidf"

    def __init__(self, corpus: KeyphraseCorpus) -> None:
        from summarizer.vectorize import load_stop_words

        self._stops = {lang: load_stop_words(lang) for lang in ("ar", "en")}
        self._df: Counter[str] = Counter()
        for doc in corpus.documents:
            self._df.update(set(tokenize(normalize(doc.text))))
        self._n = len(corpus)

    def extract(self, document: KeyphraseDocument, top: int) -> list[str]:
        stops = self._stops[detect_language(document.text)]
        tf = Counter(t for t in tokenize(normalize(document.text)) if t not in stops and not t.isdigit() and len(t) > 1)
        weight = {t: c * math.log((1 + self._n) / (1 + self._df[t])) for t, c in tf.items()}
        return sorted(weight, key=lambda t: -weight[t])[:top]


@dataclass(frozen=True)
class PhraseFiles:
    """Phrases made elsewhere: a folder of ``<id>.txt``, one phrase a line
    in rank order."""

    name: str
    source: str
    phrases: Mapping[str, tuple[str, ...]]

    def extract(self, document: KeyphraseDocument, top: int) -> list[str]:
        try:
            return list(self.phrases[document.doc_id])
        except KeyError:
            raise EvalError(f"{self.name}: no {document.doc_id}.txt in {self.source}") from None


def load_phrase_files(name: str, path: str | Path, *, encoding: str = "utf-8") -> PhraseFiles:
    """Read a folder of ``<id>.txt`` phrase lists (hidden files and other
    extensions ignored; an empty folder is an error)."""
    root = Path(path)
    if not root.is_dir():
        raise CorpusError(f"{root}: not a folder of <id>.txt phrase lists")
    phrases = {
        p.stem: tuple(line.strip() for line in _read(p, encoding).splitlines() if line.strip())
        for p in sorted(root.glob("*.txt"))
        if not p.name.startswith(".")
    }
    if not phrases:
        raise CorpusError(f"{root}: no <id>.txt phrase list")
    return PhraseFiles(name, str(root), phrases)


@dataclass(frozen=True)
class KeyphraseReport:
    """Per-document scores of every system, their means with intervals, and
    each system's paired comparison with the first (on F1)."""

    corpus: str
    ids: tuple[str, ...]
    systems: tuple[str, ...]
    #: (system, match, k) -> per-document scores.
    scores: Mapping[tuple[str, str, int], tuple[Scores, ...]]
    means: Mapping[tuple[str, str, int, str], Interval]
    #: (system, match, k) -> F1 of the system minus the first system's.
    comparisons: Mapping[tuple[str, str, int], Difference]
    seconds: Mapping[str, float]

    def f1(self, system: str, match: str, k: int) -> Interval:
        return self.means[(system, match, k, "f1")]

    def to_dict(self) -> dict[str, Any]:
        return {
            "corpus": self.corpus,
            "documents": len(self.ids),
            "systems": list(self.systems),
            "seconds": dict(self.seconds),
            "means": [
                {"system": s, "match": m, "k": k, "stat": stat, **iv.to_dict()} for (s, m, k, stat), iv in self.means.items()
            ],
            "comparisons": [
                {"system": s, "baseline": self.systems[0], "match": m, "k": k, "stat": "f1", **d.to_dict()}
                for (s, m, k), d in self.comparisons.items()
            ],
        }


def evaluate_keyphrases(
    corpus: KeyphraseCorpus,
    systems: Sequence[Extractor],
    *,
    cutoffs: Sequence[int] = CUTOFFS,
    bootstrap: Bootstrap | None = None,
) -> KeyphraseReport:
    """Run every system on every document and score it (see the module doc)."""
    import time

    if not systems:
        raise EvalError("no keyphrase system to evaluate")
    names = tuple(s.name for s in systems)
    if len(set(names)) != len(names):
        raise EvalError(f"two systems have one name: {', '.join(names)}")
    bootstrap = bootstrap or Bootstrap()
    top = max(cutoffs)
    scores: dict[tuple[str, str, int], list[Scores]] = {}
    seconds: dict[str, float] = {}
    for system in systems:
        started = time.perf_counter()
        lists = [system.extract(doc, top) for doc in corpus.documents]
        seconds[system.name] = time.perf_counter() - started
        for match in MATCHES:
            for k in cutoffs:
                scores[(system.name, match, k)] = [score_at(p, doc.gold, k, match) for p, doc in zip(lists, corpus.documents)]
    means: dict[tuple[str, str, int, str], Interval] = {}
    comparisons: dict[tuple[str, str, int], Difference] = {}
    for (name, matched, k), rows in scores.items():
        for stat in ("precision", "recall", "f1"):
            means[(name, matched, k, stat)] = bootstrap.interval([getattr(r, stat) for r in rows])
        if name != names[0]:
            comparisons[(name, matched, k)] = bootstrap.compare([r.f1 for r in rows], [r.f1 for r in scores[(names[0], matched, k)]])
    return KeyphraseReport(
        corpus.path, tuple(d.doc_id for d in corpus.documents), names,
        {key: tuple(rows) for key, rows in scores.items()}, means, comparisons, seconds,
    )


def format_keyphrase_report(report: KeyphraseReport, *, match: Match = "exact") -> str:
    """A Markdown table: P/R/F1 at each cut-off per system, with intervals,
    and the paired F1 differences with the first system."""
    cutoffs = sorted({k for (_, _, k) in report.scores})
    head = "| system | " + " | ".join(f"P@{k} | R@{k} | F1@{k}" for k in cutoffs) + " |"
    lines = [f"{report.corpus}: {len(report.ids)} documents, {match} match", "", head, "|---|" + "--:|" * (3 * len(cutoffs))]

    def cell(iv: Interval) -> str:
        return f"{iv.mean:.3f} [{iv.low:.3f}, {iv.high:.3f}]"

    for s in report.systems:
        cells = [cell(report.means[(s, match, k, stat)]) for k in cutoffs for stat in ("precision", "recall", "f1")]
        lines.append(f"| {s} | " + " | ".join(cells) + " |")
    if len(report.systems) > 1:
        lines += ["", f"F1 minus {report.systems[0]}'s, paired bootstrap:", ""]
        for s in report.systems[1:]:
            lines.append(f"- {s}: {_differences(report, s, match, cutoffs)}")
    return "\n".join(lines) + "\n"


#: The built-in keyphrase systems, by name (what the command line lists).
KEYPHRASE_SYSTEMS: tuple[str, ...] = ("ours", "tfidf")
#: The formats a keyphrase report is printed in.
KEYPHRASE_FORMATS: tuple[str, ...] = ("table", "json", "markdown")


def is_keyphrase_corpus(path: str | Path) -> bool:
    """A folder whose documents have ``keyphrases.txt`` and none has
    ``references/`` (nor the folder itself): the layout decides the task."""
    root = Path(path)
    if not root.is_dir() or (root / "references").is_dir():
        return False
    folders = [p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")]
    return any((p / "keyphrases.txt").is_file() for p in folders) and not any((p / "references").is_dir() for p in folders)


def make_extractors(names: Sequence[str], corpus: KeyphraseCorpus) -> list[Extractor]:
    """The built-in systems ``names`` (of :data:`KEYPHRASE_SYSTEMS`)."""
    made: dict[str, Callable[[], Extractor]] = {"ours": Ours, "tfidf": lambda: TfidfTerms(corpus)}
    return [made[n]() for n in names]


def _differences(report: KeyphraseReport, system: str, match: str, cutoffs: Sequence[int]) -> str:
    """``system``'s paired F1 differences with the first system at each cut-off, in one line."""
    return "; ".join(
        f"@{k} {d.mean:+.3f} [{d.low:+.3f}, {d.high:+.3f}] ({d.verdict})" for k in cutoffs for d in (report.comparisons[(system, match, k)],)
    )


def keyphrase_table(report: KeyphraseReport) -> str:
    """A plain-text table: for each match, P/R/F1 at each cut-off per system
    (means; intervals in the other formats), then the paired F1 differences
    with the first system."""
    cutoffs = sorted({k for (_, _, k) in report.scores})
    out = [f"{report.corpus}: {len(report.ids)} documents"]
    for match in MATCHES:
        head = ["system", *(f"{stat}@{k}" for k in cutoffs for stat in ("P", "R", "F1"))]
        rows = [head] + [
            [s, *(f"{report.means[(s, match, k, stat)].mean:.3f}" for k in cutoffs for stat in ("precision", "recall", "f1"))]
            for s in report.systems
        ]
        widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
        out += ["", f"{match} match"]
        out += ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip() for r in rows]
        for s in report.systems[1:]:
            out.append(f"F1 of {s} minus {report.systems[0]}: {_differences(report, s, match, cutoffs)}")
    return "\n".join(out) + "\n"


def keyphrase_documents_csv(report: KeyphraseReport) -> str:
    """Per-document scores: one row per document, system, match and cut-off."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "system", "match", "k", "precision", "recall", "f1"])
    for (system, match, k), rows in report.scores.items():
        for doc_id, r in zip(report.ids, rows):
            writer.writerow([doc_id, system, match, k, f"{r.precision:.6f}", f"{r.recall:.6f}", f"{r.f1:.6f}"])
    return buffer.getvalue()


def render_keyphrase_report(report: KeyphraseReport, fmt: str) -> str:
    """The report in one of :data:`KEYPHRASE_FORMATS` (``markdown``: both
    matches, one table each)."""
    if fmt == "json":
        from summarizer.strictjson import dumps

        return dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return "\n".join(format_keyphrase_report(report, match=m) for m in MATCHES)
    if fmt == "table":
        return keyphrase_table(report)
    raise EvalError(f"format must be one of {', '.join(KEYPHRASE_FORMATS)}, got {fmt!r}")
