"""Shared paths and fixtures of the test suite, and its tiers.

Markers (registered in pyproject.toml, ``--strict-markers``):

* ``easc``: reads the EASC dev corpus through the ``easc_dir`` fixture, or
  another dev corpus under ``../shared/data`` through ``dev_corpus``;
* ``browser``: drives headless Chromium through the ``browser`` (or
  ``chromium``) fixture;
* ``dask``: starts Dask (a ``LocalCluster`` or ``--engine dask``);
* ``slow``: takes more than a few seconds.

Property tests (Hypothesis) are deterministic: the ``ci`` profile, loaded
by default, derives every test's examples from the test itself
(``derandomize``), so one commit passes or fails the same way on every run
and on every machine, and reads or writes no example database (a database
would make a run depend on what earlier runs found). A failure prints the
blob that replays it (``@reproduce_failure``); an input found that way is
kept in the test as an explicit ``@example``. ``HYPOTHESIS_PROFILE=dev``
draws new random examples on each run (and keeps what fails in the local
``.hypothesis`` database) to explore: what it finds becomes an ``@example``.

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
from hypothesis import settings

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

#: Hypothesis profiles (see the module docstring); HYPOTHESIS_PROFILE names one.
HYPOTHESIS_PROFILES = ("ci", "dev")
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("dev", derandomize=False, print_blob=True)


def pytest_configure(config: pytest.Config) -> None:
    """Load the Hypothesis profile (before any test module makes its settings):
    ``ci`` unless HYPOTHESIS_PROFILE (or Hypothesis's own ``--hypothesis-profile``) names another."""
    if config.getoption("hypothesis_profile", default=None):
        return  # the plugin has loaded the one asked for
    name = os.environ.get("HYPOTHESIS_PROFILE") or "ci"
    if name not in HYPOTHESIS_PROFILES:
        raise pytest.UsageError(f"HYPOTHESIS_PROFILE={name!r} is not a profile; use one of: {', '.join(HYPOTHESIS_PROFILES)}")
    settings.load_profile(name)


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
