"""Integration tests need the real broker (``scripts/kafka.sh start``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.harness import BROKER, Pipeline, broker_reachable


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test here as integration; skip them, with the reason, when no broker runs.

    In CI (``CI`` set) a missing broker is an error, not a skip: CI starts one.
    """
    here = Path(__file__).parent
    integration = [item for item in items if Path(str(item.fspath)).is_relative_to(here)]
    if not integration:
        return
    reachable = broker_reachable()
    if not reachable and os.environ.get("CI"):
        raise pytest.UsageError(f"CI is set but no Kafka broker answers at {BROKER}")
    for item in integration:
        item.add_marker(pytest.mark.integration)
        if not reachable:
            item.add_marker(pytest.mark.skip(reason=f"no Kafka broker at {BROKER}: run `hadath kafka start`"))


@pytest.fixture
def pipeline(tmp_path: Path) -> Iterator[Pipeline]:
    """A private pipeline (topics, group, data dir) for one test; its topics deleted after it."""
    created = Pipeline.create(tmp_path / "data")
    yield created
    created.delete_topics()
