"""The SSE fan-out after a store reset (the PostgreSQL schema dropped and made again, as a database
recreated or restored from an older backup): versions restart lower, and the first update of the new
store brings its records to the clients in place of the deleted newer ones."""

from __future__ import annotations

from pathlib import Path

import trio

from ecoboard.store import AsyncStore, open_store
from tests.store.backends import temp_store_url

from ._support import FAR_FUTURE, FETCHED_AT, mlb_data, running_api, sse
from .test_api_hub import _drop_schema

NEW_FETCH = FETCHED_AT.replace(hour=12)


async def test_after_a_store_reset_clients_get_the_new_lower_versions(tmp_path: Path) -> None:
    with temp_store_url("postgresql", tmp_path) as url:
        schema = url.rsplit("schema=", 1)[1]
        async with running_api(url) as api, sse(api.client) as reader:
            await reader.ready()
            with trio.fail_after(10):
                for kind in ("mlb", "mlb", "aqi"):
                    await api.write(kind)
                while reader.last_id != "aqi.1-mlb.2":
                    await reader.next_event()
                # a late announcement of an older version changes nothing: the next event is nfl's
                await api.bus.publish("update", {"kind": "mlb", "version": 1})
                await api.write("nfl")
                assert (await reader.next_event()).id == "aqi.1-mlb.2-nfl.1"

            await trio.to_thread.run_sync(_drop_schema, schema)
            fresh = AsyncStore(await trio.to_thread.run_sync(open_store, url))  # a new, empty store
            written = await fresh.write(
                "mlb", fetched_at=NEW_FETCH, valid_until=FAR_FUTURE, source="mlb-statsapi", data=mlb_data()
            )
            await fresh.aclose()
            assert written.version == 1
            await api.bus.publish("update", {"kind": "mlb", "version": 1})
            with trio.fail_after(10):
                event = await reader.next_event()
            assert event.id == "aqi.1-mlb.1-nfl.1"  # kinds the new store has no record of yet keep theirs
            assert (event.json()["version"], event.json()["fetched_at"]) == (1, "2023-11-11T12:20:00+00:00")

            async with sse(api.client) as late:  # a client that connects now gets the new record too
                await late.ready()
                with trio.fail_after(10):
                    events = await late.events(3)
            assert [e.id for e in events] == ["mlb.1", "aqi.1-mlb.1", "aqi.1-mlb.1-nfl.1"]
            assert events[0].json()["fetched_at"] == "2023-11-11T12:20:00+00:00"
