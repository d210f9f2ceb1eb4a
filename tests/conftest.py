"""Shared paths and fixtures of the test suite, and its tiers.

Markers (registered in pyproject.toml, ``--strict-markers``):

* ``easc``: reads the EASC dev corpus through the ``easc_dir`` fixture, or
  another dev corpus under ``../shared/data`` through ``dev_corpus``;
* ``browser``: drives headless Chromium through the ``browser`` (or
  ``chromium``) fixture;
* ``dask``: starts Dask (a ``LocalCluster`` or ``--engine dask``);
* ``slow``: takes more than a few seconds.

Missing data or a missing browser is a failure whose one-line message says
how to get it, never a skip: CI runs every tier. Without either,
``pytest -m "not easc and not browser"`` runs all the rest. Every test that
uses ``easc_dir`` or the browser must carry the marker, and every test that
carries it must use the fixture: collection stops with a usage error
otherwise, so the tiers cannot drift from what the tests need.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .browser import Browser, close_browser, launch_browser
from .texts import write_corpus

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "hammouchi_zaabi.txt"
#: EASC dev, read by path (never copied into the repository): beside the
#: checkout as in CI, or wherever the environment variable EASC_DEV points.
EASC = Path(os.environ.get("EASC_DEV") or ROOT.parent / "shared" / "data" / "easc-dev")
EASC_HINT = "put ../shared/data beside the checkout or set EASC_DEV=/path/to/easc-dev"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
CHROMIUM_HINT = "install it with: apt-get install chromium fonts-noto-core (or set CHROMIUM=/path/to/chrome)"

#: Fixture → the marker every test using it must carry (and the reverse).
_MARKED_FIXTURES = {"easc": ("easc_dir", "dev_corpus"), "browser": ("browser", "chromium")}


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def easc_dir() -> Path:
    """The EASC dev folder; a failure saying where to put it when it is missing."""
    if not (EASC.is_dir() and any(EASC.glob("*/document.txt"))):
        pytest.fail(f"EASC dev corpus not found at {EASC}: {EASC_HINT}", pytrace=False)
    return EASC


@pytest.fixture(scope="session")
def dev_corpus() -> Callable[[str], Path]:
    """The folder of a development corpus by name (``ant-bbc-ar-dev``, …),
    found as the benchmarks find it (``$SUMMARIZER_DATA`` or the corpus's own
    variable, else ``../shared/data``); a failure saying where to put it when
    it is missing."""
    from benchmarks.corpora import corpus_path
    from benchmarks.output import BenchmarkError

    def folder(name: str) -> Path:
        try:
            return corpus_path(name)
        except BenchmarkError as e:
            pytest.fail(str(e), pytrace=False)

    return folder


@pytest.fixture(scope="session")
def chromium() -> str:
    """The headless Chromium binary (``$CHROMIUM``, else the first on PATH)."""
    explicit = os.environ.get("CHROMIUM")
    names = (explicit,) if explicit else CHROMIUM_NAMES
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(f"headless Chromium not found ({', '.join(names)}): {CHROMIUM_HINT}", pytrace=False)


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[Browser]:
    """One headless Chromium for the whole session, with one page."""
    with tempfile.TemporaryDirectory(prefix="html-tests-") as tmp:
        b = launch_browser(chromium, Path(tmp))
        try:
            yield b
        finally:
            close_browser(b)


@pytest.fixture(scope="session")
def news_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A four-document evaluation corpus in the EASC layout, written from
    ``tests/texts.py`` (no corpus data needed)."""
    return write_corpus(tmp_path_factory.mktemp("corpus") / "news")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Refuse a test whose data or browser needs and markers disagree."""
    wrong = []
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        for marker, fixtures in _MARKED_FIXTURES.items():
            needs = sorted(used.intersection(fixtures))
            marked = item.get_closest_marker(marker) is not None
            if needs and not marked:
                wrong.append(f"{item.nodeid} uses {', '.join(needs)} but is not marked {marker}")
            elif marked and not needs:
                wrong.append(f"{item.nodeid} is marked {marker} but uses none of {', '.join(fixtures)}")
    if wrong:
        raise pytest.UsageError("test tiers: " + "; ".join(wrong))
