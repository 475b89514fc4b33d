"""``ecoboard fetch KIND`` (polling forever, as a Deployment or a unit runs it) stops cleanly on SIGTERM,
and on SIGINT (Ctrl-C in a terminal) the same way."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ._procs import stop_with_sigterm

DEMO = Path(__file__).resolve().parents[2] / "ecoboard" / "demo" / "replay"


def _weather_versions(db: Path) -> list[int]:
    if not db.is_file():
        return []
    with sqlite3.connect(db) as connection:
        try:
            return [row[0] for row in connection.execute("SELECT version FROM records WHERE kind = 'weather'")]
        except sqlite3.OperationalError:  # the migrations have not run yet
            return []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stop_signal_stops_the_poller_with_status_0_and_keeps_what_it_wrote(
    signum: signal.Signals, tmp_path: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ECOBOARD")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "ecoboard", "fetch", "weather", "--replay", str(DEMO)],
        cwd=tmp_path,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = proc.stderr.readline()
        assert "fetching weather from open-meteo at the provider's pace until stopped" in first, first
        db = tmp_path / "var" / "ecoboard.sqlite3"
        deadline = time.monotonic() + 30
        while not _weather_versions(db):
            assert time.monotonic() < deadline, "no weather record written within 30 s"
            time.sleep(0.05)
    finally:
        err = stop_with_sigterm(proc, signum)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert err.rstrip().endswith(f"INFO ecoboard.fetch: {signum.name} received: stopping"), err
    assert _weather_versions(db) == [1]
