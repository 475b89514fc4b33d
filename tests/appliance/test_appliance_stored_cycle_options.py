"""A stored page cycle (``display_config``) naming a page the renderer cannot draw, with a page option its
page does not take, or a row the store cannot read, never replaces the running cycle: one error names the
row and the page or option, and the last good cycle stays on the panel. Every refusal is one ERROR line in
one wording, named by the board's mode."""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

import psycopg
import pytest
import trio

from ecoboard.appliance import Appliance, ApplianceOptions, Command, Snapshot, Syncer, run_appliance
from ecoboard.bus import MemoryBus
from ecoboard.config import PageSpec, parse_config
from ecoboard.renderer import NullSink
from ecoboard.store import AsyncStore, open_store
from tests.store.backends import PG_BASE, temp_store_url

DEMO = Path(__file__).resolve().parents[2] / "ecoboard" / "demo" / "replay"
BAD_CYCLE = [PageSpec("clock", 8), PageSpec("mlb", 15, {"mode": "cycle_active", "rotate_seconds": "abc"})]
KEEPING = "the page cycle is not reloaded from the store, keeping the current pages: "
REFUSED = (
    f"local mode: {KEEPING}display_config: row [1].options.rotate_seconds: expected a number of at least 1, got 'abc'"
)


def _refusals(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR and "page cycle" in r.getMessage()]


@pytest.fixture
async def store(tmp_path: Path):
    s = AsyncStore(open_store(f"sqlite:///{tmp_path / 'db.sqlite3'}"))
    yield s
    await s.aclose()


async def test_reload_refuses_a_stored_cycle_with_a_bad_option(store: AsyncStore, caplog) -> None:
    config = parse_config({}, environ={})
    send, receive = trio.open_memory_channel(4)
    syncer = Syncer(
        name="local", config=config, store=store, snapshot=Snapshot(), instructions=send, kinds=config.is_local
    )
    bus = MemoryBus()
    async with trio.open_nursery() as nursery:
        await nursery.start(syncer.run, bus)
        await store.set_display_config([PageSpec("nfl", 20, {"mode": "cycle_favorite", "teams": ["NE"]})])
        await bus.publish("control", {"command": "reload"})
        assert await receive.receive() == (PageSpec("nfl", 20, {"mode": "cycle_favorite", "teams": ["NE"]}),)

        await store.set_display_config(BAD_CYCLE)
        await bus.publish("control", {"command": "reload"})
        await bus.publish("control", {"command": "brightness", "value": 40})  # handled after the reload
        assert await receive.receive() == Command("brightness", 40)  # the reload sent no page cycle
        assert _refusals(caplog) == [REFUSED]

        await store.set_display_config([PageSpec("mlb", 15, {"rotate_secs": 8}), PageSpec("wifi", 20, {"ssid": 7})])
        assert await syncer.reload_pages() is None
        assert _refusals(caplog)[-1] == (
            f"local mode: {KEEPING}display_config: row [0].options."
            "rotate_secs: unknown option of page mlb; expected one of mode, rotate_seconds, teams"
        )

        await store.set_display_config([PageSpec("clock", 8), PageSpec("garmin", 10)])  # a page no one draws
        assert await syncer.reload_pages() is None
        assert _refusals(caplog)[-1] == (
            f"local mode: {KEEPING}display_config: row [1].page: "
            "expected one of clock, daily, events, hourly, mlb, nfl, reminder, status, sun_moon, weather, wifi, "
            "got 'garmin'"
        )
        nursery.cancel_scope.cancel()


