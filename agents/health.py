"""What /health checks beyond the broker's port: agents that stopped, input partitions that stalled.

The logic here is pure (state in, verdicts out); ``agents.web`` feeds it from Faust's consumer
and monitor and turns the verdicts into the HTTP answer.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class AgentState:
    """One agent's life as its own body saw it."""

    running: int = 0  # bodies inside their loop now (Faust may start the replacement first)
    exits: int = 0
    last_exit_at: float | None = None
    last_exit: str | None = None  # why the last body left its loop


class AgentTracker:
    """Knows whether each agent's body is inside its message loop, and when and why one left it.

    Faust exposes no public view of an agent's actor tasks; the agents' own bodies do know when
    they run, and an exit they did not choose (an exception, a cancellation) is a crash.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.agents: dict[str, AgentState] = {}

    @contextmanager
    def running(self, name: str) -> Iterator[None]:
        """Wrap an agent's loop: counts it running until it returns, raises or is cancelled."""
        state = self.agents.setdefault(name, AgentState())
        state.running += 1
        exit_reason = "stream ended"  # the loop returned: the agent stops taking messages
        try:
            yield
        except asyncio.CancelledError:
            exit_reason = "cancelled"
            raise
        except BaseException as error:
            exit_reason = f"crashed: {type(error).__name__}: {error}"[:300]
            raise
        finally:
            state.running -= 1
            state.exits += 1
            state.last_exit = exit_reason
            state.last_exit_at = self.clock()

    def problems(self, expected: Iterable[str], crash_hold_s: float) -> dict[str, str]:
        """Agent name → what is wrong, for agents not running or that left their loop recently."""
        now = self.clock()
        found = {}
        for name in expected:
            state = self.agents.get(name)
            if state is None:
                found[name] = "not started"
            elif state.running <= 0:
                found[name] = f"not running ({state.last_exit})"
            elif state.last_exit_at is not None and now - state.last_exit_at < crash_hold_s:
                found[name] = (f"restarted {now - state.last_exit_at:.0f} s ago after it stopped "
                               f"({state.last_exit}); a message may have been skipped")
        return found

    def reset(self) -> None:
        """Forget every agent (tests)."""
        self.agents.clear()


@dataclass(frozen=True)
class Stall:
    """An assigned input partition with messages waiting and none taken for too long."""

    topic: str
    partition: int
    lag: int
    idle_s: float

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form for the /health body."""
        return {"topic": self.topic, "partition": self.partition, "lag": self.lag, "idle_s": round(self.idle_s, 1)}


def idle_partitions(assigned: Iterable[tuple[str, int]], input_topics: Iterable[str], now: float,
                    assigned_at: Mapping[tuple[str, int], float], last_in: Mapping[tuple[str, int], float],
                    threshold_s: float) -> dict[tuple[str, int], float]:
    """Input partitions no message was taken from for ``threshold_s`` (since assignment at least): → idle s.

    Only the agents' input topics count: the merge table's changelog partitions are assigned
    too but are read only while recovering, so their lag is normal.
    """
    topics = set(input_topics)
    idle = {}
    for tp in assigned:
        if tp[0] not in topics:
            continue
        since = max(assigned_at.get(tp, 0.0), last_in.get(tp, 0.0))
        if now - since >= threshold_s:
            idle[tp] = now - since
    return idle


def stalls(idle: Mapping[tuple[str, int], float], lags: Mapping[tuple[str, int], int]) -> list[Stall]:
    """The idle partitions that have messages waiting (an idle partition with lag 0 is just quiet)."""
    return [Stall(tp[0], tp[1], lags[tp], seconds) for tp, seconds in sorted(idle.items())
            if lags.get(tp, 0) > 0]
