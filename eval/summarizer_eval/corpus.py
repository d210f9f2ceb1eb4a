"""Load an evaluation corpus: documents with their human reference summaries.

Three layouts, chosen from what ``path`` is:

``folder``  a directory of document folders (the EASC layout)::

    <root>/<doc_id>/document.txt
    <root>/<doc_id>/references/*.txt

    Files at the top level (README, manifest) and hidden entries are
    ignored. A folder holding only folders groups documents: the id of
    ``<root>/sport/a/document.txt`` is ``sport/a``.

``flat``    a directory holding a ``references/`` folder (the ``seeds/``
    layout, where documents stay where other tools read them)::

    <root>/<doc_id>.txt
    <root>/references/<doc_id>/*.txt

``jsonl``   a file, one JSON object a line:
    ``{"id": "...", "document": "...", "references": ["...", ...]}``.

References are read in natural order (``2.txt`` before ``10.txt``). Text
is UTF-8 unless another ``encoding`` is given; a UTF-8, UTF-16 or UTF-32
byte-order mark is honoured whatever the encoding. Bytes that do not decode
(EASC cut some references inside a multi-byte character) become U+FFFD and
the file is listed in :attr:`Corpus.replaced`; a file that is left with no
letter or digit that way is in another encoding, and the error says so.
Everything else that is wrong stops loading with a :class:`CorpusError`
that names the file: a document without references, an empty reference or
document, a text with no letters or digits, a references folder without its
document, a repeated id, a malformed JSON line.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from summarizer.text.normalize import normalize, tokenize

from .errors import CorpusError

__all__ = ["Corpus", "Document", "Layout", "codec_for", "json_lines", "load_corpus"]

Layout = Literal["folder", "flat", "jsonl"]


@dataclass(frozen=True, slots=True)
class Document:
    """One document and its reference summaries, with where each came from."""

    doc_id: str
    text: str
    references: tuple[str, ...]
    #: Where the document was read (a path, or ``file:line`` for JSONL).
    source: str
    reference_sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Corpus:
    """Documents in a stable order (sorted by id for directories, file order for JSONL)."""

    root: str
    layout: Layout
    documents: tuple[Document, ...]
    #: Files whose undecodable bytes were replaced by U+FFFD.
    replaced: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.documents)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(d.doc_id for d in self.documents)

    def subset(self, ids: Iterable[str]) -> Corpus:
        """The documents named by ``ids``, in the order given."""
        wanted = list(ids)
        by_id = {d.doc_id: d for d in self.documents}
        unknown = [i for i in wanted if i not in by_id]
        if unknown:
            sample = ", ".join(self.ids[:5]) + (", ..." if len(self.ids) > 5 else "")
            raise CorpusError(f"unknown document id {', '.join(map(repr, unknown))} in {self.root} (ids: {sample})")
        if len(set(wanted)) != len(wanted):
            raise CorpusError("a document id is given twice")
        docs = tuple(by_id[i] for i in wanted)
        sources = {s for d in docs for s in (d.source, *d.reference_sources)}
        return Corpus(self.root, self.layout, docs, tuple(r for r in self.replaced if r in sources))


_NUMBER = re.compile(r"(\d+)")


def _natural(name: str) -> list[object]:
    return [int(p) if p.isdigit() else p for p in _NUMBER.split(name)]


def _check_text(text: str, where: str, what: str, *, undecoded: str | None = None) -> str:
    """``text`` if it has words; ``undecoded`` names the encoding it failed
    to decode in, when bytes were replaced (that is then the reason)."""
    if not text.strip():
        raise CorpusError(f"{where}: the {what} is empty")
    if not tokenize(normalize(text)):
        if undecoded is not None:
            raise CorpusError(
                f"{where}: the {what} does not decode as {undecoded} (no letter or digit is left once its "
                "undecodable bytes are replaced); give the encoding it is written in"
            )
        raise CorpusError(f"{where}: the {what} has no letters or digits")
    return text


#: Byte-order marks and their codecs; UTF-32 first (its little-endian mark
#: starts with UTF-16's).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def codec_for(data: bytes, encoding: str) -> str:
    """The codec to read ``data`` with: the one its byte-order mark names,
    else ``encoding``."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return encoding


