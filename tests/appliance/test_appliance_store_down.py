"""Cluster mode with PostgreSQL down at boot: the API and dashboard are served for the whole outage."""

from __future__ import annotations

import secrets
import socket
from collections.abc import Callable

import httpx
import trio

from ecoboard.appliance import ApplianceOptions, run_appliance
from ecoboard.config import parse_config
from ecoboard.renderer import NullSink

from ..store.pg_server import PgServer


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def get_when_listening(client: httpx.AsyncClient, path: str) -> httpx.Response:
    while True:
        try:
            return await client.get(path)
        except httpx.ConnectError:
            await trio.sleep(0.05)


async def poll(client: httpx.AsyncClient, path: str, done: Callable[[httpx.Response], bool]) -> httpx.Response:
    while True:
        response = await client.get(path)
        if done(response):
            return response
        await trio.sleep(0.1)


async def test_api_answers_while_postgresql_is_down_then_ready_once_it_starts() -> None:
    pg = PgServer()  # initialised but not started: nothing listens on its port yet
    port = free_port()
    config = parse_config({"mode": "cluster", "store": {"url": f"{pg.url}?schema=boot_{secrets.token_hex(4)}"},
                           "bus": {"url": f"redis://127.0.0.1:6379/0?prefix=t_{secrets.token_hex(5)}-"},
                           "api": {"host": "127.0.0.1"},
                           "display": {"fps": 30, "pages": [{"page": "clock", "seconds": 300}]}},
                          source="test", environ={})
    try:
        async with trio.open_nursery() as nursery, \
                httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            nursery.start_soon(run_appliance, ApplianceOptions(config=config, api_port=port, sink=NullSink()))
            with trio.fail_after(10):
                health = await get_when_listening(client, "/healthz")
            assert (health.status_code, health.json()) == (200, {"status": "alive"})
            with trio.fail_after(10):  # until the first connection attempt has failed
                ready = await poll(client, "/readyz", lambda r: "cannot connect" in r.json()["reasons"][0])
            body = ready.json()
            assert (ready.status_code, body["ready"], body["store"]) == (503, False, "unreachable")
            assert body["reasons"][0].startswith("store unreachable: store not reachable yet: postgresql store ")
            display = await client.get("/api/v1/display")
            assert (display.status_code, display.json()["page"]) == (200, "clock")
            records = await client.get("/api/v1/records/weather")
            assert records.status_code == 503

            pg.start()
            with trio.fail_after(40):  # the supervisor's backoff retries within a few seconds
                ready = await poll(client, "/readyz", lambda r: r.status_code == 200)
            assert ready.json()["store"] == "ok"
            nursery.cancel_scope.cancel()
    finally:
        pg.remove()
