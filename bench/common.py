"""Shared pieces of the benchmarks: corpus reading, machine facts, CPU accounting, workers, output.

The scripts beside this file (``embedded.py``, ``broker.py``, ``soak_fuzz.py``) put the
repository root on ``sys.path`` and import this module as ``bench.common``.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import platform
import resource
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

from hadath.pipeline import InputError, articles_from_text
from schemas import Article

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "saudinewsnet.jsonl.gz"
RESULTS = REPO / "bench" / "results"
KAFKA_HOME = Path(os.environ.get("HADATH_KAFKA_HOME", Path.home() / ".cache" / "hadath" / "kafka"))


# ---------------------------------------------------------------------------------------------
# input


def load_corpus(count: int, offset: int = 0, path: Path = CORPUS) -> list[Article]:
    """Articles ``offset … offset + count`` of the SaudiNewsNet JSONL (``date_extracted`` → ``published_at``).

    Records that are not valid Articles are skipped (SaudiNewsNet has none after its cleaning).
    """
    if not path.exists():
        raise SystemExit(f"corpus not found: {path} (pass --corpus)")
    lines = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number >= offset + count:
                break
            if number >= offset:
                lines.append(line)
    articles = [a for a in articles_from_text(path.name.removesuffix(".gz"), "".join(lines))
                if not isinstance(a, InputError)]
    if len(articles) < count:
        raise SystemExit(f"only {len(articles)} articles in {path} from offset {offset}, {count} wanted")
    return articles


# ---------------------------------------------------------------------------------------------
# machine and process facts


def machine_info() -> dict[str, Any]:
    """Date, host, CPUs, RAM, Python and the repository's commit (so a figure can be traced)."""
    model = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    commit = _git("rev-parse", "--short", "HEAD")
    dirty = bool(_git("status", "--porcelain", "--untracked-files=no"))
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "cpu_model": model,
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "commit": commit + ("-dirty" if dirty else ""),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, timeout=10,
                              check=False).stdout.strip()
    except OSError:
        return ""


def pin_to_cpu(cpu: int | None) -> None:
    """Run this process (and the threads it starts later) on one CPU only."""
    if cpu is not None:
        os.sched_setaffinity(0, {cpu})


def broker_pid(port: int = 9092) -> int | None:
    """The local broker's JVM pid (``scripts/kafka.sh`` writes it), if it runs."""
    pid_file = KAFKA_HOME / f"run-{port}" / "kafka.pid"
    with contextlib.suppress(OSError, ValueError):
        pid = int(pid_file.read_text().strip())
        if psutil.pid_exists(pid):
            return pid
    return None


