"""A throwaway PostgreSQL server for tests and benchmarks: initdb + pg_ctl in a temp dir.

Runs as an unprivileged user (PostgreSQL refuses to run as root): as root, the server runs as
``nobody`` through ``runuser``. Listens on 127.0.0.1 on a free port; the data directory is
removed afterwards. :func:`postgres_or_skip` skips a test, with the reason, when PostgreSQL's
binaries aren't installed (``scripts/install_system_deps.sh`` installs them).
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.integration.harness import free_port

RUN_AS = "nobody"


def find_pg_bin() -> Path | None:
    """The directory holding initdb and pg_ctl, or None when PostgreSQL isn't installed."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version_key, reverse=True)
    return Path(candidates[0]).parent if candidates else None


def _version_key(path: str) -> int:
    with contextlib.suppress(ValueError, IndexError):
        return int(path.split("/")[4])
    return 0


@dataclass
class PostgresServer:
    """A running server: its URL (user ``postgres``, trust auth), port and data directory."""

    bin_dir: Path
    root: Path
    port: int
    process_log: Path

    @property
    def url(self) -> str:
        """The ``postgresql://`` URL of the server's ``postgres`` database."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        prefix = ["runuser", "-u", RUN_AS, "--"] if os.geteuid() == 0 else []
        return subprocess.run([*prefix, *args], capture_output=True, text=True, timeout=timeout, check=False,
                              cwd=self.root)

    def init(self) -> None:
        """initdb (trust auth, user ``postgres``, UTF-8)."""
        result = self._run(str(self.bin_dir / "initdb"), "-D", str(self.root / "data"), "-U", "postgres",
                           "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync")
        if result.returncode:
            raise RuntimeError(f"initdb failed: {result.stderr[-2000:]}")

    def start(self, fsync: bool = False) -> None:
        """pg_ctl start, waiting until the server accepts connections."""
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                   f"-c fsync={'on' if fsync else 'off'} -c full_page_writes={'on' if fsync else 'off'}")
        result = self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.root / "data"), "-o", options,
                           "-l", str(self.process_log), "-w", "-t", "60", "start")
        if result.returncode:
            log = self.process_log.read_text() if self.process_log.exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {result.stderr[-1000:]} {log[-2000:]}")

    def stop(self) -> None:
        """pg_ctl stop (fast)."""
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "fast", "-w", "stop")


def _make_root() -> Path:
    root = Path(tempfile.mkdtemp(prefix="hadath-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, RUN_AS)
    return root


@contextlib.contextmanager
def postgres_server(port: int | None = None, fsync: bool = False, start: bool = True) -> Iterator[PostgresServer]:
    """A fresh server for the duration of the block (``start=False``: initialised, not started)."""
    bin_dir = find_pg_bin()
    if bin_dir is None:
        raise FileNotFoundError("PostgreSQL is not installed (initdb not found): run scripts/install_system_deps.sh")
    if os.geteuid() == 0 and not shutil.which("runuser"):
        raise FileNotFoundError("running as root without runuser: cannot start PostgreSQL as another user")
    root = _make_root()
    server = PostgresServer(bin_dir, root, port or free_port(), root / "server.log")
    try:
        server.init()
        if start:
            server.start(fsync=fsync)
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def wait_for_port(port: int, timeout: float = 30.0) -> None:
    """Wait until something listens on 127.0.0.1:``port``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on port {port} after {timeout} s")


@contextlib.contextmanager
def postgres_or_skip(**kwargs: object) -> Iterator[PostgresServer]:
    """:func:`postgres_server`, or ``pytest.skip`` (printing why) when PostgreSQL isn't installed."""
    if find_pg_bin() is None:
        reason = "PostgreSQL not installed (no initdb): run scripts/install_system_deps.sh"
        print(f"SKIP: {reason}")
        pytest.skip(reason)
    with postgres_server(**kwargs) as server:  # type: ignore[arg-type]
        yield server
