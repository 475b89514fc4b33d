"""No log line shows a Wi-Fi password: neither a plain ``password`` page option (in the config file or in a
stored page cycle) nor one resolved from ``password_secret``. A reloaded cycle is logged by page name."""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

import pytest
import trio

from ecoboard.appliance import Appliance, ApplianceOptions, run_appliance
from ecoboard.config import PageSpec, parse_config
from ecoboard.renderer import NullSink, prepare_wifi_pages

DEMO = Path(__file__).resolve().parents[2] / "ecoboard" / "demo" / "replay"
PLAIN = "plainpass-XYZ-41"
FROM_SECRETS = "secret-psk-Lm27"
STORED = "stored-pass-Zr93"


async def _reload_until(app: Appliance, pages: tuple[str, ...]) -> None:
    await app.local_bus.publish("control", {"command": "reload"})
    with trio.fail_after(10):
        while app.display.pages != pages:
            await app.display.next_frame()


async def test_no_log_line_shows_a_wifi_password(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    config = parse_config(
        {
            "store": {"url": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
            "display": {
                "fps": 30,
                "pages": [
                    {"page": "clock", "seconds": 300},
                    {"page": "wifi", "seconds": 5, "options": {"ssid": "Guest", "security": "WPA", "password": PLAIN}},
                    {"page": "wifi", "seconds": 5, "options": {"ssid": "HomeNet", "password_secret": "wifi_psk"}},
                ],
            },
        },
        source="test",
        environ={},
    )
    options = ApplianceOptions(
        config=config,
        replay_dir=DEMO,
        serve_api=False,
        sink=NullSink(),
        prepare_pages=partial(prepare_wifi_pages, secrets={"wifi_psk": FROM_SECRETS}),
    )
    async with trio.open_nursery() as nursery:
        app: Appliance = await nursery.start(partial(run_appliance, options))
        assert app.store is not None
        await app.store.set_display_config(
            [PageSpec("wifi", 5, {"ssid": "Cafe", "security": "WPA", "password": STORED}), PageSpec("clock", 300)]
        )
        await _reload_until(app, ("wifi", "clock"))
        await app.store.set_display_config([])  # back to the config file's cycle, passwords and all
        await _reload_until(app, ("clock", "wifi", "wifi"))
        await app.local_bus.publish("control", {"command": "brightness", "value": 40})
        with trio.fail_after(10):
            while app.display.brightness != 40:
                await app.display.next_frame()
        nursery.cancel_scope.cancel()

    messages = [record.getMessage() for record in caplog.records]
    assert "page cycle reloaded: wifi, clock" in messages
    assert "page cycle reloaded: clock, wifi, wifi" in messages
    assert "control: brightness 40" in messages
    for password in (PLAIN, FROM_SECRETS, STORED):
        assert password not in caplog.text
