"""Dead-letter envelopes: what failed, why, where it came from, and the original bytes."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from datetime import UTC, datetime

from pydantic import BaseModel

from hadath.errors import BadInputError
from schemas import DeadLetter

MAX_ERROR_MESSAGE = 2000
# Room a Kafka record needs beyond its value (key, headers, batch framing).
RECORD_OVERHEAD = 16_384


def failure_reason(error: BaseException) -> str:
    """Short machine-readable cause: the BadInputError rule, or ``stage_error`` for a stage that raised."""
    return error.reason if isinstance(error, BadInputError) else "stage_error"


def dead_letter(
    stage: str,
    error: BaseException,
    value: bytes | None,
    key: bytes | None = None,
    topic: str | None = None,
    partition: int | None = None,
    offset: int | None = None,
) -> DeadLetter:
    """The envelope for a message ``stage`` could not process."""
    return DeadLetter(
        stage=stage,
        reason=failure_reason(error),
        error_class=type(error).__name__,
        error_message=str(error)[:MAX_ERROR_MESSAGE],
        original_base64=base64.b64encode(value or b"").decode("ascii"),
        original_key_base64=base64.b64encode(key).decode("ascii") if key is not None else None,
        topic=topic,
        partition=partition,
        offset=offset,
        failed_at=datetime.now(UTC),
    )


def encode_outputs(records: Sequence[tuple[str, BaseModel | bytes]], fallback_key: bytes | None,
                   max_message_bytes: int) -> list[tuple[bytes | None, bytes]]:
    """Records as (key, value) bytes; BadInputError("output_too_large") if one can't be published."""
    encoded = []
    for key, record in records:
        value = record if isinstance(record, bytes) else record.model_dump_json().encode()
        if len(value) > max_message_bytes - RECORD_OVERHEAD:
            raise BadInputError("output_too_large", f"an output record of {len(value)} bytes exceeds the "
                                                    f"message limit of {max_message_bytes}")
        encoded.append((key.encode() or fallback_key, value))
    return encoded


def fit_dead_letter(letter: DeadLetter, max_message_bytes: int) -> DeadLetter:
    """The letter, with its copy of the original cut short if the whole would be too large to publish.

    Base64 makes the copy 4/3 of the original, so a message near the limit can't travel whole
    in its envelope; the original itself stays in its topic at ``topic/partition/offset``.
    """
    size = len(letter.model_dump_json().encode())
    budget = max_message_bytes - RECORD_OVERHEAD
    if size <= budget:
        return letter
    keep = max(0, len(letter.original_base64) - (size - budget))
    keep -= keep % 4  # whole base64 quanta, so the prefix still decodes
    return letter.model_copy(update={"original_base64": letter.original_base64[:keep], "original_truncated": True})
