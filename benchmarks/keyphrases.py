"""Keyphrases on the two keyphrase dev corpora, against the peers, in one run.

Systems: ours (:func:`summarizer.keywords`), the TF-IDF top-terms baseline,
YAKE (``yake``), summa's ``keywords`` and multi-rake (English only: it has
no Arabic stop words), scored by :mod:`summarizer_eval.keyphrases`
(P/R/F1 at 5, 10, 15; exact normalized match and stemmed match; bootstrap
intervals; every system paired with ours). Then the TextRank paper's own
protocol on Inspec (:func:`textrank_protocol`), and the speed of
keyphrases against the summary of a 1,000-sentence document (and summa's
keywords on the same text)::

    python -m benchmarks.keyphrases [--resamples N] [--out DIR] [--force]

The corpora are ``$SUMMARIZER_DATA/akec-dev`` and ``inspec-dev`` (default
``../shared/data`` beside the checkout). Results hold scores only.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .output import REPO, BenchmarkError, ResultSet

__all__ = ["CORPORA", "PEERS", "RESULTS", "check_keyphrases", "main", "run_keyphrases", "textrank_protocol"]

DATA = Path(os.environ.get("SUMMARIZER_DATA") or REPO.parent / "shared" / "data")
#: name -> (language, what it is).
CORPORA: dict[str, tuple[str, str]] = {
    "akec-dev": ("ar", "AKEC train split: 100 Arabic articles, crowd keyphrases (diacritics removed)"),
    "inspec-dev": ("en", "Inspec Validation set: 500 English abstracts, indexers' uncontrolled keyphrases"),
}
#: The peers, each with the languages it runs on.
PEERS: dict[str, tuple[str, ...]] = {"yake": ("ar", "en"), "summa": ("ar", "en"), "multi-rake": ("en",)}
TOP = 15
#: The paper's Table 1, on Inspec's test set (precision, recall, F).
PAPER = {"precision": 31.2, "recall": 43.1, "f": 36.2}
SPEED_SENTENCES = 1_000


@dataclass
class Peer:
    """A peer as an :class:`~summarizer_eval.keyphrases.Extractor`."""

    name: str
    run: Callable[[str], list[str]]

    def extract(self, document: Any, top: int) -> list[str]:
        return self.run(document.text)[:top]


def make_peer(name: str, language: str) -> Peer:
    """A peer configured as its documentation suggests for ``language``."""
    if name == "yake":
        import yake

        extractor = yake.KeywordExtractor(lan=language, n=3, top=TOP)
        return Peer(name, lambda text: [k for k, _ in extractor.extract_keywords(text)])
    if name == "summa":
        from summa.keywords import keywords as summa_keywords

        lang = {"ar": "arabic", "en": "english"}[language]

        def run(text: str) -> list[str]:
            try:
                return list(summa_keywords(text, words=TOP, language=lang, split=True))
            except IndexError:  # summa 1.2 fails when asked for more words than a short text has
                return list(summa_keywords(text, ratio=1.0, language=lang, split=True))

        return Peer(name, run)
    if name == "multi-rake":
        from multi_rake import Rake

        rake = Rake(language_code=language)
        return Peer(name, lambda text: [k for k, _ in rake.apply(text)])
    raise BenchmarkError(f"unknown peer {name!r}; valid peers: {', '.join(PEERS)}")


def corpus_path(name: str) -> Path:
    path = DATA / name
    if not any(path.glob("*/keyphrases.txt")):
        raise BenchmarkError(f"{name} not found at {path}: put ../shared/data beside the checkout or set SUMMARIZER_DATA")
    return path


def run_corpus(name: str, *, resamples: int, peers: Sequence[str] = tuple(PEERS), log: Callable[[str], None] = lambda _: None) -> dict[str, Any]:
    """Every system on one corpus: means, intervals, paired differences with ours."""
    from summarizer_eval import Bootstrap
    from summarizer_eval.keyphrases import Ours, TfidfTerms, evaluate_keyphrases, load_keyphrase_corpus

    language, about = CORPORA[name]
    corpus = load_keyphrase_corpus(corpus_path(name))
    systems: list[Any] = [Ours(), TfidfTerms(corpus)]
    systems += [make_peer(p, language) for p in peers if language in PEERS[p]]
    report = evaluate_keyphrases(corpus, systems, bootstrap=Bootstrap(resamples=resamples))
    log(f"{name}: " + ", ".join(f"{s} {report.f1(s, 'exact', 10).mean:.3f}" for s in report.systems))
    return {"name": name, "about": about, "language": language, **report.to_dict()}


def textrank_protocol(name: str = "inspec-dev") -> dict[str, Any]:
    """Mihalcea & Tarau (2004), section 3.1, on Inspec, as far as it can be
    followed without a part-of-speech tagger.

    The paper: the abstract (title included) is tokenized and tagged; nouns
    and adjectives are the vertices; a window of 2; PageRank (damping 0.85)
    until convergence; the top third of the vertices (T = |V| / 3) are the
    keywords; sequences of adjacent keywords in the text are collapsed into
    multi-word keywords; the result is scored against the indexers'
    uncontrolled keyphrases, P and R over all keyphrases extracted (no
    cut-off), macro over documents (their Table 1 reports the corpus
    totals; both are given here).

    Here: our content words stand for nouns and adjectives (stop words,
    numbers and one-letter words out: no tagger), title included (headings
    feed the graph), window 2 over content words, damping 0.85, uniform
    teleport, no stemming of vertices (the paper groups none); the top
    third of the vertices are kept, runs of adjacent kept words (only
    spaces or a hyphen between them) become one keyword, and a kept word
    is a keyword of its own where it stands alone. Matching is exact on
    normalized phrases (case folded, hyphens as spaces).
    """
    from dataclasses import replace

    from summarizer.keyphrases import DEFAULT_RULES, graph, pagerank, stop_words_for, tokens
    from summarizer.pipeline import normalize_all, split
    from summarizer.vectorize import load_stop_words
    from summarizer_eval.keyphrases import load_keyphrase_corpus, match_key

    rules = replace(DEFAULT_RULES, window=2, damping=0.85, position=0.0, stem=False)
    corpus = load_keyphrase_corpus(corpus_path(name))
    totals = {"extracted": 0, "correct": 0, "correct_stemmed": 0, "gold": 0}
    per_doc: list[tuple[float, float]] = []
    for doc in corpus.documents:
        seg = split(doc.text)
        normalized = normalize_all([u.text for u in seg.units])
        stops = stop_words_for(load_stop_words(seg.language), seg.language)
        found = tokens(doc.text, seg.units, normalized, stop_words=stops, rules=rules)
        feeding = [i for i, u in enumerate(seg.units) if u.kind != "boilerplate"]
        word_graph = graph(found, feeding, rules=rules)
        # The paper's graph is unweighted: an edge where two words co-occur.
        ranks = pagerank(word_graph.weights.sign(), damping=0.85)
        order = sorted(range(len(ranks)), key=lambda v: -ranks[v])
        kept = {int(word_graph.vertices[v]) for v in order[: max(1, len(order) // 3)]} if len(order) else set()
        phrases: set[str] = set()
        run: list[str] = []
        last_unit = -1
        for key, group, content, joined, unit in zip(found.key.tolist(), found.group.tolist(), found.content.tolist(), found.joined.tolist(), found.unit.tolist()):
            if unit != last_unit and run:
                phrases.add(" ".join(run))
                run = []
            last_unit = unit
            if content and group in kept:
                if run and not joined:
                    phrases.add(" ".join(run))
                    run = []
                run.append(found.keys[key])
            elif run:
                phrases.add(" ".join(run))
                run = []
        if run:
            phrases.add(" ".join(run))
        gold = {match_key(g) for g in doc.gold}
        correct = len(phrases & gold)
        totals["extracted"] += len(phrases)
        totals["correct"] += correct
        totals["gold"] += len(gold)
        totals["correct_stemmed"] += len({match_key(x, "stemmed") for x in phrases} & {match_key(g, "stemmed") for g in doc.gold})
        per_doc.append((correct / len(phrases) if phrases else 0.0, correct / len(gold)))
    p = totals["correct"] / totals["extracted"]
    r = totals["correct"] / totals["gold"]
    ps, rs = totals["correct_stemmed"] / totals["extracted"], totals["correct_stemmed"] / totals["gold"]
    mp = sum(x for x, _ in per_doc) / len(per_doc)
    mr = sum(y for _, y in per_doc) / len(per_doc)
    return {
        "corpus": name,
        "documents": len(corpus.documents),
        "totals": totals,
        "micro": {"precision": 100 * p, "recall": 100 * r, "f": 100 * 2 * p * r / (p + r) if p + r else 0.0},
        "micro_stemmed": {"precision": 100 * ps, "recall": 100 * rs, "f": 100 * 2 * ps * rs / (ps + rs) if ps + rs else 0.0},
        "macro": {"precision": 100 * mp, "recall": 100 * mr, "f": 100 * 2 * mp * mr / (mp + mr) if mp + mr else 0.0},
        "paper_test_set": PAPER,
    }


def run_speed(*, repeats: int = 5, sentences: int = SPEED_SENTENCES) -> dict[str, Any]:
    """Best-of-``repeats`` seconds (in interleaved rounds) of the summary, our keyphrases and
    summa's keywords on one synthetic document (:mod:`benchmarks.synthetic`)."""
    from summa.keywords import keywords as summa_keywords

    from summarizer import keywords, summarize

    from .output import find_easc
    from .synthetic import default_sources, load_vocabulary, synthetic_document

    try:
        easc: Path | None = find_easc(DATA / "easc-dev")
    except BenchmarkError:
        easc = None
    text = synthetic_document(sentences, load_vocabulary(default_sources(REPO, easc)), seed=0)
    runs: dict[str, Callable[[], object]] = {
        "summary": lambda: summarize(text),
        "keyphrases": lambda: keywords(text, top=10),
        "summary+keyphrases": lambda: summarize(text, keywords=10),
        "summa keywords": lambda: summa_keywords(text, words=10, language="arabic"),
    }
    times: dict[str, list[float]] = {name: [] for name in runs}
    # Rounds of one run each, so a change of the machine's load between
    # rounds reaches every system alike (summa's, a minute long, runs once).
    for round_ in range(repeats):
        for name, run in runs.items():
            if name == "summa keywords" and round_:
                continue
            started = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - started)
    best = {name: min(t) for name, t in times.items()}
    return {"sentences": sentences, "characters": len(text), "repeats": repeats, "seconds": best}


