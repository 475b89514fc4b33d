"""Shared helpers of the API tests: the real server on a free port, records from the recorded
fixtures, and a small SSE reader over httpx."""

from __future__ import annotations

import json
import secrets
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache, partial
from pathlib import Path
from typing import Any

import httpx
import trio

from ecoboard import Record
from ecoboard.api import ApiDeps, DisplayView, EcoboardApp, create_app, serve_api
from ecoboard.bus import open_bus
from ecoboard.bus._memory import MemoryBus
from ecoboard.bus._redis import RedisBus
from ecoboard.config import Config, parse_config
from ecoboard.fetchers import FetchContext
from ecoboard.fetchers.providers import get_provider
from ecoboard.store import AsyncStore, open_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REDIS_BASE = "redis://127.0.0.1:6379/0"
PENZA = "open-meteo/forecast-penza-current-hourly-daily-2023-11-11.json"
BERLIN_AIR = "open-meteo/air-quality-berlin-current-eaqi-usaqi-pm-2024-02-21.json"
OPENING_DAY = "mlb-statsapi/schedule-2022-04-07-opening-day-finals-2-postponed.json"
NFL_WEEK1 = "espn/nfl-scoreboard-2022-week1-sunday-live-mixed.json"
OSLO_SUN = "met-norway/sunrise3-sun-oslo-2022-12-18.json"
OSLO_MOON = "met-norway/sunrise3-moon-oslo-2022-12-18.json"
FETCHED_AT = datetime(2023, 11, 11, 11, 20, tzinfo=UTC)
NOT_ASCII_WHOLE_NUMBERS = ("\u0663", "\u0661\u0666", "\uff13", "\u00b2", " 3", "+3", "3 ", "1" * 5000)
"""Texts Python's isdigit/int would read as a number (Arabic-Indic 3 and 16, fullwidth 3, superscript 2,
signs, spaces, more digits than int reads): a query parameter must refuse them all with a 422."""
FAR_FUTURE = datetime(2100, 1, 1, tzinfo=UTC)


def fixture(relative: str) -> Any:
    """The parsed JSON of a recorded provider answer under tests/fixtures/."""
    return json.loads((FIXTURES / relative).read_text(encoding="utf-8"))


def _transform(kind: str, provider: str, answers: Mapping[str, str], now: str, **config: Any) -> dict[str, Any]:
    """``kind`` data as the provider makes it from recorded answers (request name → fixture path)."""
    cfg = parse_config(config, source="(test)", environ={})
    ctx = FetchContext(now=datetime.fromisoformat(now), config=cfg, settings=cfg.providers[kind])
    return get_provider(kind, provider).transform({name: fixture(path) for name, path in answers.items()}, ctx)


@cache
def weather_data() -> dict[str, Any]:
    """Open-Meteo's recorded Penza forecast, transformed by the weather provider."""
    return _transform(
        "weather",
        "open-meteo",
        {"forecast": PENZA},
        "2023-11-11T11:20:00+00:00",
        location={"lat": 53.2, "lon": 45.0},
        timezone="Europe/Moscow",
    )


@cache
def aqi_data() -> dict[str, Any]:
    """Open-Meteo's recorded Berlin air quality (US AQI 41, EAQI 22), transformed by the aqi provider."""
    return _transform(
        "aqi",
        "open-meteo",
        {"air_quality": BERLIN_AIR},
        "2024-02-21T15:10:00+00:00",
        location={"lat": 52.52, "lon": 13.41},
        timezone="Europe/Berlin",
    )


@cache
def mlb_data() -> dict[str, Any]:
    """MLB's recorded opening day 2022 (finals and two postponements), transformed by the provider."""
    return _transform(
        "mlb", "mlb-statsapi", {"schedule": OPENING_DAY}, "2022-04-08T03:00:00+00:00", timezone="America/New_York"
    )


@cache
def nfl_data() -> dict[str, Any]:
    """ESPN's recorded NFL 2022 week 1 Sunday (16 games), transformed by the nfl provider."""
    return _transform("nfl", "espn", {"scoreboard": NFL_WEEK1}, "2022-09-11T20:00:00+00:00")


@cache
def sun_moon_data() -> dict[str, Any]:
    """MET Norway's recorded Oslo sun and moon of 2022-12-18, transformed by the sun_moon provider."""
    return _transform(
        "sun_moon",
        "met-norway",
        {"sun": OSLO_SUN, "moon": OSLO_MOON},
        "2022-12-18T09:00:00+00:00",
        location={"lat": 59.91, "lon": 10.75},
        timezone="Europe/Oslo",
    )


DATA: dict[str, Callable[[], dict[str, Any]]] = {
    "weather": weather_data,
    "aqi": aqi_data,
    "mlb": mlb_data,
    "nfl": nfl_data,
    "sun_moon": sun_moon_data,
}
SOURCES = {"weather": "open-meteo", "aqi": "open-meteo", "mlb": "mlb-statsapi", "sun_moon": "met-norway", "nfl": "espn"}


