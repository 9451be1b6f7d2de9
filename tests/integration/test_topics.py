"""Topic creation returns only once the broker's metadata shows a leader for every partition."""

from __future__ import annotations

import asyncio
import uuid

from aiokafka.admin import AIOKafkaAdminClient

from agents.kafka_io import _led, create_topics, delete_topics
from hadath.settings import Settings
from tests.integration.harness import BROKER


def _settings(tag: str) -> Settings:
    return Settings(broker=f"kafka://{BROKER}", topic_raw=f"{tag}.articles.raw",
                    topic_normalized=f"{tag}.articles.normalized", topic_candidates=f"{tag}.events.candidates",
                    topic_events=f"{tag}.events", partitions=4)


async def _describe(topics: list[str]) -> list[dict]:
    admin = AIOKafkaAdminClient(bootstrap_servers=BROKER)
    await admin.start()
    try:
        return await admin.describe_topics(topics)
    finally:
        await admin.close()


def test_created_topics_have_a_leader_for_every_partition_when_create_topics_returns() -> None:
    tag = f"t{uuid.uuid4().hex[:10]}"
    settings = _settings(tag)
    try:
        created = asyncio.run(create_topics(settings))
        described = asyncio.run(_describe(created))
        assert len(created) == 7  # 4 stage topics, 3 dead-letter topics
        assert all(_led(topic) and len(topic["partitions"]) == 4 for topic in described), described
        assert asyncio.run(create_topics(settings)) == []  # nothing left to create
    finally:
        asyncio.run(delete_topics(BROKER, tag))
