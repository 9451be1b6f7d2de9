"""Entry point of the worker: create the topics, then run the Faust app with every agent."""

from __future__ import annotations

import asyncio
import sys

from agents import extract, normalize, resolve, web  # noqa: F401 (registers the agents and views)
from agents.app import app, settings
from agents.kafka_io import create_topics


def main(argv: list[str] | None = None) -> None:
    """Create missing topics (a Faust worker ignores topics created after it starts), then run."""
    created = asyncio.run(create_topics(settings))
    if created:
        print(f"created topics: {', '.join(created)}", file=sys.stderr)
    sys.argv = ["hadath", "worker", "-l", settings.log_level, *(argv or [])]
    app.main()


if __name__ == "__main__":
    main(sys.argv[1:])
