"""Shared paths for the test suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "hammouchi_zaabi.txt"
#: EASC dev, read by path (never copied into the repository): beside the
#: checkout as in CI, or wherever the environment variable EASC_DEV points.
EASC = Path(os.environ.get("EASC_DEV") or ROOT.parent / "shared" / "data" / "easc-dev")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