@dataclass
class Api:
    """A running API: its base URL, an httpx client, and the store and bus it reads."""

    port: int
    client: httpx.AsyncClient
    store: AsyncStore
    bus: MemoryBus | RedisBus
    app: EcoboardApp
    stop: trio.Event
    stopped: trio.Event
    written: list[Record] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def write(
        self,
        kind: str,
        data: Mapping[str, Any] | None = None,
        *,
        publish: bool = True,
        fetched_at: datetime = FETCHED_AT,
        valid_until: datetime = FAR_FUTURE,
    ) -> Record:
        """Write the next ``kind`` record (by default from its recorded fixture) and announce it on the bus."""
        record = await self.store.write(
            kind,
            fetched_at=fetched_at,
            valid_until=valid_until,
            source=SOURCES[kind],
            data=DATA[kind]() if data is None else data,
        )
        if publish:
            await self.bus.publish("update", {"kind": kind, "version": record.version})
        self.written.append(record)
        return record


def store_url_sqlite(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'api' / 'ecoboard.sqlite3'}"


def redis_url() -> str:
    """The shared Redis with a channel prefix no other test uses."""
    return f"{REDIS_BASE}?prefix=api{secrets.token_hex(5)}:"


@asynccontextmanager
async def running_api(
    store_url: str,
    bus_url: str = "memory://",
    *,
    config: Mapping[str, Any] | None = None,
    token: str | None = None,
    display: DisplayView | None = None,
    health: Callable[[], Mapping[str, Mapping[str, Any]]] | None = None,
    web_dist: Path | None = None,
) -> AsyncIterator[Api]:
    """Serve the API on a free port in this task's nursery; stop it (gracefully) on exit."""
    cfg: Config = parse_config(config or {}, source="(test)", environ={})
    # on a worker thread: the store may be reached through a proxy served by this very trio loop
    store = AsyncStore(await trio.to_thread.run_sync(partial(open_store, store_url, history=50)))
    bus = open_bus(bus_url)
    app = create_app(
        ApiDeps(
            store=store, bus=bus, config=cfg, control_token=token, display=display, health=health, web_dist=web_dist
        )
    )
    stop, stopped = trio.Event(), trio.Event()

    async def serve(task_status: trio.TaskStatus[int]) -> None:
        await serve_api(app, host="127.0.0.1", port=0, shutdown_trigger=stop.wait, task_status=task_status)
        stopped.set()

    try:
        async with trio.open_nursery() as nursery:
            port = await nursery.start(serve)
            limits = httpx.Limits(max_connections=None, max_keepalive_connections=None)
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10, limits=limits) as client:
                yield Api(port, client, store, bus, app, stop, stopped)
            stop.set()
    finally:
        await bus.aclose()
        await store.aclose()


@dataclass
class Event:
    """One parsed SSE event."""

    id: str | None
    event: str
    data: str

    def json(self) -> Any:
        return json.loads(self.data)


class SseReader:
    """Reads events, comments and the retry field from an httpx streaming response."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self._lines = response.aiter_lines()
        self.comments: list[str] = []
        self.retry: int | None = None
        self.last_id: str | None = None

    async def next_event(self) -> Event:
        """The next event with data (comments and retry-only blocks are recorded, not returned)."""
        fields: dict[str, list[str]] = {}
        async for line in self._lines:
            if line == "":
                if "data" in fields:
                    event = Event(
                        fields.get("id", [None])[-1], fields.get("event", ["message"])[-1], "\n".join(fields["data"])
                    )
                    if event.id is not None:
                        self.last_id = event.id
                    return event
                fields = {}
                continue
            if line.startswith(":"):
                self.comments.append(line)
                continue
            name, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if name == "retry":
                self.retry = int(value)
            else:
                fields.setdefault(name, []).append(value)
        raise EOFError("the event stream ended")

    async def next_comment(self) -> str:
        """The next comment line (events in between are skipped)."""
        async for line in self._lines:
            if line.startswith(":"):
                return line
        raise EOFError("the event stream ended")

    async def ready(self) -> None:
        """Wait for the stream's opening ``retry:`` block: from then on the server has this client."""
        async for line in self._lines:
            if line.startswith("retry:"):
                self.retry = int(line.partition(":")[2])
            elif line == "" and self.retry is not None:
                return
        raise EOFError("the event stream ended before it started")

    async def events(self, count: int) -> list[Event]:
        return [await self.next_event() for _ in range(count)]


@asynccontextmanager
async def sse(
    client: httpx.AsyncClient, last_event_id: str | None = None, params: Mapping[str, str] | None = None
) -> AsyncIterator[SseReader]:
    """Open ``/api/v1/events`` (with ``params``, e.g. ``last_event_id``) and read it."""
    headers = {"Last-Event-ID": last_event_id} if last_event_id is not None else {}
    timeout = httpx.Timeout(10, read=None)
    async with client.stream("GET", "/api/v1/events", headers=headers, params=params, timeout=timeout) as resp:
        assert resp.status_code == 200
        assert resp.headers["content-type"].startswith("text/event-stream")
        yield SseReader(resp)


def past(hours: float = 1) -> datetime:
    return datetime.now(UTC) - timedelta(hours=hours)
