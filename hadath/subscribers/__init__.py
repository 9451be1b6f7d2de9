"""Subscribers of the ``events`` topic: an upserting event store, exports and a live web map.

The Kafka consumer lives in ``agents.sink``; everything here is plain database, file and web
logic that runs (and is tested) without a broker. Column documentation: ``docs/subscribers.md``.
"""
