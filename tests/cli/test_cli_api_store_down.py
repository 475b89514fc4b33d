"""``ecoboard api`` started while PostgreSQL does not answer keeps serving (a replica restarted during an
outage must not crash-loop), then opens the store once it answers; SQLite still fails at once."""

from __future__ import annotations

import re
import secrets
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from ..store.pg_server import PgServer
from ._procs import stop_with_sigterm
from ._support import _env, ecoboard


def _serving_port(proc: subprocess.Popen[str]) -> int:
    assert proc.stdout is not None
    line = proc.stdout.readline()
    match = re.search(r"serving http://127\.0\.0\.1:(\d+)/", line)
    assert match, line
    return int(match[1])


def _poll(client: httpx.Client, path: str, done: Callable[[httpx.Response], bool], seconds: float) -> httpx.Response:
    deadline = time.monotonic() + seconds
    while not done(response := client.get(path)):
        assert time.monotonic() < deadline, response.text
        time.sleep(0.1)
    return response


def _start_api(config: Path, *, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "ecoboard", "api", "--config", str(config), "--host", "127.0.0.1", "--port", "0"],
        cwd=cwd,
        env=_env(cwd) | {"PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_api_serves_while_postgresql_is_down_at_start_then_opens_the_store(tmp_path: Path) -> None:
    pg = PgServer()  # initialised but not started: nothing listens on its port yet
    config = tmp_path / "ecoboard.yaml"
    config.write_text(
        f"mode: cluster\nstore: {{url: '{pg.url}?schema=api_{secrets.token_hex(4)}'}}\n"
        f"bus: {{url: 'redis://127.0.0.1:6379/0?prefix=t_{secrets.token_hex(5)}-'}}\n"
    )
    proc = _start_api(config, cwd=tmp_path)
    try:
        port = _serving_port(proc)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            health = client.get("/healthz")
            assert (health.status_code, health.json()) == (200, {"status": "alive"})
            ready = _poll(client, "/readyz", lambda r: "cannot connect" in " ".join(r.json()["reasons"]), 15)
            body = ready.json()
            assert (ready.status_code, body["ready"], body["store"], body["records_from"]) == (
                503, False, "unreachable", "memory"
            )
            assert body["reasons"][0].startswith(
                f"store unreachable: store not reachable yet: postgresql store postgresql://postgres@127.0.0.1:"
                f"{pg.port}/postgres"
            )
            board = client.get("/api/v1/board")
            assert board.status_code == 200, board.text
            assert client.get("/").status_code == 200
            records = client.get("/api/v1/records/weather")
            assert (records.status_code, records.json()["error"]) == (503, "the record store is unavailable")

            pg.start()
            ready = _poll(client, "/readyz", lambda r: r.status_code == 200, 40)  # backoff capped at 30 s
            assert (ready.json()["store"], ready.json()["reasons"]) == ("ok", [])
            assert client.get("/api/v1/records/weather").status_code == 404
    finally:
        err = stop_with_sigterm(proc)
        pg.remove()
    assert proc.returncode == 0, err
    assert "WARNING ecoboard.store._open: store not reachable yet (postgresql store " in err
    assert re.search(r"INFO ecoboard\.store\._open: store reachable after \d+ failed attempts", err), err
    assert "Traceback" not in err


def test_api_with_a_sqlite_store_that_cannot_open_still_fails_at_once(tmp_path: Path) -> None:
    (tmp_path / "ecoboard.yaml").write_text("store: {url: 'sqlite:////proc/no/such/dir/db.sqlite3'}\n")
    done = ecoboard("api", "--config", "ecoboard.yaml", "--port", "0", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.splitlines()[-1].startswith("ecoboard api: error: sqlite store ")


def test_api_serves_while_postgresql_is_stalled_at_start(tmp_path: Path) -> None:
    """A server that accepts no connection's talk (SIGSTOPped) holds the start for at most a few seconds."""
    pg = PgServer()
    pg.start()
    pg.pause()
    config = tmp_path / "ecoboard.yaml"
    config.write_text(
        f"mode: cluster\nstore: {{url: '{pg.url}?schema=api_{secrets.token_hex(4)}'}}\n"
        f"bus: {{url: 'redis://127.0.0.1:6379/0?prefix=t_{secrets.token_hex(5)}-'}}\n"
    )
    started = time.monotonic()
    proc = _start_api(config, cwd=tmp_path)
    try:
        port = _serving_port(proc)
        assert time.monotonic() - started < 10
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            assert client.get("/healthz").status_code == 200
            ready = _poll(client, "/readyz", lambda r: "timeout expired" in " ".join(r.json()["reasons"]), 15)
            assert ready.json()["reasons"] == [
                f"store unreachable: store not reachable yet: postgresql store postgresql://postgres@127.0.0.1:"
                f"{pg.port}/postgres: cannot connect: connection timeout expired"
            ]
            pg.resume()
            ready = _poll(client, "/readyz", lambda r: r.status_code == 200, 40)
            assert ready.json()["store"] == "ok"
    finally:
        err = stop_with_sigterm(proc)
        pg.resume()
        pg.remove()
    assert proc.returncode == 0, err
