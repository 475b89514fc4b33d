"""End to end: ``fetch mlb --once --replay DIR`` writes PostgreSQL and a Redis subscriber hears the
update (a real subprocess, as a Kubernetes Job runs it); the same with SQLite and the in-process bus."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

import trio

from ecoboard.bus import BusMessage, MemoryBus, open_bus
from ecoboard.config import load_config
from ecoboard.fetchers import fetch_once, make_client
from ecoboard.store import AsyncStore, open_store

from ..store.backends import temp_store_url

DEMO = Path(__file__).resolve().parents[2] / "ecoboard" / "demo" / "replay"


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("ECOBOARD")}


async def next_message(sub, seconds: float = 10.0) -> BusMessage:
    with trio.fail_after(seconds):
        return await sub.__anext__()


async def run_job(tmp_path: Path, store_url: str, bus_url: str, replay: Path = DEMO) -> trio.CompletedProcess:
    """``python -m ecoboard.fetchers mlb --once`` (the Kubernetes Job command; ``ecoboard fetch`` is the
    same code, tested in-process in test_fetchers_framework_cli.py)."""
    config = tmp_path / "cluster.yaml"
    config.write_text(f"mode: cluster\nstore:\n  url: '{store_url}'\nbus:\n  url: '{bus_url}'\n")
    with trio.fail_after(120):
        return await trio.run_process(
            [
                sys.executable,
                "-m",
                "ecoboard.fetchers",
                "mlb",
                "--once",
                "--replay",
                str(replay),
                "--config",
                str(config),
            ],
            capture_stdout=True,
            capture_stderr=True,
            check=False,
            env=clean_env(),
            cwd=tmp_path,
        )


async def test_job_writes_postgresql_and_redis_subscriber_hears_it(tmp_path: Path) -> None:
    bus_url = f"redis://127.0.0.1:6379/0?prefix=e2e{secrets.token_hex(4)}:"
    bus = open_bus(bus_url)
    with temp_store_url("postgresql", tmp_path) as store_url:
        async with bus.subscribe(("update",)) as sub:
            assert await next_message(sub) == BusMessage("connected", {})
            done = await run_job(tmp_path, store_url, bus_url)
            assert done.returncode == 0, done.stderr.decode()
            assert await next_message(sub) == BusMessage("update", {"kind": "mlb", "version": 1})
        store = open_store(store_url)
        record = store.latest("mlb")
        store.close()
    await bus.aclose()
    assert (record.kind, record.version, record.source) == ("mlb", 1, "replay:mlb-statsapi")
    games = record.data["games"]
    assert len(games) == 15
    assert sum(g["status"] == "live" for g in games) == 10
    assert sum(g["status"] == "warmup" for g in games) == 2
    assert sum(g["status"] == "final" for g in games) == 2


async def test_job_failure_exits_non_zero_and_publishes_nothing(tmp_path: Path) -> None:
    bus_url = f"redis://127.0.0.1:6379/0?prefix=e2e{secrets.token_hex(4)}:"
    bus = open_bus(bus_url)
    with temp_store_url("postgresql", tmp_path) as store_url:
        async with bus.subscribe(("update",)) as sub:
            assert await next_message(sub) == BusMessage("connected", {})
            empty = tmp_path / "no-recordings"
            empty.mkdir()
            done = await run_job(tmp_path, store_url, bus_url, replay=empty)
            await trio.sleep(0.3)
            assert len(sub.mailbox) == 0
        store = open_store(store_url)
        assert store.latest_versions() == {}
        store.close()
    await bus.aclose()
    assert done.returncode == 2
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ecoboard fetch: error: mlb-statsapi: https://statsapi.mlb.com/")


async def test_in_process_fetch_writes_sqlite_and_memory_subscriber_hears_it(tmp_path: Path) -> None:
    config = load_config(None, environ={})
    store = open_store(f"sqlite:///{tmp_path / 'board.sqlite3'}")
    bus = MemoryBus()
    async with bus.subscribe() as sub, make_client(replay_dir=DEMO) as client:
        assert await next_message(sub) == BusMessage("connected", {})
        record = await fetch_once("mlb", config, client=client, store=AsyncStore(store), bus=bus)
        assert await next_message(sub) == BusMessage("update", {"kind": "mlb", "version": 1})
    assert store.latest("mlb") == record
    assert len(record.data["games"]) == 15
    store.close()
