"""Commit → frame swap latency of the appliance, local mode and cluster mode (``python -m bench.latency``).

For each mode an appliance runs in this process (render loop at ``display.fps``, a headless sink, no
API, no fetchers of its own). A writer plays the fetcher: it commits a new version of one kind
(a real ``mlb`` record fetched once from the shipped demo replay), then publishes the ``update``.
The latency of one update is the time from the commit returning to the first frame swap whose
snapshot holds that version, both read on trio's clock.

- local: SQLite (WAL) in a temporary directory, the appliance's in-process bus, the writer using the
  appliance's own store (as the local fetchers do);
- cluster: PostgreSQL (a throwaway schema) and Redis (a unique channel prefix), the writer using its
  own PostgreSQL connection and Redis client (as a Kubernetes fetcher Job does).

Prints a table (p50, p99, max, mean over N updates) or, with ``--json``, one JSON object.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import statistics
import sys
import tempfile
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import trio

from ecoboard.appliance import Appliance, ApplianceOptions, run_appliance
from ecoboard.bus import Bus, open_bus
from ecoboard.config import Config, parse_config
from ecoboard.fetchers import fetch_once, make_client
from ecoboard.renderer import NullSink
from ecoboard.store import AsyncStore, open_store

DEMO_REPLAY = Path(__file__).resolve().parents[1] / "ecoboard" / "demo" / "replay"
PG_URL = os.environ.get("ECOBOARD_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("ECOBOARD_BENCH_REDIS", "redis://127.0.0.1:6379/0")
KIND = "mlb"


@dataclass(frozen=True)
class Result:
    """Latency figures of one mode, in milliseconds."""

    mode: str
    updates: int
    fps: float
    p50: float
    p99: float
    max: float
    mean: float
    missed_frames: int

    def row(self) -> str:
        return (f"{self.mode:<8} {self.updates:>7} {self.fps:>5.0f} {self.p50:>8.1f} {self.p99:>8.1f} "
                f"{self.max:>8.1f} {self.mean:>8.1f} {self.missed_frames:>7}")


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) by the nearest-rank method."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q * len(ordered) + 0.5)))
    return ordered[rank - 1]


def bench_config(store_url: str, bus_url: str, *, mode: str, fps: float) -> Config:
    """An appliance config with no fetchers of its own (every provider disabled)."""
    return parse_config({
        "mode": mode,
        "store": {"url": store_url},
        "bus": {"url": bus_url},
        "display": {"fps": fps},
        "providers": {kind: {"enabled": False} for kind in Config().providers},
    }, source="bench", environ={})


async def real_data(store: AsyncStore, config: Config) -> dict[str, Any]:
    """One real ``mlb`` record's data, fetched once from the shipped demo replay into ``store``."""
    async with make_client(replay_dir=DEMO_REPLAY) as client:
        record = await fetch_once(KIND, config, client=client, store=store, bus=None)
    return dict(record.to_json()["data"])


async def measure(app: Appliance, write: partial, bus: Bus, updates: int) -> list[float]:
    """Commit ``updates`` versions one after the other; return each commit → swap latency (ms)."""
    latencies = []
    rng = random.Random(1)
    stats = app.display.stats
    for _ in range(updates):
        record = await write()
        committed = trio.current_time()
        await bus.publish("update", {"kind": KIND, "version": record.version})
        with trio.fail_after(10):
            while stats.shown.get(KIND, (0, 0.0))[0] < record.version:
                await app.display.next_frame()
        latencies.append((stats.shown[KIND][1] - committed) * 1000)
        await trio.sleep(rng.uniform(0, 2 / app.config.display.fps))  # do not phase-lock with the frames
    return latencies


async def run_mode(mode: str, updates: int, fps: float) -> Result:
    """Run one appliance in ``mode`` (``local`` or ``cluster``) and measure ``updates`` updates."""
    with tempfile.TemporaryDirectory(prefix="ecoboard-bench-") as tmp:
        name = f"bench_{uuid.uuid4().hex[:10]}"
        if mode == "local":
            config = bench_config(f"sqlite:///{tmp}/bench.sqlite3", "memory://", mode="local", fps=fps)
        else:
            config = bench_config(f"{PG_URL}?schema={name}", f"{REDIS_URL}?prefix={name}:", mode="cluster", fps=fps)
        writer_store = AsyncStore(await trio.to_thread.run_sync(partial(open_store, config.store.url)))
        try:
            data = await real_data(writer_store, config)
            async with trio.open_nursery() as nursery:
                options = ApplianceOptions(config=config, serve_api=False, sink=NullSink())
                app: Appliance = await nursery.start(partial(run_appliance, options))
                bus = app.local_bus if mode == "local" else open_bus(config.bus.url)
                store = app.store if mode == "local" else writer_store
                assert store is not None
                await trio.sleep(1.0)  # let the subscriptions settle
                now = datetime.now(UTC)
                write = partial(store.write, KIND, fetched_at=now, valid_until=now + timedelta(hours=1),
                                source="bench", data=data)
                app.display.stats.missed_frames = 0
                latencies = await measure(app, write, bus, updates)
                missed = app.display.stats.missed_frames
                if bus is not app.local_bus:
                    await bus.aclose()
                nursery.cancel_scope.cancel()
        finally:
            if mode == "cluster":
                await trio.to_thread.run_sync(_drop_schema, name)
            await writer_store.aclose()
    return Result(mode, updates, fps, percentile(latencies, 0.5), percentile(latencies, 0.99), max(latencies),
                  statistics.fmean(latencies), missed)


def _drop_schema(name: str) -> None:
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the modes, print the table or JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.latency", description=__doc__.split("\n\n")[0])
    parser.add_argument("--updates", type=int, default=200, help="updates per mode (default 200)")
    parser.add_argument("--fps", type=float, default=60.0, help="render loop frame rate (default 60)")
    parser.add_argument("--modes", default="local,cluster", help="comma-separated: local, cluster")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    results = [trio.run(run_mode, mode.strip(), args.updates, args.fps) for mode in args.modes.split(",")]
    if args.json:
        print(json.dumps({"unit": "ms", "results": [r.__dict__ for r in results]}, indent=2))
    else:
        print("commit -> frame swap latency (ms)")
        print(f"{'mode':<8} {'updates':>7} {'fps':>5} {'p50':>8} {'p99':>8} {'max':>8} {'mean':>8} {'missed':>7}")
        for result in results:
            print(result.row())
    return 0


if __name__ == "__main__":
    sys.exit(main())