def check_keyphrases(results: dict[str, Any]) -> list[Any]:
    """The targets: on each corpus our F1@10 (exact match) above the best
    peer's, the paired bootstrap interval of the difference above 0; our
    keyphrases of a 1,000-sentence document no slower than its summary."""
    from .targets import Check

    checks = []
    for corpus in results["corpora"]:
        peers = [s for s in corpus["systems"] if s in PEERS]
        f1 = {m["system"]: m["mean"] for m in corpus["means"] if m["match"] == "exact" and m["k"] == 10 and m["stat"] == "f1"}
        best = max(peers, key=lambda s: f1[s])
        d = next(c for c in corpus["comparisons"] if c["system"] == best and c["match"] == "exact" and c["k"] == 10)
        # The comparisons are peer − ours: ours is better when the interval is below 0.
        checks.append(
            Check(
                f"{corpus['name']}: F1@10 ours above the best peer ({best})",
                "ours − peer > 0, paired 95% interval",
                f"{f1['ours']:.3f} vs {f1[best]:.3f}: Δ {-d['mean']:+.3f} [{-d['high']:+.3f}, {-d['low']:+.3f}]",
                d["high"] < 0.0,
            )
        )
    speed = results.get("speed")
    if speed:
        s = speed["seconds"]
        checks.append(
            Check(
                f"keyphrases ÷ summary at {speed['sentences']:,} sentences",
                "≤ 1×",
                f"{s['keyphrases'] / s['summary']:.2f}× ({s['keyphrases']:.3f} s against {s['summary']:.3f} s)",
                s["keyphrases"] <= s["summary"],
            )
        )
    return checks


