"""ROUGE evaluation that is right for Arabic, with baselines and intervals.

>>> from summarizer_eval import ArabicRouge, load_corpus, evaluate, make_systems
>>> scorer = ArabicRouge(multi_ref="pooled")
>>> report = evaluate(load_corpus("../shared/data/easc-dev"),
...                   systems=make_systems(["textrank", "lead"], scorer=scorer), scorer=scorer)

The command line is ``summarize-eval`` (:mod:`summarizer_eval.cli`).
"""

from .bootstrap import Bootstrap, Difference, Interval
from .corpus import Corpus, Document, load_corpus
from .errors import CorpusError, EvalError
from .evaluate import Comparison, DocumentInfo, DocumentResult, Report, SystemResult, evaluate
from .report import FORMATS, documents_csv, format_report
from .rouge import METRICS, MULTI_REF_MODES, ArabicRouge, Counts, Score, Tokenized
from .systems import (
    SYSTEM_NAMES,
    DocumentView,
    Lead,
    Oracle,
    Random,
    System,
    TextRank,
    make_budget,
    make_systems,
)
from .tokenizers import STEMMERS, ArabicTokenizer

__all__ = [
    "FORMATS",
    "METRICS",
    "MULTI_REF_MODES",
    "STEMMERS",
    "SYSTEM_NAMES",
    "ArabicRouge",
    "ArabicTokenizer",
    "Bootstrap",
    "Comparison",
    "Corpus",
    "CorpusError",
    "Counts",
    "Difference",
    "Document",
    "DocumentInfo",
    "DocumentResult",
    "DocumentView",
    "EvalError",
    "Interval",
    "Lead",
    "Oracle",
    "Random",
    "Report",
    "Score",
    "System",
    "SystemResult",
    "TextRank",
    "Tokenized",
    "documents_csv",
    "evaluate",
    "format_report",
    "load_corpus",
    "make_budget",
    "make_systems",
]
