"""SIGTERM ends `ecoboard run` with status 0 within 2 s even while a dashboard client holds an event
stream open without reading it (a phone that left the Wi-Fi mid-stream)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path


def test_a_client_that_stopped_reading_does_not_hold_the_stop(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "ecoboard", "run", "--replay", "--port", "0"], cwd=tmp_path,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    stalled = socket.socket()
    try:
        port = None
        deadline = time.monotonic() + 60
        while port is None and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if match := re.search(r"dashboard at http://127\.0\.0\.1:(\d+)/", line):
                port = int(match[1])
        assert port, "the appliance never printed its dashboard URL"
        stalled.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        stalled.connect(("127.0.0.1", port))
        stalled.sendall(b"GET /api/v1/events HTTP/1.1\r\nHost: board\r\n\r\n")
        time.sleep(2.0)  # the stream's first records fill the small window; the client never reads
        sent = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=30)
        took = time.monotonic() - sent
    finally:
        stalled.close()
        if proc.poll() is None:
            proc.kill()
    assert code == 0
    assert took < 2.0, took
