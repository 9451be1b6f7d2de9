"""Worker logs: one JSON object per line (``HADATH_LOG_JSON=true``), repeats rate-limited, levels kept."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime


class JsonFormatter(logging.Formatter):
    """Formats a record as JSON: time, level, logger, message, and the exception if any."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as one JSON line."""
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


LEVELS = {"crit": "CRITICAL", "error": "ERROR", "warn": "WARNING", "info": "INFO", "debug": "DEBUG"}


def json_logging_config(level: str = "info") -> dict:
    """A ``logging.config.dictConfig`` mapping that sends log records of ``level`` and up to stderr as JSON."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json"}},
        "root": {"handlers": ["stderr"], "level": LEVELS.get(level, level.upper())},
    }


class RepeatFilter(logging.Filter):
    """Lets the same warning or error through once per ``interval_s``; counts the repeats in between.

    A broker outage makes aiokafka and Faust log the same connection error thousands of times a
    second; one line per interval, saying how many were suppressed, keeps the news and the disk.
    Records below ``min_level`` pass untouched, and so do those of the ``exempt`` loggers: Faust
    logs whatever is printed to stdout/stderr line by line as ``mode.redirect``, and filtering
    those lines one by one would cut tracebacks apart. One instance may sit on several handlers:
    the verdict is stored on the record, so every handler sees the same decision.
    """

    VERDICT = "hadath_repeat_verdict"

    def __init__(self, interval_s: float = 10.0, min_level: int = logging.WARNING,
                 clock: Callable[[], float] = time.monotonic, max_keys: int = 1000,
                 exempt: tuple[str, ...] = ("mode.redirect",)) -> None:
        super().__init__()
        self.interval_s = interval_s
        self.min_level = min_level
        self.exempt = exempt
        self.clock = clock
        self.max_keys = max_keys
        self._seen: dict[tuple[str, int, str], _Repeats] = {}
        self._lock = threading.Lock()  # records also come from Faust's consumer thread

    def filter(self, record: logging.LogRecord) -> bool:
        """True to emit the record (rewritten with the suppressed count), False to drop it."""
        verdict = getattr(record, self.VERDICT, None)
        if verdict is None:
            verdict = record.levelno < self.min_level or record.name in self.exempt or self._admit(record)
            setattr(record, self.VERDICT, verdict)
        return verdict

    def _admit(self, record: logging.LogRecord) -> bool:
        key = (record.name, record.levelno, record.getMessage())
        now = self.clock()
        with self._lock:
            repeats = self._seen.get(key)
            if repeats is not None and now - repeats.since < self.interval_s:
                repeats.suppressed += 1
                return False
            if len(self._seen) >= self.max_keys:
                self._forget_older_than(now - self.interval_s)
            self._seen[key] = _Repeats(since=now)
        if repeats is not None and repeats.suppressed:
            record.msg = (f"{key[2]} [this message was repeated {repeats.suppressed} more times in "
                          f"the {now - repeats.since:.0f} s before]")
            record.args = ()  # already formatted; () and not None: Faust's formatter wraps None in a tuple
        return True

    def _forget_older_than(self, cutoff: float) -> None:
        # Stale keys first; if every key is recent, start afresh rather than grow without bound.
        self._seen = {k: v for k, v in self._seen.items() if v.since >= cutoff}
        if len(self._seen) >= self.max_keys:
            self._seen.clear()


@dataclass
class _Repeats:
    since: float  # when the message was last let through
    suppressed: int = 0


def tidy_worker_logging(level: str, repeat_interval_s: float) -> None:
    """After Faust set up logging: put the root logger back at ``level`` and filter repeats.

    Faust's worker sets the root logger to DEBUG when its level is WARN or above (to spin its
    start-up spinner on every record), so every ``logger.debug`` call in aiokafka and Faust builds
    a LogRecord that the handler then drops: measurable per message. Resetting the level makes
    those calls return at ``isEnabledFor``.
    """
    root = logging.getLogger()
    root.setLevel(LEVELS.get(level, level.upper()))
    repeats = RepeatFilter(repeat_interval_s)
    for handler in root.handlers:
        if not any(isinstance(f, RepeatFilter) for f in handler.filters):
            handler.addFilter(repeats)
