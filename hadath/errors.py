"""Errors with a machine-readable reason, for dead letters and CLI messages."""

from __future__ import annotations


class BadInputError(ValueError):
    """A message that can never be processed; ``reason`` names the rule it broke."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
