"""``ecoboard fetch KIND --heartbeat FILE``: the liveness file of the k8s sports pollers, read by the
exact probe command of k8s/fetchers-sports.yaml."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import trio
import yaml

from ecoboard.cli._heartbeat import ATTEMPT_ALLOWANCE, keep_heartbeat, write_deadline
from ecoboard.config import parse_config
from ecoboard.fetchers import make_client, make_coordinator
from ecoboard.store import AsyncStore, open_store

from ._procs import stop_with_sigterm

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "ecoboard" / "demo" / "replay"
NOW = datetime(2026, 12, 4, 19, 0, tzinfo=UTC)


def probe_command(heartbeat: Path) -> list[str]:
    """fetch-mlb's livenessProbe command, with its /tmp/heartbeat pointed at ``heartbeat``."""
    docs = list(yaml.safe_load_all((REPO / "k8s" / "fetchers-sports.yaml").read_text()))
    mlb = next(doc for doc in docs if doc["metadata"]["name"] == "fetch-mlb")
    container = mlb["spec"]["template"]["spec"]["containers"][0]
    assert container["command"][-2:] == ["--heartbeat", "/tmp/heartbeat"]
    command = container["livenessProbe"]["exec"]["command"]
    return [part.replace("/tmp/heartbeat", str(heartbeat)) for part in command]


def probe(heartbeat: Path) -> int:
    return subprocess.run(probe_command(heartbeat), capture_output=True, check=False).returncode


def test_write_deadline_writes_whole_unix_seconds(tmp_path: Path) -> None:
    beat = tmp_path / "heartbeat"
    write_deadline(beat, datetime(2026, 12, 4, 19, 0, 30, 900_000, tzinfo=UTC))
    assert beat.read_text() == "1796410830\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["heartbeat"]  # written beside, then renamed


async def test_the_deadline_follows_the_coordinator_schedule(tmp_path: Path, autojump_clock) -> None:
    config = parse_config({}, environ={})
    beat = tmp_path / "heartbeat"
    async with make_client(replay_dir=DEMO) as client:
        store = AsyncStore(open_store(f"sqlite:///{tmp_path / 'db.sqlite3'}"))
        coordinator = make_coordinator("mlb", config, client=client, store=store, bus=None, clock=lambda: NOW)
        await coordinator.attempt()
        coordinator.next_attempt_at = NOW + timedelta(seconds=coordinator.normal_delay)
        async with trio.open_nursery() as nursery:
            nursery.start_soon(keep_heartbeat, beat, coordinator, lambda: NOW)
            await trio.sleep(1)
            due = NOW + timedelta(seconds=coordinator.normal_delay)
            assert beat.read_text() == f"{int((due + ATTEMPT_ALLOWANCE).timestamp())}\n"
            coordinator.next_attempt_at = NOW + timedelta(hours=1)  # the next attempt was scheduled
            await trio.sleep(10)
            assert beat.read_text() == f"{int((NOW + timedelta(hours=1) + ATTEMPT_ALLOWANCE).timestamp())}\n"
            nursery.cancel_scope.cancel()


def test_the_poller_keeps_a_heartbeat_the_liveness_probe_accepts(tmp_path: Path) -> None:
    beat = tmp_path / "heartbeat"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ECOBOARD")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "ecoboard.fetchers", "mlb", "--replay", str(DEMO), "--heartbeat", str(beat)],
        cwd=tmp_path,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert "fetching mlb from mlb-statsapi at the provider's pace until stopped" in proc.stderr.readline()
        while not beat.is_file():
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.05)
        assert int(beat.read_text()) > time.time() + ATTEMPT_ALLOWANCE.total_seconds() - 60
        assert probe(beat) == 0
    finally:
        err = stop_with_sigterm(proc)
    assert proc.returncode == 0, err
    write_deadline(beat, datetime.now(UTC) - timedelta(seconds=1))  # an attempt overdue: wedged
    assert probe(beat) == 1


def test_heartbeat_refusals_are_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ECOBOARD")}

    def fetch(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "ecoboard.fetchers", "mlb", "--replay", str(DEMO), *args]
        return subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60)

    once = fetch("--once", "--heartbeat", str(tmp_path / "hb"))
    assert (once.returncode, once.stderr) == (
        2,
        "ecoboard fetch: error: --heartbeat: only for a poller that runs for good (without --once)\n",
    )
    missing = tmp_path / "no-such-dir" / "hb"
    bad = fetch("--heartbeat", str(missing))
    assert bad.returncode == 2
    assert bad.stderr.splitlines()[-1] == (
        f"ecoboard fetch: error: --heartbeat: cannot write {missing}: No such file or directory"
    )
