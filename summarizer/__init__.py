"""Arabic-first extractive summarization (TextRank over TF-IDF).

>>> from summarizer import summarize
>>> summarize(text, ratio=0.3).text
"""

from .api import DEFAULT_RATIO, Sentence, Summarizer, Summary, summarize
from .errors import EmptyDocumentError, InvalidOptionError, SummarizerError, UnsupportedLanguageError

__all__ = [
    "DEFAULT_RATIO",
    "EmptyDocumentError",
    "InvalidOptionError",
    "Sentence",
    "Summarizer",
    "SummarizerError",
    "Summary",
    "UnsupportedLanguageError",
    "summarize",
]
__version__ = "0.1.0"