@dataclass
class CpuMeter:
    """CPU seconds (user + system) of some processes, and of every CPU, between start and stop."""

    pids: dict[str, int]
    started: dict[str, float] = field(default_factory=dict)
    used: dict[str, float] = field(default_factory=dict)
    wall: float = 0.0
    _t0: float = 0.0
    _cpu0: list[Any] = field(default_factory=list)
    per_cpu_busy: list[float] = field(default_factory=list)

    def start(self) -> CpuMeter:
        """Take the first reading."""
        self._t0 = time.perf_counter()
        self._cpu0 = psutil.cpu_times(percpu=True)
        self.started = {name: process_cpu(pid) for name, pid in self.pids.items()}
        return self

    def stop(self) -> dict[str, Any]:
        """Take the second reading; CPU seconds per process, and per CPU how busy it was (0–1)."""
        self.wall = time.perf_counter() - self._t0
        self.used = {name: round(process_cpu(pid) - self.started[name], 2) for name, pid in self.pids.items()}
        cpu1 = psutil.cpu_times(percpu=True)
        self.per_cpu_busy = []
        for before, after in zip(self._cpu0, cpu1, strict=True):
            total = sum(after) - sum(before)
            idle = (after.idle + after.iowait) - (before.idle + before.iowait)
            self.per_cpu_busy.append(round(1 - idle / total, 3) if total > 0 else 0.0)
        return self.report()

    def report(self) -> dict[str, Any]:
        """The figures as a JSON-able dict (CPU seconds, and share of the wall time)."""
        total_busy = sum(self.per_cpu_busy) * self.wall
        ours = sum(self.used.values())
        return {
            "wall_s": round(self.wall, 2),
            "cpu_s": self.used,
            "cpu_share_of_wall": {k: round(v / self.wall, 2) for k, v in self.used.items()} if self.wall else {},
            "per_cpu_busy": self.per_cpu_busy,
            "other_processes_cpu_s": round(max(0.0, total_busy - ours), 2),
        }


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of ``pid`` (0 when it is gone)."""
    try:
        times = psutil.Process(pid).cpu_times()
    except psutil.Error:
        return 0.0
    return times.user + times.system


def peak_rss_mb(pid: int | None = None) -> float:
    """Peak resident memory of this process (``getrusage``), or the current RSS of ``pid``."""
    if pid is None:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:
        return psutil.Process(pid).memory_info().rss / 2**20
    except psutil.Error:
        return 0.0


# ---------------------------------------------------------------------------------------------
# a worker subprocess


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def parse_metrics(text: str) -> dict[str, float]:
    """Prometheus text → ``{'name{labels}': value}``."""
    values = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            with contextlib.suppress(ValueError):
                values[name] = float(value)
    return values


def stage_counter(values: Mapping[str, float], name: str, stage: str) -> float:
    """A hadath counter (``hadath_messages_in`` …) of one stage, summed over its other labels."""
    prefix = f"{name}_total{{"
    return sum(v for k, v in values.items() if k.startswith(prefix) and f'stage="{stage}"' in k)


@dataclass
class Worker:
    """``python -m hadath.cli worker`` as a subprocess, optionally pinned to CPUs."""

    env: dict[str, str]
    log_path: Path
    cpus: set[int] | None = None
    process: subprocess.Popen | None = None

    @property
    def port(self) -> int:
        """The worker's web port."""
        return int(self.env["HADATH_WEB_PORT"])

    @property
    def pid(self) -> int:
        """The worker's pid."""
        assert self.process is not None
        return self.process.pid

    def start(self) -> Worker:
        """Start the worker (no waiting)."""
        # Unpinned means every CPU: a child inherits the affinity of a pinned parent otherwise.
        cpus = self.cpus or set(range(os.cpu_count() or 1))
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hadath.cli", "worker"], cwd=REPO, env=os.environ | self.env,
            stdout=log, stderr=subprocess.STDOUT, preexec_fn=lambda: os.sched_setaffinity(0, cpus),
        )
        log.close()
        return self

    def get(self, path: str, timeout: float = 5) -> tuple[int, bytes]:
        """GET a path of the worker's web server: (status, body); (0, b"") when it doesn't answer."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()
        except OSError:
            return 0, b""

    def health(self) -> dict[str, Any]:
        """The /health body ({} when the worker doesn't answer)."""
        status, body = self.get("/health")
        with contextlib.suppress(ValueError):
            return json.loads(body) | {"http_status": status}
        return {"http_status": status}

    def metrics(self) -> dict[str, float]:
        """The /metrics values."""
        status, body = self.get("/metrics", timeout=10)
        return parse_metrics(body.decode()) if status == 200 else {}

    def alive(self) -> bool:
        """True while the process runs."""
        return self.process is not None and self.process.poll() is None

    def wait_ready(self, timeout: float = 90) -> None:
        """Until /health reports assigned partitions."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                raise RuntimeError(f"worker exited: {self.log_tail()}")
            if self.health().get("assigned_partitions", 0) > 0:
                return
            time.sleep(0.3)
        raise TimeoutError(f"worker not ready after {timeout} s: {self.log_tail()}")

    def log_tail(self, chars: int = 3000) -> str:
        """The end of the worker's log."""
        with contextlib.suppress(OSError):
            return self.log_path.read_text(errors="replace")[-chars:]
        return ""

    def stop(self, timeout: float = 30) -> None:
        """SIGTERM, then SIGKILL."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@contextlib.contextmanager
def running(workers: Sequence[Worker]) -> Iterator[Sequence[Worker]]:
    """Start the workers, yield them, stop them."""
    try:
        for worker in workers:
            worker.start()
        yield workers
    finally:
        for worker in workers:
            worker.stop()


# ---------------------------------------------------------------------------------------------
# output


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0–100, nearest rank on sorted values); NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def median(values: Sequence[float]) -> float:
    """The median (NaN for no values)."""
    return statistics.median(values) if values else float("nan")


def table(rows: Sequence[Sequence[Any]], headers: Sequence[str]) -> str:
    """A plain-text table with right-aligned numbers."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    for row, raw in zip(cells, rows, strict=True):
        lines.append("  ".join(c.rjust(w) if isinstance(v, int | float) else c.ljust(w)
                               for c, w, v in zip(row, widths, raw, strict=True)))
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        if value != value:  # NaN
            return "–"
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}" if abs(value) < 1 else f"{value:.1f}"
    return str(value)


def write_results(name: str, results: Mapping[str, Any], path: Path | None = None) -> Path:
    """Write ``results`` as JSON to ``path`` or ``bench/results/<name>-<UTC time>.json``."""
    if path is None:
        RESULTS.mkdir(parents=True, exist_ok=True)
        path = RESULTS / f"{name}-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps(results, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
    return path
