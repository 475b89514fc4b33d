"""C24/C30: a stalled or unreachable provider never holds back the other kinds."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial

import httpx
import trio

from ecoboard.bus import BusMessage, MemoryBus
from ecoboard.fetchers import make_client, run_fetchers

from .helpers import FIXTURES, LIVE_SCHEDULE

NOW = datetime(2024, 4, 28, 20, 10, tzinfo=UTC)
PENZA = FIXTURES / "open-meteo" / "forecast-penza-current-hourly-daily-2023-11-11.json"


async def eventually(condition: Callable[[], bool]) -> None:
    for _ in range(1000):
        if condition():
            return
        await trio.sleep(0.01)
    raise AssertionError("condition never became true")


async def test_stalled_and_unreachable_providers_do_not_block_other_kinds(config, astore) -> None:
    release_weather = trio.Event()

    async def handler(request: httpx.Request) -> httpx.Response:
        host = request.url.host
        if host == "api.open-meteo.com":  # stalls until the test lets it answer
            await release_weather.wait()
            return httpx.Response(200, content=PENZA.read_bytes())
        if host == "site.api.espn.com":  # DNS failure at start-up (C23, C30)
            raise httpx.ConnectError("[Errno -2] Name or service not known", request=request)
        return httpx.Response(200, content=LIVE_SCHEDULE.read_bytes())

    bus = MemoryBus()
    async with make_client(transport=httpx.MockTransport(handler)) as client, bus.subscribe(("update",)) as sub:
        assert await sub.__anext__() == BusMessage("connected", {})
        with trio.fail_after(20):
            async with trio.open_nursery() as nursery:
                coords = await nursery.start(partial(
                    run_fetchers, ["weather", "mlb", "nfl"], config, client=client, store=astore, bus=bus,
                    clock=lambda: NOW))
                assert sorted(coords) == ["mlb", "nfl", "weather"]

                # mlb is fetched, stored and announced while weather's request is still pending
                assert await sub.__anext__() == BusMessage("update", {"kind": "mlb", "version": 1})
                assert coords["weather"].status().state == "starting"
                await eventually(lambda: coords["nfl"].status().state == "unavailable")
                nfl = coords["nfl"].status()
                assert nfl.last_error == ("espn: https://site.api.espn.com/apis/site/v2/sports/football/nfl/"
                                          "scoreboard: ConnectError: [Errno -2] Name or service not known")
                assert coords["mlb"].status().state == "ok"

                release_weather.set()
                assert await sub.__anext__() == BusMessage("update", {"kind": "weather", "version": 1})
                nursery.cancel_scope.cancel()
    weather = await astore.latest("weather")
    assert weather.data["current"]["temperature"] == 3.5
    assert sorted(await astore.latest_versions()) == ["mlb", "weather"]