async def test_the_panel_keeps_the_last_good_cycle(tmp_path: Path, caplog) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    seeded = open_store(url)
    seeded.set_display_config(BAD_CYCLE)  # already there at boot
    seeded.close()
    config = parse_config(
        {
            "store": {"url": url},
            "display": {"fps": 30, "pages": [{"page": "clock", "seconds": 300}, {"page": "weather", "seconds": 300}]},
        },
        source="test",
        environ={},
    )
    options = ApplianceOptions(config=config, replay_dir=DEMO, serve_api=False, sink=NullSink())
    async with trio.open_nursery() as nursery:
        app: Appliance = await nursery.start(partial(run_appliance, options))
        assert _refusals(caplog) == [REFUSED]
        await app.display.next_frame()
        assert app.display.pages == ("clock", "weather")

        assert app.store is not None
        await app.store.set_display_config([PageSpec("status", 10, {"kinds": ["mlb", "nfl"]}), PageSpec("clock", 8)])
        await app.local_bus.publish("control", {"command": "reload"})
        with trio.fail_after(5):
            while app.display.pages != ("status", "clock"):
                await app.display.next_frame()

        await app.store.set_display_config(BAD_CYCLE)
        await app.local_bus.publish("control", {"command": "reload"})
        await app.local_bus.publish("control", {"command": "brightness", "value": 30})  # handled after the reload
        with trio.fail_after(5):
            while app.display.brightness != 30:
                await app.display.next_frame()
        await app.display.next_frame()
        assert _refusals(caplog) == [REFUSED, REFUSED]
        assert app.display.pages == ("status", "clock")
        nursery.cancel_scope.cancel()


async def test_every_refusal_in_cluster_mode_is_one_error_naming_the_mode(tmp_path: Path, caplog) -> None:
    """Rows the store cannot read (bad seconds, options not a mapping), a page no one draws, and a store
    that does not answer: the same level and wording, "cluster mode", whichever bus asked."""
    prefix = "cluster mode: " + KEEPING
    rows = [
        ("clock", -5, "{}", "display_config: row [0].seconds: expected seconds from 1 to 3600, got -5.0"),
        ("clock", float("nan"), "{}", "display_config: row [0].seconds: expected seconds from 1 to 3600, got nan"),
        ("clock", 1e300, "{}", "display_config: row [0].seconds: expected seconds from 1 to 3600, got 1e+300"),
        ("clock", 8, "[1, 2]", "display_config: row [0].options: expected a mapping, got [1, 2]"),
        (
            "garmin",
            8,
            "{}",
            "display_config: row [0].page: expected one of clock, daily, events, hourly, mlb, nfl, reminder, "
            "status, sun_moon, weather, wifi, got 'garmin'",
        ),
    ]
    with temp_store_url("postgresql", tmp_path) as url:
        schema = url.rpartition("schema=")[2]
        config = parse_config(
            {"mode": "cluster", "store": {"url": url}, "bus": {"url": "redis://127.0.0.1:6379/0"}}, environ={}
        )
        store = AsyncStore(open_store(url))
        send, _receive = trio.open_memory_channel(4)
        for name in ("local", "cluster"):  # the reload may come over either bus
            syncer = Syncer(
                name=name, config=config, store=store, snapshot=Snapshot(), instructions=send, kinds=config.is_local
            )
            for page, seconds, options, _reason in rows:
                with psycopg.connect(PG_BASE, autocommit=True) as conn:
                    conn.execute(f"DELETE FROM {schema}.display_config")
                    conn.execute(
                        f"INSERT INTO {schema}.display_config VALUES (0, %s, %s, %s)", (page, seconds, options)
                    )
                assert await syncer.reload_pages() is None
        await store.aclose()
        down = AsyncStore(None)  # as at boot while PostgreSQL is down
        down.not_yet("cannot connect to PostgreSQL")
        syncer = Syncer(
            name="cluster", config=config, store=down, snapshot=Snapshot(), instructions=send, kinds=config.is_local
        )
        assert await syncer.reload_pages() is None
    refusals = [(r.levelno, r.getMessage()) for r in caplog.records if "page cycle" in r.getMessage()]
    expected = [prefix + reason for _page, _seconds, _options, reason in rows]
    assert refusals[:-1] == [(logging.ERROR, message) for message in expected + expected]
    assert refusals[-1] == (logging.ERROR, prefix + "cannot connect to PostgreSQL")