class _Reader:
    """Reads files in one encoding, remembering which needed byte replacement."""

    def __init__(self, encoding: str = "utf-8") -> None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise CorpusError(f"encoding must be a codec Python knows, got {encoding!r}") from None
        self.encoding = encoding
        self.replaced: list[str] = []

    def read(self, path: Path) -> str:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CorpusError(f"{path}: cannot read ({exc.strerror or exc})") from None
        codec = codec_for(data, self.encoding)
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            self.replaced.append(str(path))
            return data.decode(codec, errors="replace")

    def check(self, text: str, path: Path | str, what: str, *, where: str | None = None) -> str:
        """:func:`_check_text`, knowing whether ``path`` needed replacement."""
        undecoded = self.encoding if str(path) in self.replaced else None
        return _check_text(text, where or str(path), what, undecoded=undecoded)

    def references(self, folder: Path, doc_id: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        files = sorted((p for p in folder.glob("*.txt") if p.is_file()), key=lambda p: _natural(p.name)) if folder.is_dir() else []
        if not files:
            raise CorpusError(f"{doc_id}: no reference summaries (expected {folder}/*.txt)")
        texts = tuple(self.check(self.read(p), p, "reference") for p in files)
        return texts, tuple(str(p) for p in files)


def _visible(entries: Iterable[Path]) -> list[Path]:
    return sorted((p for p in entries if not p.name.startswith(".")), key=lambda p: _natural(p.name))


def _load_folder(root: Path, reader: _Reader, prefix: str = "") -> list[Document]:
    """Document folders below ``root``; a folder without ``document.txt``
    that holds only folders groups documents (``sport/a`` is
    ``sport/a/document.txt``)."""
    docs = []
    for folder in _visible(p for p in root.iterdir() if p.is_dir()):
        doc_path = folder / "document.txt"
        doc_id = prefix + folder.name
        if not doc_path.is_file():
            inner = [p for p in folder.iterdir() if not p.name.startswith(".")]
            if inner and all(p.is_dir() for p in inner) and not (folder / "references").exists():
                docs.extend(_load_folder(folder, reader, doc_id + "/"))
                continue
            raise CorpusError(f"{folder}: no document.txt (a corpus folder holds <doc_id>/document.txt and <doc_id>/references/*.txt)")
        text = reader.check(reader.read(doc_path), doc_path, "document")
        refs, sources = reader.references(folder / "references", doc_id)
        docs.append(Document(doc_id, text, refs, str(doc_path), sources))
    return docs


def _load_flat(root: Path, reader: _Reader) -> list[Document]:
    ref_root = root / "references"
    doc_paths = _visible(p for p in root.glob("*.txt") if p.is_file())
    ids = {p.stem for p in doc_paths}
    orphans = [p for p in _visible(ref_root.iterdir()) if p.is_dir() and p.name not in ids]
    if orphans:
        raise CorpusError(f"{orphans[0]}: references without a document (expected {root / (orphans[0].name + '.txt')})")
    docs = []
    for doc_path in doc_paths:
        text = reader.check(reader.read(doc_path), doc_path, "document")
        refs, sources = reader.references(ref_root / doc_path.stem, doc_path.stem)
        docs.append(Document(doc_path.stem, text, refs, str(doc_path), sources))
    return docs


def json_lines(text: str, path: Path | str) -> Iterator[tuple[str, int, Any]]:
    """``(where, line number, value)`` for each non-blank line of a JSONL
    text; a line that is not JSON is an error naming ``path:line``."""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            yield where, number, json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{where}: not valid JSON ({exc.msg})") from None


def _load_jsonl(path: Path, reader: _Reader) -> list[Document]:
    docs = []
    for where, _, row in json_lines(reader.read(path), path):
        if not isinstance(row, dict):
            raise CorpusError(f"{where}: expected an object with id, document, references")
        missing = [k for k in ("id", "document", "references") if k not in row]
        if missing:
            raise CorpusError(f"{where}: missing {', '.join(missing)} (each line needs id, document, references)")
        doc_id, text, refs = row["id"], row["document"], row["references"]
        if not isinstance(doc_id, str) or not doc_id.strip():
            raise CorpusError(f"{where}: id must be a non-empty string, got {doc_id!r}")
        if not isinstance(text, str):
            raise CorpusError(f"{where}: document must be a string")
        if not isinstance(refs, list) or not all(isinstance(r, str) for r in refs):
            raise CorpusError(f"{where}: references must be a list of strings")
        if not refs:
            raise CorpusError(f"{where}: {doc_id}: no reference summaries")
        reader.check(text, path, "document", where=where)
        for k, r in enumerate(refs, 1):
            reader.check(r, path, f"reference {k}", where=where)
        sources = tuple(f"{where}#{k}" for k in range(1, len(refs) + 1))
        docs.append(Document(doc_id, text, tuple(refs), where, sources))
    return docs


def load_corpus(path: str | Path, *, encoding: str = "utf-8") -> Corpus:
    """Load the corpus at ``path`` (layout chosen as the module says), its
    files in ``encoding`` unless a byte-order mark says otherwise."""
    root = Path(path)
    reader = _Reader(encoding)
    if root.is_file():
        layout: Layout = "jsonl"
        docs = _load_jsonl(root, reader)
    elif root.is_dir():
        layout = "flat" if (root / "references").is_dir() else "folder"
        docs = (_load_flat if layout == "flat" else _load_folder)(root, reader)
    else:
        raise CorpusError(f"{root}: no such corpus (give a corpus folder or a JSONL file)")
    if not docs:
        raise CorpusError(f"{root}: no documents found (expected <doc_id>/document.txt folders, <doc_id>.txt with references/<doc_id>/, or JSONL)")
    _check_ids(docs)
    return Corpus(str(root), layout, tuple(docs), tuple(reader.replaced))


def _check_ids(docs: Sequence[Document]) -> None:
    seen: dict[str, str] = {}
    for d in docs:
        if d.doc_id in seen:
            raise CorpusError(f"{d.source}: id {d.doc_id!r} repeats the one at {seen[d.doc_id]}")
        seen[d.doc_id] = d.source
