"""summarize-batch under concurrent runs and killed processes (issue 13).

Real processes and signals: a second run started on an output in use, the
main process killed with SIGKILL or SIGTERM while its pool works, Ctrl-C sent
to the whole process group of a Dask run. Waits are bounded ("gone within
10 s"), never timed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest

from summarizer.batch.io import open_sink
from summarizer.errors import InputError

from .batch_corpus import PIN, news_texts, read_records, write_jsonl
from .processes import with_default_signals

BATCH = [sys.executable, "-m", "summarizer.cli.batch"]
#: Enough documents that a run is still working when the test acts on it.
MANY = 1000


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    texts = news_texts(92)
    return write_jsonl(tmp_path_factory.mktemp("archive") / "in.jsonl", [(f"d{i}", texts[i % len(texts)]) for i in range(MANY)])


def wait_until(condition: Callable[[], bool], *, within: float, what: str) -> None:
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"not within {within} s: {what}")
        time.sleep(0.05)


def lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def start(args: list[object], **kwargs: object) -> subprocess.Popen[str]:
    """A run the test may signal: SIGINT and SIGTERM at their defaults, even
    when the test run inherited them ignored (a background job)."""
    return subprocess.Popen(with_default_signals([*BATCH, *map(str, args)]), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)  # type: ignore[call-overload]


def wait_gone(processes: list[psutil.Process], *, within: float, what: str) -> None:
    """Fail unless ``processes`` all end within ``within`` s; never leave one behind."""
    try:
        wait_until(lambda: not alive(processes), within=within, what=f"{what} {[p.pid for p in alive(processes)]} end")
    finally:
        kill_all(processes)


def kill_all(processes: list[psutil.Process]) -> None:
    for p in alive(processes):
        try:
            p.kill()
        except psutil.NoSuchProcess:
            pass


def alive(processes: list[psutil.Process]) -> list[psutil.Process]:
    out = []
    for p in processes:
        try:
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                out.append(p)
        except psutil.NoSuchProcess:
            pass
    return out


def check_records(path: Path, *, total: int | None = None) -> list[dict[str, object]]:
    """Every line a complete record, every id once."""
    records = read_records(path)
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)), "duplicate ids"
    if total is not None:
        assert len(records) == total
    return records


# -- 2. one run per output ---------------------------------------------------------


def test_a_sink_holds_an_exclusive_lock(tmp_path: Path) -> None:
    for out in (tmp_path / "out.jsonl", tmp_path / "summaries"):
        with open_sink(out, existing="overwrite"):
            lock = out.with_name(out.name + ".lock")
            assert lock.read_text().strip() == str(os.getpid())
            for existing in ("overwrite", "resume"):
                with pytest.raises(InputError, match=rf"in use by another summarize-batch run \(pid {os.getpid()}\)"):
                    open_sink(out, existing=existing)  # type: ignore[arg-type]
        assert not lock.exists()
        with open_sink(out, existing="overwrite"):  # released: free again
            pass


@pytest.mark.slow
@pytest.mark.parametrize("output", ["same.jsonl", "same"], ids=["jsonl", "folder"])
def test_a_second_run_on_the_same_output_refuses(tmp_path: Path, archive: Path, output: str) -> None:
    out = tmp_path / output
    lock = tmp_path / f"{output}.lock"
    first = start([archive, "-o", out, *PIN])
    try:
        wait_until(lambda: lock.exists() and lock.read_text().strip() == str(first.pid), within=60, what="the first run locks")
        first.send_signal(signal.SIGSTOP)  # it holds the lock while the second one tries
        try:
            for flag in ("--force", "--resume", None):
                second = subprocess.run(
                    [*BATCH, str(archive), "-o", str(out), *PIN, *([flag] if flag else [])], check=False, capture_output=True, text=True, timeout=60
                )
                assert second.returncode == 1 and second.stdout == "", second.stderr
                assert second.stderr == (
                    f"summarize-batch: error: {out} is in use by another summarize-batch run (pid {first.pid}); "
                    "wait for it to end or stop it\n"
                )
        finally:
            first.send_signal(signal.SIGCONT)
        _, err = first.communicate(timeout=300)
    finally:
        first.kill()
    assert first.returncode == 0, err
    assert not lock.exists()
    if output.endswith(".jsonl"):
        check_records(out, total=MANY)
    else:
        assert len(list(out.glob("*.summary.txt"))) == MANY


@pytest.mark.slow
def test_a_killed_holder_does_not_block_the_next_run(tmp_path: Path, archive: Path) -> None:
    out = tmp_path / "out.jsonl"
    first = start([archive, "-o", out, *PIN])
    wait_until(lambda: lines(out.with_name("out.jsonl.partial")) >= 10, within=60, what="records are written")
    first.kill()
    first.communicate(timeout=30)
    resumed = subprocess.run([*BATCH, str(archive), "-o", str(out), *PIN, "--resume"], check=False, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    check_records(out, total=MANY)


# -- 3. no orphans, SIGTERM like Ctrl-C -------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "term"])
def test_killing_the_run_leaves_no_worker_alive(tmp_path: Path, archive: Path, sig: signal.Signals) -> None:
    out = tmp_path / "out.jsonl"
    partial = tmp_path / "out.jsonl.partial"
    run = start([archive, "-o", out, "--workers", "2", *PIN])
    workers: list[psutil.Process] = []
    try:
        wait_until(lambda: lines(partial) >= 20, within=120, what="the pool writes records")
        workers = psutil.Process(run.pid).children(recursive=True)
        assert len(workers) >= 3  # fork server (or resource tracker) and two workers
        os.kill(run.pid, sig)
        # The pipes close only when every process holding them has ended.
        _, err = run.communicate(timeout=30)
        wait_gone(workers, within=10, what="workers")
    finally:
        run.kill()
        kill_all(workers)  # never leave an orphan behind, even when the test fails
    records = check_records(partial)
    assert len(records) >= 20
    if sig == signal.SIGTERM:  # like Ctrl-C: one line, its own exit code, the records kept for --resume
        assert run.returncode == 143
        assert err == (
            f"summarize-batch: error: terminated; finished records are kept in {partial}: rerun with --resume to continue\n"
        )
        resumed = subprocess.run([*BATCH, str(archive), "-o", str(out), *PIN, "--resume"], check=False, capture_output=True, text=True, timeout=300)
        assert resumed.returncode == 0, resumed.stderr
        check_records(out, total=MANY)


def test_an_inherited_ignored_sigterm_stays_ignored(tmp_path: Path, archive: Path) -> None:
    """A supervisor that starts the run with SIGTERM ignored wants it to
    survive SIGTERM: the run installs its own stop only over the default."""
    out = tmp_path / "out.jsonl"
    ignore_term = "import os, signal, sys\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\nos.execvp(sys.argv[1], sys.argv[1:])\n"
    run = subprocess.Popen([sys.executable, "-c", ignore_term, *BATCH, str(archive), "-o", str(out), *PIN], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_until(lambda: lines(tmp_path / "out.jsonl.partial") >= 20 or run.poll() is not None, within=120, what="the run writes records")
        if run.poll() is None:
            os.kill(run.pid, signal.SIGTERM)
        _, err = run.communicate(timeout=300)
    finally:
        run.kill()
    assert run.returncode == 0, err
    check_records(out, total=MANY)


@pytest.mark.slow
@pytest.mark.dask
def test_killing_a_dask_run_leaves_no_cluster_process_alive(tmp_path: Path, archive: Path) -> None:
    """The local cluster's workers watch the run as pool workers do
    (:func:`summarizer.batch.engines.exit_with_parent`)."""
    partial = tmp_path / "out.jsonl.partial"
    run = start([archive, "-o", tmp_path / "out.jsonl", "--engine", "dask", "--workers", "2", *PIN])
    workers: list[psutil.Process] = []
    try:
        wait_until(lambda: lines(partial) >= 20, within=120, what="the cluster writes records")
        workers = psutil.Process(run.pid).children(recursive=True)
        assert len(workers) >= 2
        os.kill(run.pid, signal.SIGKILL)
        run.communicate(timeout=30)
        wait_gone(workers, within=10, what="the cluster's processes")
    finally:
        run.kill()
        kill_all(workers)
    assert len(check_records(partial)) >= 20


@pytest.mark.slow
@pytest.mark.dask
def test_ctrl_c_on_a_dask_run_is_one_line(tmp_path: Path, archive: Path) -> None:
    out = tmp_path / "out.jsonl"
    partial = tmp_path / "out.jsonl.partial"
    run = start([archive, "-o", out, "--engine", "dask", "--workers", "2", *PIN], start_new_session=True)
    workers: list[psutil.Process] = []
    try:
        wait_until(lambda: lines(partial) >= 20, within=120, what="the cluster writes records")
        workers = psutil.Process(run.pid).children(recursive=True)
        os.killpg(run.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole group
        _, err = run.communicate(timeout=60)
        wait_gone(workers, within=10, what="the cluster's processes")
    finally:
        run.kill()
        kill_all(workers)
    assert run.returncode == 130
    assert err == f"summarize-batch: error: interrupted; finished records are kept in {partial}: rerun with --resume to continue\n"
    check_records(partial)


# -- 1. and 6. outputs that are not regular files, messages --------------------------


def test_a_jsonl_output_symlink_is_followed_and_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from .batch_corpus import run

    src = write_jsonl(tmp_path / "in.jsonl", [("a", news_texts(1)[0])])
    real = tmp_path / "real.jsonl"
    real.write_text("precious\n", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real.name)
    code, _, err = run([src, "-o", link, *PIN], capsys)
    assert code == 1 and "already exists" in err and real.read_text(encoding="utf-8") == "precious\n"
    code, _, err = run([src, "-o", link, "--force", *PIN], capsys)
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == real.name, "the symlink was replaced"
    assert [r["id"] for r in read_records(real)] == ["a"]
    dangling = tmp_path / "dangling.jsonl"
    dangling.symlink_to("elsewhere.jsonl")
    code, _, err = run([src, "-o", dangling, *PIN], capsys)
    assert code == 1 and "already exists" in err and not (tmp_path / "elsewhere.jsonl").exists()
    code, _, err = run([src, "-o", dangling, "--force", *PIN], capsys)
    assert code == 0 and dangling.is_symlink() and [r["id"] for r in read_records(tmp_path / "elsewhere.jsonl")] == ["a"]


def test_a_summary_file_that_links_to_an_input_is_replaced_not_written_through(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder output's files are the run's own: with --force, a link among
    them is replaced by a summary file; what it pointed at (here an input
    document) is never written."""
    from .batch_corpus import run

    news = tmp_path / "news"
    news.mkdir()
    text = news_texts(1)[0]
    (news / "a.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.summary.txt").symlink_to(news / "a.txt")
    code, _, err = run([news, "-o", out, "--force", *PIN], capsys)
    assert code == 0, err
    assert (news / "a.txt").read_text(encoding="utf-8") == text, "the input was overwritten through the link"
    assert not (out / "a.summary.txt").is_symlink() and (out / "a.summary.txt").read_text(encoding="utf-8").strip()


