"""``ecoboard api`` as the cluster runs it: PostgreSQL + Redis, display routes 503, graceful SIGTERM."""

from __future__ import annotations

import re
import secrets
import signal
import socket
import subprocess
import sys

import httpx
import trio

from ecoboard.bus import open_bus
from ecoboard.cli import main
from ecoboard.store import AsyncStore, open_store
from tests.store.backends import temp_store_url

from ._support import FAR_FUTURE, FETCHED_AT, REDIS_BASE, aqi_data


async def _read_line(stream: trio.abc.ReceiveStream, pattern: str) -> re.Match[str]:
    text = ""
    while (match := re.search(pattern, text)) is None:
        chunk = await stream.receive_some()
        assert chunk, f"the process ended without printing {pattern!r}; it printed {text!r}"
        text += chunk.decode()
    return match


async def test_ecoboard_api_serves_the_cluster_store_and_stops_on_sigterm(tmp_path):
    prefix = f"api{secrets.token_hex(5)}:"
    with temp_store_url("postgresql", tmp_path) as store_url:
        bus_url = f"{REDIS_BASE}?prefix={prefix}"
        config = tmp_path / "ecoboard.yaml"
        config.write_text(f"mode: cluster\nstore:\n  url: '{store_url}'\nbus:\n  url: '{bus_url}'\n", encoding="utf-8")
        process = await trio.lowlevel.open_process(
            [sys.executable, "-m", "ecoboard", "api", "--config", str(config), "--host", "127.0.0.1", "--port", "0"],
            stdout=subprocess.PIPE,
            cwd=tmp_path,
        )
        try:
            with trio.fail_after(30):
                port = int((await _read_line(process.stdout, r"serving http://127\.0\.0\.1:(\d+)/"))[1])
            store = AsyncStore(open_store(store_url))
            bus = open_bus(bus_url)
            record = await store.write(
                "aqi", fetched_at=FETCHED_AT, valid_until=FAR_FUTURE, source="open-meteo", data=aqi_data()
            )
            await bus.publish("update", {"kind": "aqi", "version": record.version})
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
                assert (await client.get("/healthz")).json() == {"status": "alive"}
                body = (await client.get("/api/v1/records/aqi")).json()
                assert [(i["index"], i["value"]) for i in body["data"]["indices"]] == [("us_epa", 41), ("eaqi", 22)]
                assert (await client.get("/api/v1/display")).status_code == 503
                pause = await client.post("/api/v1/display/pause", headers={"Authorization": "Bearer x"})
                assert pause.status_code == 503  # no token configured: control disabled
                async with client.stream("GET", "/api/v1/events") as stream:
                    lines = stream.aiter_lines()
                    while not (line := await anext(lines)).startswith("id: "):
                        pass
                    assert line == "id: aqi.1"
                    process.send_signal(signal.SIGTERM)
                    with trio.fail_after(10):
                        assert await process.wait() == 0
            await bus.aclose()
            await store.aclose()
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()


def test_ecoboard_api_reports_a_port_in_use_in_one_line(tmp_path, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        config = tmp_path / "ecoboard.yaml"
        config.write_text(f"store:\n  url: 'sqlite:///{tmp_path}/s.sqlite3'\n", encoding="utf-8")
        status = main(["api", "--config", str(config), "--host", "127.0.0.1", "--port", str(port)])
    assert status == 2
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last.startswith(f"ecoboard api: error: cannot listen on 127.0.0.1:{port}: ")
