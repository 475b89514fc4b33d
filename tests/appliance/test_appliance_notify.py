"""``ecoboard run`` under a real NOTIFY_SOCKET: READY, WATCHDOG pings, a hung loop, STOPPING and exit 0.

Each test runs the real command in a subprocess (offline, on the shipped demo replay) with a datagram
socket bound in a temporary directory as ``NOTIFY_SOCKET`` and ``WATCHDOG_USEC=2000000``, as systemd
would start it with ``WatchdogSec=2``.
"""

from __future__ import annotations

import itertools
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

WATCHDOG_USEC = 2_000_000
HALF = WATCHDOG_USEC / 1_000_000 / 2


class NotifySocket:
    """The systemd side: receives sd_notify datagrams and timestamps each line on arrival."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(path))
        self.messages: list[tuple[float, str]] = []

    def receive_for(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            self.sock.settimeout(left)
            try:
                data = self.sock.recv(4096)
            except TimeoutError:
                return
            at = time.monotonic()
            self.messages.extend((at, line) for line in data.decode().splitlines())

    def wait_for(self, line: str, seconds: float) -> float:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            for at, seen in self.messages:
                if seen == line:
                    return at
            self.receive_for(min(0.2, max(end - time.monotonic(), 0.01)))
        raise AssertionError(f"no {line!r} within {seconds} s; got {[m for _, m in self.messages]}")

    def times(self, line: str, after: float = 0.0) -> list[float]:
        return [at for at, seen in self.messages if seen == line and at >= after]


@pytest.fixture
def notify(tmp_path: Path) -> Iterator[NotifySocket]:
    sock = NotifySocket(tmp_path / "notify.sock")
    yield sock
    sock.sock.close()


def start(tmp_path: Path, notify: NotifySocket, **extra_env: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ECOBOARD")}
    env.update(NOTIFY_SOCKET=str(notify.path), WATCHDOG_USEC=str(WATCHDOG_USEC), **extra_env)
    env.pop("WATCHDOG_PID", None)
    return subprocess.Popen(
        [sys.executable, "-m", "ecoboard", "run", "--replay", "--port", "0"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


def stop(proc: subprocess.Popen[str], notify: NotifySocket,
         signum: signal.Signals = signal.SIGTERM) -> tuple[int, float, str]:
    """Send ``signum``; returns (exit code, seconds to exit, output). Fails if it takes over 5 s."""
    sent = time.monotonic()
    proc.send_signal(signum)
    try:
        out, _ = proc.communicate(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
        raise AssertionError(f"still running 5 s after {signum.name}:\n{out}") from None
    took = time.monotonic() - sent
    notify.receive_for(0.05)
    return proc.returncode, took, out


def test_ready_then_watchdog_every_half_period_then_stopping_and_exit_0(tmp_path: Path, notify: NotifySocket) -> None:
    proc = start(tmp_path, notify)
    try:
        ready = notify.wait_for("READY=1", 30)
        notify.receive_for(3.5)
    finally:
        code, took, out = stop(proc, notify)
    pings = notify.times("WATCHDOG=1", after=ready - 0.05)
    assert len(pings) >= 4, out
    gaps = [b - a for a, b in itertools.pairwise(pings)]
    assert max(gaps) <= HALF, (gaps, out)
    assert any(m.startswith("STATUS=page ") for _, m in notify.messages)
    assert "STOPPING=1" in [m for _, m in notify.messages]
    assert code == 0, out
    assert took < 2.0, (took, out)
    assert "dashboard at http://127.0.0.1:" in out


def test_hung_render_loop_stops_the_watchdog_pings_and_sigint_still_stops(tmp_path: Path, notify: NotifySocket) -> None:
    proc = start(tmp_path, notify, ECOBOARD_DEBUG_HANG_RENDER_AFTER="30")
    try:
        ready = notify.wait_for("READY=1", 30)
        notify.receive_for(4.5)
        listened_until = time.monotonic()
        assert proc.poll() is None  # the process lives on: only the render loop is stuck
    finally:
        code, took, out = stop(proc, notify, signal.SIGINT)
    assert "debug hook: render loop hangs after 30 frames" in out
    pings = notify.times("WATCHDOG=1", after=ready - 0.05)
    assert pings, notify.messages  # pinging while it rendered (30 frames: about half a second)...
    assert listened_until - pings[-1] >= 3.0, notify.messages  # ...then silent: systemd would restart it
    assert "SIGINT received: stopping" in out
    assert "STOPPING=1" in [m for _, m in notify.messages]
    assert code == 0, out
    assert took < 2.0, (took, out)
