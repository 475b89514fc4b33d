"""PostgreSQL or Redis going away under the running API: 503s, logged once per outage, not per request.

The store and the bus are the real PostgreSQL and Redis of the test setup, reached through a TCP
proxy that the test cuts (the server looks gone) and restores.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import trio

from tests.store.backends import temp_store_url

from ._support import redis_url, running_api
from ._tcp_proxy import TcpProxy
from .test_api_display import TOKEN

STORE_ROUTES = (
    "/api/v1/records",
    "/api/v1/records/weather",
    "/api/v1/records/weather/history",
    "/api/v1/environment",
    "/readyz",
)


def _logged(caplog: pytest.LogCaptureFixture) -> list[tuple[int, str]]:
    """What the API logged about its requests (the SSE fan-out logs its own outages, once each)."""
    return [
        (r.levelno, r.getMessage())
        for r in caplog.records
        if r.name.startswith("ecoboard.api") and r.name != "ecoboard.api._hub" and r.levelno >= logging.INFO
    ]


async def _statuses(api, paths) -> list[int]:
    return [(await api.client.get(path)).status_code for path in paths]


async def test_a_store_outage_is_logged_once_when_it_starts_and_once_when_it_ends(tmp_path: Path, caplog):
    caplog.set_level(logging.INFO, logger="ecoboard")
    async with trio.open_nursery() as nursery:
        proxy = TcpProxy(nursery, ("127.0.0.1", 5432))
        await proxy.restore()
        with temp_store_url("postgresql", tmp_path) as url:
            proxied = url.replace("127.0.0.1:5432", f"127.0.0.1:{proxy.port}")
            async with running_api(proxied) as api:
                await api.write("weather")
                assert await _statuses(api, STORE_ROUTES) == [200] * 5
                caplog.clear()

                for _outage in range(2):
                    proxy.cut()
                    # three rounds of every route that reads the store: fifteen 503s, one warning
                    assert await _statuses(api, STORE_ROUTES * 3) == [503] * 15
                    [(level, message)] = _logged(caplog)
                    assert level == logging.WARNING
                    assert message.startswith(
                        f"GET /api/v1/records: the record store failed (postgresql store "
                        f"postgresql://postgres@127.0.0.1:{proxy.port}/test: "
                    )
                    assert message.endswith("); requests that need it answer 503 until it answers again")
                    caplog.clear()

                    await proxy.restore()
                    assert await _statuses(api, STORE_ROUTES * 2) == [200] * 10
                    assert _logged(caplog) == [(logging.INFO, "the record store answers API requests again")]
                    caplog.clear()
        nursery.cancel_scope.cancel()


async def test_a_bus_outage_is_logged_once_when_control_commands_start_failing_and_once_when_they_pass(
    tmp_path: Path, caplog
):
    caplog.set_level(logging.INFO, logger="ecoboard")
    auth = {"Authorization": f"Bearer {TOKEN}"}
    async with trio.open_nursery() as nursery:
        proxy = TcpProxy(nursery, ("127.0.0.1", 6379))
        await proxy.restore()
        bus = redis_url().replace("127.0.0.1:6379", f"127.0.0.1:{proxy.port}")
        async with running_api(f"sqlite:///{tmp_path / 'store.sqlite3'}", bus, token=TOKEN) as api:
            assert (await api.client.post("/api/v1/display/next", headers=auth)).status_code == 202
            caplog.clear()

            proxy.cut()
            statuses = [(await api.client.post("/api/v1/display/next", headers=auth)).status_code for _ in range(4)]
            assert statuses == [503] * 4
            [(level, message)] = _logged(caplog)
            assert level == logging.WARNING
            assert message.startswith("POST /api/v1/display/next: the update bus failed (redis bus redis://127.0.0.1:")
            caplog.clear()

            await proxy.restore()
            assert (await api.client.post("/api/v1/display/pause", headers=auth)).status_code == 202
            assert (await api.client.post("/api/v1/display/play", headers=auth)).status_code == 202
            assert _logged(caplog) == [(logging.INFO, "the update bus answers API requests again")]
        nursery.cancel_scope.cancel()
