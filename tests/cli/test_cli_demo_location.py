"""The shipped demo under the default location shows the demo's place and zone (so Oslo's sun rises at
9:16 AM, not "3:16 AM in Boston"); a configured location is kept and the log says the data is the demo's.
Exact values from the demo recordings (ecoboard/demo/replay, copies of tests/fixtures/) through the replay
transport, and from a real ``ecoboard run --replay``.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
import urllib.request
from pathlib import Path

import pytest

from ecoboard.cli._demo import DEMO_LOCATION, DEMO_REPLAY, demo_config
from ecoboard.config import Config, Location, configured_keys
from ecoboard.fetchers import fetch_once, make_client
from ecoboard.renderer.pages._sun_moon import sun_moon_view
from ecoboard.store import AsyncStore, open_store

from ._support import DEMO, ecoboard, start_run

RECORDED = (
    "weather recorded in Penza on 2023-11-11, air quality in Berlin on 2024-02-21, sun and moon in Oslo on "
    "2022-12-18, MLB games of 2024-04-28, NFL week 1 of 2022"
)


def test_default_location_on_the_demo_becomes_the_demo_place(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="ecoboard.demo")
    shown = demo_config(Config(), DEMO_REPLAY)
    assert (shown.location, shown.timezone) == (Location(52.52, 13.41, "Recorded demo"), "Europe/Berlin")
    assert shown == dataclasses.replace(Config(), location=DEMO_LOCATION, timezone="Europe/Berlin")
    assert [r.getMessage() for r in caplog.records] == [
        f"replaying the recorded demo ({RECORDED}): the board shows it as 'Recorded demo' in Europe/Berlin, "
        "not the default location 'Boston'"
    ]


@pytest.mark.parametrize(
    "changes",
    [
        {"location": Location(40.7, -74.0, "New York")},
        {"timezone": "America/Chicago"},  # the default place in another zone is the user's choice too
        {"location": Config().location},  # Boston, written in the file: chosen, not a default
    ],
)
def test_a_configured_location_is_kept_and_the_log_says_the_data_is_the_demos(
    changes: dict, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="ecoboard.demo")
    config = dataclasses.replace(Config(), **changes)
    assert demo_config(config, DEMO_REPLAY, frozenset(changes) | {"teams"}) is config
    (line,) = caplog.records
    assert line.levelname == "WARNING"
    assert line.getMessage() == (
        f"replaying the recorded demo ({RECORDED}): the board keeps the configured location "
        f"{config.location.name!r} and zone {config.timezone}, but the data it shows is the recorded demo's, "
        f"not {config.location.name!r}'s"
    )


def test_other_recordings_and_live_providers_leave_the_config_alone(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="ecoboard.demo")
    config = Config()
    assert demo_config(config, None) is config
    assert demo_config(config, tmp_path) is config
    assert caplog.records == []


async def test_the_demo_sun_and_moon_read_in_the_demo_zone(tmp_path: Path) -> None:
    shown = demo_config(Config(), DEMO_REPLAY)
    store = open_store(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    try:
        async with make_client(replay_dir=DEMO_REPLAY) as client:
            record = await fetch_once("sun_moon", shown, client=client, store=AsyncStore(store), bus=None)
    finally:
        store.close()
    events = {label: text for _, label, _, text in sun_moon_view(record.data, shown).events}
    assert (events["Sunrise"], events["Sunset"]) == ("9:16 AM", "3:10 PM")
    default = {label: text for _, label, _, text in sun_moon_view(record.data, Config()).events}
    assert (default["Sunrise"], default["Sunset"]) == ("3:16 AM", "9:10 AM")  # what M7 saw in "Boston"


def test_run_on_the_demo_serves_the_demo_zone(tmp_path: Path) -> None:
    proc = start_run("--replay", "--port", "0", cwd=tmp_path)
    try:
        found = re.search(r"dashboard at (http://\S+/)", proc.stdout.readline())
        assert found, proc.stderr.read() if proc.poll() is not None else "no dashboard line"
        with urllib.request.urlopen(f"{found.group(1)}api/v1/board", timeout=10) as answer:
            board = json.load(answer)
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert board["timezone"] == "Europe/Berlin"
    assert (
        f"INFO ecoboard.demo: replaying the recorded demo ({RECORDED}): the board shows it as 'Recorded demo' in "
        "Europe/Berlin, not the default location 'Boston'"
    ) in err


def test_snapshot_of_the_demo_draws_it_in_the_demo_zone(tmp_path: Path) -> None:
    out = tmp_path / "sun.png"
    now = "2022-12-18T12:00:00Z"
    proc = ecoboard(
        "snapshot", "--page", "sun_moon", "--out", str(out), "--now", now, "--replay", str(DEMO), cwd=tmp_path
    )
    assert (proc.returncode, proc.stdout) == (0, f"wrote {out}: page sun_moon, records: sun_moon\n")
    assert [line.split(" ", 2)[2] for line in proc.stderr.splitlines()] == [
        f"INFO ecoboard.demo: replaying the recorded demo ({RECORDED}): the board shows it as 'Recorded demo' in "
        "Europe/Berlin, not the default location 'Boston'"
    ]


@pytest.mark.parametrize(
    ("file", "environ", "expected"),
    [
        ("location: {name: Boston, lat: 42.36, lon: -71.06}\n", {}, frozenset({"location"})),
        ("teams: {mlb: [BOS]}\n", {"ECOBOARD__TIMEZONE": "America/New_York"}, frozenset({"teams", "timezone"})),
        (None, {"ECOBOARD__LOCATION__NAME": "Boston", "HOME": "/root"}, frozenset({"location"})),
        ("", {}, frozenset()),
    ],
)
def test_configured_keys_are_the_ones_the_file_or_environment_sets(
    file: str | None, environ: dict[str, str], expected: frozenset[str], tmp_path: Path
) -> None:
    path = None
    if file is not None:
        path = tmp_path / "board.yaml"
        path.write_text(file)
    assert configured_keys(path, environ=environ) == expected


def test_snapshot_of_the_demo_keeps_a_configured_default_location(tmp_path: Path) -> None:
    """The shipped example config names Boston and New York, the defaults: the user chose them."""
    (tmp_path / "board.yaml").write_text("location: {name: Boston, lat: 42.36, lon: -71.06}\n")
    out = tmp_path / "sun.png"
    proc = ecoboard(
        "snapshot", "--page", "sun_moon", "--out", str(out), "--now", "2022-12-18T12:00:00Z",
        "--replay", str(DEMO), "--config", "board.yaml", cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert [line.split(" ", 2)[2] for line in proc.stderr.splitlines()] == [
        f"WARNING ecoboard.demo: replaying the recorded demo ({RECORDED}): the board keeps the configured "
        "location 'Boston' and zone America/New_York, but the data it shows is the recorded demo's, not 'Boston''s"
    ]
