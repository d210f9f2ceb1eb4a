"""Summaries made elsewhere, scored like any built-in system.

The everyday job of a ROUGE tool: another summarizer, a fine-tuned model,
an LLM or a person wrote summaries, and they are scored against the
corpus's references. Two forms, chosen from what the path is:

``folder``  one ``<id>.txt`` per document, ids as in the corpus, so the
    document ``sport/a`` has ``sport/a.txt``; hidden files and files not
    ending in ``.txt`` are ignored. A summary is running text or one
    sentence a line (the project's segmenter splits it either way).

``jsonl``   one JSON object a line, ``{"id": ..., "summary": ...}``, the
    summary a string or a list of sentences; blank lines are skipped.

Text is decoded strictly in the given encoding (UTF-8 by default, a BOM
dropped): a summary is the thing being judged, so bytes that do not decode
are an error, never silently replaced. Every other mistake names the file
or line: a repeated id, an empty summary, one with no letters or digits, an
id the corpus does not have (:func:`match_ids`), and a document without a
summary (or, when missing ones are allowed, a counted omission).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.select import Budget
from summarizer.text.normalize import normalize, tokenize

from .corpus import codec_for, json_lines
from .errors import CorpusError, EvalError
from .rouge import split_sentences
from .view import DocumentView, SystemSummary

__all__ = ["Candidate", "load_candidates", "match_ids", "parse_candidate_option"]


@dataclass(frozen=True)
class Candidate:
    """Summaries by document id, read from ``source``; a ``System`` that
    ignores the budget (the evaluation still cuts them to a word budget)."""

    name: str
    source: str
    form: str
    #: id -> the summary's sentences.
    summaries: Mapping[str, tuple[str, ...]] = field(repr=False)

    def summarize(self, view: DocumentView, budget: Budget) -> SystemSummary:
        try:
            sentences = self.summaries[view.doc_id]
        except KeyError:
            raise EvalError(f"{self.name}: no summary for document {view.doc_id!r} in {self.source}") from None
        return SystemSummary(sentences, tuple(tuple(tokenize(normalize(s))) for s in sentences))

    def settings(self) -> dict[str, Any]:
        return {"candidates": self.source, "form": self.form, "summaries": len(self.summaries)}


def parse_candidate_option(value: str) -> tuple[str, Path]:
    """``NAME=PATH`` into its parts; the name must not be empty."""
    name, sep, path = value.partition("=")
    if not sep or not name.strip() or not path:
        raise EvalError(f"candidates must be given as NAME=PATH (a name, '=', a folder or .jsonl file), got {value!r}")
    return name.strip(), Path(path)


def _decode(data: bytes, where: str, encoding: str) -> str:
    try:
        text = data.decode(codec_for(data, encoding))
    except UnicodeDecodeError as exc:
        raise CorpusError(
            f"{where}: not valid {encoding} (byte {exc.start}); give the encoding the summaries are written in"
        ) from None
    except LookupError:
        raise EvalError(f"encoding must be a codec Python knows, got {encoding!r}") from None
    return text


def _sentences(text: str | Sequence[str], where: str) -> tuple[str, ...]:
    """The summary's sentences, checked: not empty, some letter or digit.
    A list is taken as its sentences (what ROUGE-Lsum splits on)."""
    parts = split_sentences(text) if isinstance(text, str) else [s.strip() for s in text if s.strip()]
    blank = not text.strip() if isinstance(text, str) else not parts
    if blank:
        raise CorpusError(f"{where}: the summary is empty")
    if not parts or not any(tokenize(normalize(p)) for p in parts):
        raise CorpusError(f"{where}: the summary has no letters or digits")
    return tuple(parts)


def _load_folder(root: Path, encoding: str) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for path in sorted(root.rglob("*.txt")):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        doc_id = rel.with_suffix("").as_posix()
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CorpusError(f"{path}: cannot read ({exc.strerror or exc})") from None
        out[doc_id] = _sentences(_decode(data, str(path), encoding), str(path))
    return out


def _load_jsonl(path: Path, encoding: str) -> dict[str, tuple[str, ...]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read ({exc.strerror or exc})") from None
    out: dict[str, tuple[str, ...]] = {}
    lines: dict[str, int] = {}
    for where, number, row in json_lines(_decode(data, str(path), encoding), path):
        if not isinstance(row, dict) or "id" not in row or "summary" not in row:
            raise CorpusError(f"{where}: expected an object with id and summary")
        doc_id, summary = row["id"], row["summary"]
        if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)) or not str(doc_id).strip():
            raise CorpusError(f"{where}: id must be a non-empty string or an integer, got {doc_id!r}")
        doc_id = str(doc_id)
        if doc_id in lines:
            raise CorpusError(f"{where}: duplicate id {doc_id!r} (first on line {lines[doc_id]})")
        if not (isinstance(summary, str) or (isinstance(summary, list) and all(isinstance(s, str) for s in summary))):
            raise CorpusError(f"{where}: summary must be a string or a list of strings")
        lines[doc_id] = number
        out[doc_id] = _sentences(summary, where)
    return out


def load_candidates(name: str, path: str | Path, *, encoding: str = "utf-8") -> Candidate:
    """Read the summaries at ``path`` (a folder or a ``.jsonl`` file)."""
    root = Path(path)
    if root.is_dir():
        form, summaries = "folder", _load_folder(root, encoding)
    elif root.is_file():
        form, summaries = "jsonl", _load_jsonl(root, encoding)
    else:
        raise CorpusError(f"{root}: no such candidate summaries (give a folder of <id>.txt or a JSONL file)")
    if not summaries:
        raise CorpusError(f"{root}: no summaries found (expected <id>.txt files or JSONL lines with id and summary)")
    return Candidate(name, str(root), form, summaries)


def match_ids(candidate: Candidate, corpus_ids: Sequence[str], wanted: Sequence[str], *, allow_missing: bool) -> tuple[str, ...]:
    """Check ``candidate`` against the corpus: an id the corpus does not
    have (``corpus_ids``) is an error; a document of ``wanted`` without a
    summary is an error too, unless ``allow_missing``. Returns the missing
    ids, in corpus order."""
    known = set(corpus_ids)
    extra = [i for i in candidate.summaries if i not in known]
    if extra:
        raise CorpusError(
            f"{candidate.source}: summary for {extra[0]!r}, which is not a document of the corpus"
            + (f" (and {len(extra) - 1} more)" if len(extra) > 1 else "")
        )
    missing = tuple(i for i in wanted if i not in candidate.summaries)
    if missing and not allow_missing:
        where = f"{missing[0]}.txt" if candidate.form == "folder" else f"a line with id {missing[0]!r}"
        raise CorpusError(
            f"{candidate.source}: no summary for document {missing[0]!r} (expected {where})"
            + (f"; {len(missing)} documents have none" if len(missing) > 1 else "")
        )
    return missing
