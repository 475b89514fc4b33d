"""The reminder's "done" mark reaches the panel: through the embedded API (local and cluster mode) and
through the cluster's ``ecoboard api`` on PostgreSQL and Redis (cluster and hybrid mode). A mark made
through a cluster board's embedded API is announced on Redis too, for the other boards."""

from __future__ import annotations

import secrets
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import trio

from ecoboard.appliance import Appliance, ApplianceOptions, run_appliance
from ecoboard.bus import BusMessage, open_bus
from ecoboard.config import Config, parse_config
from ecoboard.renderer import NullSink

from ..api._support import running_api
from ..store.backends import temp_store_url

DEMO = Path(__file__).resolve().parents[2] / "ecoboard" / "demo" / "replay"
TOKEN = "test-token-reminder-51c0"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
DONE = "/api/v1/reminder/done"
PAGES = [{"page": "reminder", "seconds": 300}]


def board_config(store_url: str, bus_url: str, **settings: Any) -> Config:
    """A board on PostgreSQL and Redis showing the reminder page (``settings``: mode and the like)."""
    raw = {"store": {"url": store_url}, "bus": {"url": bus_url}, "display": {"fps": 30, "pages": PAGES}, **settings}
    return parse_config(raw, source="test", environ={})


async def held(app: Appliance, version: int) -> dict[str, Any]:
    """The data of the snapshot's ``reminder`` record once it is at ``version`` (a few frames at most)."""
    with trio.fail_after(10):
        while (record := app.snapshot.records.get("reminder")) is None or record.version < version:
            await app.display.next_frame()
    assert record.version == version
    return dict(record.data)


async def mark(base_url: str, body: dict[str, bool] | None = None) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=base_url, timeout=10) as client:
        response = await client.post(DONE, headers=AUTH, json=body)
    assert response.status_code == 200, response.text
    return response.json()


async def test_a_mark_through_the_embedded_api_reaches_the_snapshot_in_local_mode(tmp_path: Path) -> None:
    config = parse_config(
        {
            "store": {"url": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
            "api": {"host": "127.0.0.1"},
            "display": {"fps": 30, "pages": PAGES},
        },
        source="test",
        environ={},
    )
    options = ApplianceOptions(config=config, replay_dir=DEMO, api_port=0, sink=NullSink(), control_token=TOKEN)
    async with trio.open_nursery() as nursery:
        app: Appliance = await nursery.start(partial(run_appliance, options))
        base = f"http://127.0.0.1:{app.api_port}"
        assert "reminder" not in app.snapshot.records
        done = await mark(base)
        assert done["data"]["done_at"] == done["fetched_at"]
        assert await held(app, 1) == {"done_at": done["data"]["done_at"]}
        undone = await mark(base, {"done": False})
        assert undone["version"] == 2
        assert await held(app, 2) == {"done_at": None}
        assert app.display.page == "reminder"
        nursery.cancel_scope.cancel()


async def test_marks_through_the_embedded_and_the_cluster_api_reach_a_cluster_board(tmp_path: Path) -> None:
    prefix = f"t_{secrets.token_hex(5)}-"
    with temp_store_url("postgresql", tmp_path) as store_url:
        bus_url = f"redis://127.0.0.1:6379/0?prefix={prefix}"
        config = board_config(store_url, bus_url, mode="cluster", api={"host": "127.0.0.1"})
        options = ApplianceOptions(config=config, api_port=0, sink=NullSink(), control_token=TOKEN)
        async with trio.open_nursery() as nursery:
            app: Appliance = await nursery.start(partial(run_appliance, options))
            # the board's own API: the board's store, announced on the in-process bus and on Redis, so
            # other boards and the cluster's `ecoboard api` hear it
            listener = open_bus(bus_url)
            async with listener.subscribe(("update",)) as sub:
                with trio.fail_after(5):
                    assert await sub.__anext__() == BusMessage("connected", {})
                embedded = await mark(f"http://127.0.0.1:{app.api_port}")
                with trio.fail_after(5):
                    assert await sub.__anext__() == BusMessage("update", {"kind": "reminder", "version": 1})
            await listener.aclose()
            assert await held(app, 1) == {"done_at": embedded["data"]["done_at"]}
            # the cluster's `ecoboard api`: the same PostgreSQL, announced on Redis
            async with running_api(store_url, bus_url, token=TOKEN) as cluster:
                undone = await mark(cluster.base_url, {"done": False})
                assert undone["version"] == 2
                assert await held(app, 2) == {"done_at": None}
                again = await mark(cluster.base_url, {"done": True})
                assert await held(app, 3) == {"done_at": again["data"]["done_at"]}
            nursery.cancel_scope.cancel()


async def test_a_mark_through_the_cluster_api_reaches_a_hybrid_board(tmp_path: Path) -> None:
    prefix = f"t_{secrets.token_hex(5)}-"
    with temp_store_url("postgresql", tmp_path) as store_url:
        bus_url = f"redis://127.0.0.1:6379/0?prefix={prefix}"
        config = board_config(store_url, bus_url, mode="hybrid", cluster_kinds=["mlb", "nfl"])
        options = ApplianceOptions(config=config, replay_dir=DEMO, serve_api=False, sink=NullSink())
        async with trio.open_nursery() as nursery:
            app: Appliance = await nursery.start(partial(run_appliance, options))
            async with running_api(store_url, bus_url, token=TOKEN) as cluster:
                await app.display.next_frame()
                done = await mark(cluster.base_url)
                assert await held(app, 1) == {"done_at": done["data"]["done_at"]}
            nursery.cancel_scope.cancel()