def run_keyphrases(*, resamples: int = 10_000, speed: bool = True, log: Callable[[str], None] = lambda _: None) -> dict[str, Any]:
    from .output import machine

    for name in CORPORA:
        corpus_path(name)
    out: dict[str, Any] = {"machine": machine(), "corpora": [run_corpus(n, resamples=resamples, log=log) for n in CORPORA]}
    out["textrank_protocol"] = textrank_protocol()
    if speed:
        out["speed"] = run_speed()
    out["checks"] = [c.to_dict() for c in check_keyphrases(out)]
    return out


def format_markdown(results: dict[str, Any]) -> str:
    from .output import describe

    lines = [
        "# Keyphrases on the two keyphrase dev corpora",
        "",
        f"{describe(results['machine'])} `python -m benchmarks.keyphrases --force`. Precision, recall and F1 "
        "at 5, 10 and 15 against the gold keyphrases (`summarizer_eval.keyphrases`): means over documents with "
        "95% percentile-bootstrap intervals; Δ is each system's F1 minus ours, paired on the same documents.",
    ]
    for corpus in results["corpora"]:
        for match in ("exact", "stemmed"):
            means = {(m["system"], m["k"], m["stat"]): m for m in corpus["means"] if m["match"] == match}
            lines += ["", f"## {corpus['name']} ({match} match): {corpus['about']}", "", f"{corpus['documents']} documents.", ""]
            lines += ["| system | P@5 | R@5 | F1@5 | P@10 | R@10 | F1@10 | P@15 | R@15 | F1@15 | Δ F1@10 vs ours | seconds |", "|---|" + "--:|" * 11]
            for s in corpus["systems"]:
                cells = [_cell(means[(s, k, stat)]) for k in (5, 10, 15) for stat in ("precision", "recall", "f1")]
                d = next((c for c in corpus["comparisons"] if c["system"] == s and c["match"] == match and c["k"] == 10), None)
                delta = f"{d['mean']:+.3f} [{d['low']:+.3f}, {d['high']:+.3f}] {d['verdict']}" if d else "(ours)"
                lines.append(f"| {s} | " + " | ".join(cells) + f" | {delta} | {corpus['seconds'][s]:.2f} |")
    p = results["textrank_protocol"]
    lines += [
        "",
        "## The TextRank paper's protocol on Inspec (Mihalcea & Tarau 2004, Table 1)",
        "",
        f"{p['documents']} abstracts of the Validation set (the paper's figures are on the Test set). "
        "Top third of the vertices, adjacent ones collapsed, all extracted phrases scored (see "
        "`textrank_protocol`'s docstring for how each step was followed).",
        "",
        "| | precision | recall | F |",
        "|---|--:|--:|--:|",
        f"| paper (Test set, corpus totals) | {p['paper_test_set']['precision']} | {p['paper_test_set']['recall']} | {p['paper_test_set']['f']} |",
        f"| ours, corpus totals (micro) | {p['micro']['precision']:.1f} | {p['micro']['recall']:.1f} | {p['micro']['f']:.1f} |",
        f"| ours, corpus totals, stemmed match | {p['micro_stemmed']['precision']:.1f} | {p['micro_stemmed']['recall']:.1f} | {p['micro_stemmed']['f']:.1f} |",
        f"| ours, mean over abstracts (macro) | {p['macro']['precision']:.1f} | {p['macro']['recall']:.1f} | {p['macro']['f']:.1f} |",
        "",
        f"{p['totals']['extracted']} phrases extracted, {p['totals']['correct']} correct ({p['totals']['correct_stemmed']} with stemmed match), {p['totals']['gold']} gold.",
    ]
    if "speed" in results:
        sp = results["speed"]
        lines += ["", f"## Speed: one synthetic document of {sp['sentences']:,} sentences ({sp['characters']:,} characters)", "",
                  "| run | seconds (best of the repeats) |", "|---|--:|"]
        lines += [f"| {k} | {v:.4f} |" for k, v in sp["seconds"].items()]
    lines += ["", "## Targets", "", "| target | limit | measured | met |", "|---|---|---|---|"]
    lines += [f"| {c['name']} | {c['target']} | {c['measured']} | {'yes' if c['ok'] else '**no**'} |" for c in results["checks"]]
    return "\n".join(lines) + "\n"


