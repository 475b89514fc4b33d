"""Cluster mode after a store reset (the PostgreSQL schema dropped and made again, as a database
recreated or restored from an older backup): the first update of the new store, though its version
is lower than the one held, puts its record on the panel in place of the deleted newer one."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import trio

from ecoboard.appliance import Appliance, ApplianceOptions, run_appliance
from ecoboard.bus import open_bus
from ecoboard.renderer import NullSink

from ..api.test_api_hub import _drop_schema
from ..store.backends import temp_store_url
from .test_appliance_bus_away import write_again
from .test_appliance_cluster import cluster_config, open_async, seed, wait_shown


async def test_after_a_store_reset_the_board_shows_the_new_lower_version(tmp_path: Path) -> None:
    with temp_store_url("postgresql", tmp_path) as store_url:
        bus_url = f"redis://127.0.0.1:6379/0?prefix=t_{secrets.token_hex(4)}-"
        config = cluster_config(store_url, bus_url, pages=[{"page": "mlb", "seconds": 600}])
        writer = await open_async(store_url)
        data = await seed(writer, config)
        old = await write_again(writer, "mlb", data["mlb"])
        await writer.aclose()
        bus = open_bus(bus_url)
        async with trio.open_nursery() as nursery:
            app: Appliance = await nursery.start(
                partial(run_appliance, ApplianceOptions(config=config, serve_api=False, sink=NullSink()))
            )
            with trio.fail_after(10):
                await wait_shown(app, {"mlb": old})

            await trio.to_thread.run_sync(_drop_schema, store_url.rsplit("schema=", 1)[1])
            fresh = await open_async(store_url)  # a new, empty store
            now = datetime.now(UTC)
            new = await fresh.write(
                "mlb", fetched_at=now, valid_until=now + timedelta(hours=1), source="after-reset", data=data["mlb"]
            )
            await fresh.aclose()
            await bus.publish("update", {"kind": "mlb", "version": new.version})
            with trio.fail_after(10):
                while app.display.stats.shown.get("mlb", (0, 0.0))[0] != new.version:
                    await app.display.next_frame()
            assert (old, new.version) == (2, 1)
            assert app.snapshot.records["mlb"] == new
            # the kinds the new store has no record of yet keep theirs
            assert app.snapshot.versions() == {"weather": 1, "aqi": 1, "mlb": 1, "nfl": 1, "sun_moon": 1}
            nursery.cancel_scope.cancel()
        await bus.aclose()
