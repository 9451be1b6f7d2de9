"""Shared test fixtures: paths to the repository's fixtures and to ../shared when present."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
SHARED = REPO.parent / "shared"
SEED_PATH = FIXTURES / "000_9d923e3a9579bffe.txt"


@pytest.fixture
def seed_text() -> str:
    """The seed article the product was specified from (Sputnik Arabic, 27 Feb 2021)."""
    return SEED_PATH.read_text(encoding="utf-8")


def shared_path(relative: str) -> Path:
    """A file under ../shared, or skip the test when the shared folder is absent."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"needs ../shared/{relative} (not present in this checkout)")
    return path
