"""An output that is one of the inputs is refused, whatever name reaches it
(issue 21, item 3): ``summarize d.txt -o d.txt --force`` replaced the
document with its summary, and so did a symlink or a hard link to it.

Every command checks with :func:`summarizer.textio.check_not_input` (the
same file by device and inode), before any work; the input is left
byte-identical and the refusal is one line, exit 1, as summarize-batch's.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.textio import check_not_input, prepare_output, same_file
from summarizer_eval.cli import main as eval_main

from .batch_corpus import PIN, run, write_jsonl
from .conftest import ROOT, SEED
from .test_safety import SUMMARIZE, call, one_line

REFUSED = "is the input file"


@pytest.fixture
def document(tmp_path: Path) -> Path:
    path = tmp_path / "d.txt"
    shutil.copyfile(SEED, path)
    return path


def _names(document: Path) -> dict[str, Path]:
    """Every way to name ``document`` again: itself, another spelling, a symlink, a hard link."""
    symlink = document.with_name("link" + document.suffix)
    symlink.symlink_to(document.name)
    hard = document.with_name("hard" + document.suffix)
    os.link(document, hard)
    return {"itself": document, "spelled": document.parent / "." / document.name, "symlink": symlink, "hard link": hard}


def test_summarize_refuses_to_write_over_its_input(document: Path) -> None:
    before = document.read_bytes()
    for how, output in _names(document).items():
        force = [] if how == "spelled" else ["--force"]  # without: the refusal comes before "already exists"
        done = call(SUMMARIZE, document, "-o", output, *force)
        one_line(done, SUMMARIZE, code=1, message=REFUSED)
        assert done.stdout == "", how
        assert document.read_bytes() == before, f"{how} {force}: the document was changed"
        assert output.read_bytes() == before, how
    # Standard input redirected from the document is the document too.
    with document.open("rb") as stdin:
        done = call(SUMMARIZE, "-", "-o", document, "--force", stdin=stdin)
    one_line(done, SUMMARIZE, code=1, message=f"{REFUSED} (standard input reads it)")
    assert document.read_bytes() == before
    assert sorted(p.name for p in document.parent.iterdir()) == ["d.txt", "hard.txt", "link.txt"]  # no temporary left


def test_another_file_and_a_copy_are_still_written(document: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    shutil.copyfile(document, copy)  # equal bytes, another file: not the input
    done = call(SUMMARIZE, document, "-o", copy, "--force")
    assert done.returncode == 0, done.stderr
    assert copy.read_bytes() != document.read_bytes()


def test_the_check_compares_files_not_names(document: Path, tmp_path: Path) -> None:
    names = _names(document)
    assert all(same_file(document, p) for p in names.values())
    other = tmp_path / "other.txt"
    other.write_bytes(document.read_bytes())
    assert not same_file(document, other)
    assert not same_file(tmp_path / "missing.txt", tmp_path / "missing.txt")  # nothing is no input
    with pytest.raises(InputError, match=f"link.txt {REFUSED} {document} by another name"):
        prepare_output(names["symlink"], force=True, inputs=[document])
    check_not_input(other, [document, tmp_path / "missing.txt"])  # fine: another file
    check_not_input(tmp_path / "new.txt", iter(()))


def _eval(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str]:
    """summarize-eval in this process (its start-up is the slow part); exit code and stderr."""
    with pytest.raises(SystemExit) as exit_info:
        eval_main([*map(str, argv)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return exit_info.value.code, err


def test_summarize_eval_refuses_an_output_that_is_a_corpus_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    document = corpus / "hammouchi_zaabi.txt"
    before = document.read_bytes()
    out = tmp_path / "out"
    out.mkdir()
    common = ["--systems", "lead", "--resamples", "10"]
    for name, make in (("summary.txt", lambda p: p.symlink_to(document)), ("documents.csv", lambda p: os.link(document, p))):
        make(out / name)
        code, err = _eval(capsys, corpus, *common, "-o", out, "--force")
        assert code == 1 and err.count("\n") == 1 and f"{REFUSED} {document} by another name" in err, err
        assert document.read_bytes() == before
        (out / name).unlink()
    # The corpus folder itself (or a folder in it) would change what the next run reads.
    for inside in (corpus, corpus / "results"):
        code, err = _eval(capsys, corpus, *common, "-o", inside)
        assert code == 1 and err.count("\n") == 1 and "which the run reads" in err, err
    assert sorted(p.name for p in corpus.iterdir()) == sorted(p.name for p in (ROOT / "seeds").iterdir())
    code, err = _eval(capsys, corpus, *common, "-o", out, "--force")
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["documents.csv", "report.json", "summary.txt"]


def test_summarize_batch_refuses_its_jsonl_input_by_any_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [("a", "نص. نص آخر.")])
    before = source.read_bytes()
    for how, output in _names(source).items():
        code, _, err = run([source, "-o", output, "--force", *PIN], capsys)
        assert code == 1 and err.count("\n") == 1 and REFUSED in err, (how, err)
        assert source.read_bytes() == before and output.read_bytes() == before, how