def test_a_fifo_or_device_is_never_renamed_over(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import stat

    from .batch_corpus import run

    src = write_jsonl(tmp_path / "in.jsonl", [("a", news_texts(1)[0])])
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    null = tmp_path / "null.jsonl"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.stat("/dev/null").st_rdev)
    for target, kind in ((fifo, stat.S_ISFIFO), (null, stat.S_ISCHR)):
        for flag in ("--force", "--resume"):
            code, out, err = run([src, "-o", target, flag, *PIN], capsys)
            assert code == 1 and out == "" and "is not a regular file" in err and err.count("\n") == 1, err
            assert kind(os.lstat(target).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "null.jsonl", "pipe.jsonl"]


def test_the_final_line_counts_one_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from .batch_corpus import run

    src = write_jsonl(tmp_path / "in.jsonl", [("a", news_texts(1)[0])])
    code, out, _ = run([src, "-o", tmp_path / "o.jsonl", *PIN], capsys)
    assert code == 0 and out.startswith("summarize-batch: 1 document: 1 summarized, 0 failed, 0 already done; ")


def test_max_bytes_bounds_each_file_of_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from .batch_corpus import run

    folder = tmp_path / "in"
    folder.mkdir()
    small, big = news_texts(2)
    (folder / "small.txt").write_text(small[:500], encoding="utf-8")
    (folder / "big.txt").write_text(big, encoding="utf-8")
    limit = len(small[:500].encode("utf-8"))
    assert len(big.encode("utf-8")) > limit  # the second file is over the limit
    code, _, _ = run([folder, "-o", tmp_path / "o.jsonl", "--max-bytes", limit, *PIN], capsys)
    records = {r["id"]: r for r in read_records(tmp_path / "o.jsonl")}
    assert code == 3 and records["small"]["status"] == "ok"
    assert records["big"] == {"id": "big", "status": "error", "error": f"{folder / 'big.txt'} is larger than {limit:,} bytes (the max_bytes limit)"}
