"""ROUGE evaluation that is right for Arabic, with baselines and intervals.

>>> from summarizer_eval import ArabicRouge, load_corpus, evaluate, make_systems
>>> scorer = ArabicRouge(multi_ref="pooled")
>>> report = evaluate(load_corpus("../shared/data/easc-dev"),
...                   systems=make_systems(["textrank", "lead"], scorer=scorer), scorer=scorer)

The command line is ``summarize-eval`` (:mod:`summarizer_eval.cli`).
"""

from .bootstrap import Bootstrap, Difference, Interval
from .candidates import Candidate, load_candidates, match_ids
from .corpus import Corpus, Document, load_corpus
from .errors import CorpusError, EvalError
from .evaluate import COMPARE_RULES, Comparison, DocumentInfo, DocumentResult, Report, SystemResult, evaluate
from .formats import FORMATS, format_report
from .peers import PEER_NAMES
from .report import documents_csv
from .rouge import METRICS, MULTI_REF_MODES, ArabicRouge, Counts, Score, Tokenized
from .systems import (
    DEFAULT_SYSTEMS,
    SYSTEM_NAMES,
    Lead,
    LeadSentences,
    Oracle,
    Random,
    TextRank,
    make_budget,
    make_systems,
)
from .tokenizers import STEMMERS, ArabicTokenizer
from .view import DocumentView, System, SystemSummary, corpus_sentences, cut_summary

__all__ = [
    "COMPARE_RULES",
    "DEFAULT_SYSTEMS",
    "FORMATS",
    "METRICS",
    "MULTI_REF_MODES",
    "PEER_NAMES",
    "STEMMERS",
    "SYSTEM_NAMES",
    "ArabicRouge",
    "ArabicTokenizer",
    "Bootstrap",
    "Candidate",
    "Comparison",
    "Corpus",
    "CorpusError",
    "Counts",
    "Difference",
    "Document",
    "DocumentInfo",
    "DocumentResult",
    "DocumentView",
    "corpus_sentences",
    "EvalError",
    "Interval",
    "Lead",
    "LeadSentences",
    "Oracle",
    "Random",
    "Report",
    "Score",
    "System",
    "SystemResult",
    "SystemSummary",
    "TextRank",
    "Tokenized",
    "cut_summary",
    "documents_csv",
    "evaluate",
    "format_report",
    "load_candidates",
    "load_corpus",
    "make_budget",
    "make_systems",
    "match_ids",
]
