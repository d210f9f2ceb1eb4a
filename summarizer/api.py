"""The summarizer: options validated once, the pipeline's stages composed.

segment → normalize → vectorize → similarity → duplicates → PageRank →
select, each a public function of :mod:`summarizer.pipeline`. Heavy
libraries (scikit-learn, networkx) are imported by the stages that use
them, so ``import summarizer`` and the CLI start fast.
"""

from __future__ import annotations

from typing import Any

from .keyphrases import Keyword
from .options import DEFAULT_RATIO, Options
from .pipeline import Document, Progress, ProgressWatcher, Ranking, Segmented, Watcher, keyphrases, prepare, rank, select, split
from .result import Sentence, Summary

__all__ = ["DEFAULT_RATIO", "PROGRESS_MIN_CHARS", "Keyword", "Sentence", "Summarizer", "Summary", "keywords", "summarize"]

#: Documents shorter than this summarize in well under a second: no progress.
PROGRESS_MIN_CHARS = 200_000


class Summarizer(Options):
    """A configured summarizer; reuse it for many texts with one setting.

    The options are :class:`~summarizer.options.Options`' (keyword-only,
    validated when the summarizer is made). ``summarize(text)`` is
    ``select(rank(prepare(text)))``; the stages are methods too, for
    callers that reuse one analysis (rank a document several ways) or
    watch the stages (:class:`~summarizer.pipeline.Watcher`).
    """

    def split(self, text: str, *, watcher: Watcher | None = None) -> Segmented:
        """The text's units (see :func:`summarizer.pipeline.split`)."""
        return split(text, options=self, watcher=watcher)

    def prepare(self, source: str | Segmented, *, watcher: Watcher | None = None) -> Document:
        """The text analyzed (see :func:`summarizer.pipeline.prepare`)."""
        return prepare(source, options=self, watcher=watcher)

    def rank(self, document: Document, *, watcher: Watcher | None = None) -> Ranking:
        """Every unit's score (see :func:`summarizer.pipeline.rank`)."""
        return rank(document, options=self, watcher=watcher)

    def select(self, document: Document, ranking: Ranking, *, watcher: Watcher | None = None) -> Summary:
        """The summary (see :func:`summarizer.pipeline.select`)."""
        return select(document, ranking, options=self, watcher=watcher)

    def summarize(
        self, text: str | Segmented, *, progress: Progress | None = None, watcher: Watcher | None = None
    ) -> Summary:
        """Summarize ``text``; raise :class:`~summarizer.errors.EmptyDocumentError`
        if it has no words.

        ``progress(stage, done, total)`` is called at each stage of a long
        text (at least :data:`PROGRESS_MIN_CHARS` characters) and within its
        similarity search; ``watcher`` sees every stage of every text.
        """
        if progress is not None and watcher is None and isinstance(text, str) and len(text) >= PROGRESS_MIN_CHARS:
            watcher = ProgressWatcher(progress)
        document = self.prepare(text, watcher=watcher)
        return self.select(document, self.rank(document, watcher=watcher), watcher=watcher)

    __call__ = summarize

    def keyphrases(self, text: str | Segmented, *, top: int = 10) -> list[Keyword]:
        """The text's ``top`` keyphrases (see :func:`keywords`)."""
        return list(keyphrases(text, top=top, options=self))


def summarize(
    text: str | Segmented, *, progress: Progress | None = None, watcher: Watcher | None = None, **options: Any
) -> Summary:
    """Summarize ``text`` in one call: ``summarize(text, ratio=0.3)``.

    Options are the keyword arguments of :class:`Summarizer`; a misspelled
    one is an error that lists the valid names, never silently ignored.
    ``progress`` and ``watcher`` are those of :meth:`Summarizer.summarize`:
    they watch this one call and are not options of the summarizer.
    """
    return Summarizer(**options).summarize(text, progress=progress, watcher=watcher)


def keywords(text: str, top: int = 10, **options: Any) -> list[Keyword]:
    """The ``top`` keyphrases of ``text``, best first:
    ``keywords(text, top=5)[0].text``.

    Options are :class:`Summarizer`'s (``language``, ``stop_words``,
    ``stem``, ``keyword_window``; the summary's own are accepted and
    unused). A text with no content word (empty, only stop words, numbers
    or punctuation) has none: an empty list. A text of one word repeated
    has that word. ``top`` must be a positive whole number.
    """
    return Summarizer(**options).keyphrases(text, top=top)