def _cell(d: dict[str, Any]) -> str:
    return f"{d['mean']:.3f} [{d['low']:.3f}, {d['high']:.3f}]"


def main(argv: Sequence[str] | None = None) -> None:
    from .output import check_free, command, log

    parser = argparse.ArgumentParser(prog="python -m benchmarks.keyphrases", description="Keyphrases against YAKE, summa and multi-rake on AKEC and Inspec dev.")
    parser.add_argument("--resamples", type=int, default=10_000, help="bootstrap resamples (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results", help="results folder (default: %(default)s)")
    parser.add_argument("--force", action="store_true", help="replace existing results")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)

    def body() -> None:
        if not args.out.is_dir():
            raise BenchmarkError(f"{args.out} is not a folder")
        check_free(RESULTS.files(args.out).values(), force=args.force)
        results = run_keyphrases(resamples=args.resamples, log=log)
        RESULTS.write(results, args.out, force=args.force)
        sys.stdout.write("".join(f"{c['name']}: {c['measured']} ({'met' if c['ok'] else 'MISSED'})\n" for c in results["checks"]))

    command("benchmarks.keyphrases", body)


#: keyphrases.json and keyphrases.md.
RESULTS = ResultSet("keyphrases", format_markdown)

if __name__ == "__main__":
    main()
