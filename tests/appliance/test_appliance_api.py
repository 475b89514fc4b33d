"""The embedded API drives the running appliance: control commands over the in-process bus, state, frame, health."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import httpx
import trio

from ecoboard.appliance import Appliance, ApplianceOptions, run_appliance
from ecoboard.config import PageSpec, parse_config
from ecoboard.renderer import NullSink

DEMO = Path(__file__).resolve().parents[2] / "ecoboard" / "demo" / "replay"
TOKEN = "test-token-7f3a"


async def settle(app: Appliance, frames: int = 3) -> None:
    for _ in range(frames):
        await app.display.next_frame()


async def test_control_state_frame_and_readiness_through_the_embedded_api(tmp_path: Path) -> None:
    config = parse_config(
        {
            "store": {"url": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
            "api": {"host": "127.0.0.1"},
            "display": {"fps": 30, "pages": [{"page": "clock", "seconds": 300}, {"page": "weather", "seconds": 300}]},
        },
        source="test",
        environ={},
    )
    options = ApplianceOptions(config=config, replay_dir=DEMO, api_port=0, sink=NullSink(), control_token=TOKEN)
    async with trio.open_nursery() as nursery:
        app: Appliance = await nursery.start(partial(run_appliance, options))
        auth = {"Authorization": f"Bearer {TOKEN}"}
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{app.api_port}", timeout=10) as client:
            state = (await client.get("/api/v1/display")).json()
            assert (state["page"], state["pages"], state["paused"]) == ("clock", ["clock", "weather"], False)

            assert (await client.post("/api/v1/display/next")).status_code == 401
            assert (await client.post("/api/v1/display/next", headers=auth)).status_code == 202
            with trio.fail_after(5):
                while app.display.page != "weather":
                    await app.display.next_frame()
            assert (await client.post("/api/v1/display/pause", headers=auth)).status_code == 202
            response = await client.post("/api/v1/display/brightness", headers=auth, json={"value": 30})
            assert response.status_code == 202
            with trio.fail_after(5):
                while not (app.display.paused and app.display.brightness == 30):
                    await app.display.next_frame()

            assert app.store is not None
            await app.store.set_display_config([PageSpec("nfl", 20), PageSpec("weather", 20)])
            assert (await client.post("/api/v1/display/reload", headers=auth)).status_code == 202
            with trio.fail_after(5):
                while app.display.pages != ("nfl", "weather"):
                    await app.display.next_frame()
            await settle(app)
            state = (await client.get("/api/v1/display")).json()
            assert (state["page"], state["paused"], state["brightness"]) == ("weather", True, 30)

            frame = await client.get("/api/v1/display/frame.png", params={"scale": 1})
            assert frame.status_code == 200 and frame.content.startswith(b"\x89PNG")

            with trio.fail_after(10):  # every local kind fetched from the demo replay
                while set(app.snapshot.records) != {"weather", "aqi", "mlb", "nfl", "sun_moon"}:
                    await app.display.next_frame()
            sources = {kind: record.source for kind, record in app.snapshot.records.items()}
            assert sources == {
                "weather": "replay:open-meteo",
                "aqi": "replay:open-meteo",
                "mlb": "replay:mlb-statsapi",
                "nfl": "replay:espn",
                "sun_moon": "replay:met-norway",
            }
            assert (await client.get("/api/v1/records/nfl")).json()["source"] == "replay:espn"
            ready = await client.get("/readyz")
            assert ready.status_code == 200, ready.text
            assert ready.json()["kinds"]["mlb"]["fetch"]["ok"] is True
        nursery.cancel_scope.cancel()


async def test_a_local_kind_left_out_for_its_api_key_reports_why_in_health(tmp_path: Path) -> None:
    """A named key that cannot be read leaves its kind out: the other kinds start; the one left out is not
    healthy and says why (it used to read ok). (No key named at all stops ``ecoboard run`` before it starts.)"""
    config = parse_config(
        {
            "store": {"url": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
            "api": {"host": "127.0.0.1"},
            "providers": {"weather": {"provider": "openweathermap", "api_key_secret": "owm_key"}},
            "display": {"fps": 30, "pages": [{"page": "clock", "seconds": 300}]},
        },
        source="test",
        environ={},
    )
    options = ApplianceOptions(config=config, replay_dir=DEMO, api_port=0, sink=NullSink())
    async with trio.open_nursery() as nursery:
        app: Appliance = await nursery.start(partial(run_appliance, options))
        with trio.fail_after(10):
            while set(app.snapshot.records) != {"aqi", "mlb", "nfl", "sun_moon"}:
                await app.display.next_frame()
        health = app.health_json()
        assert health["weather"] == {
            "ok": False,
            "stale": False,
            "last_success_at": None,
            "last_error": "not fetched: providers.weather.api_key_secret: the secret 'owm_key' is not set",
            "consecutive_failures": 0,
        }
        assert health["aqi"]["ok"] is True and health["aqi"]["last_error"] is None
        nursery.cancel_scope.cancel()
