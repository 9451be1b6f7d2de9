"""Dead-letter envelopes: what failed, why, where it came from, and the original bytes."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

from hadath.errors import BadInputError
from schemas import DeadLetter

MAX_ERROR_MESSAGE = 2000


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
