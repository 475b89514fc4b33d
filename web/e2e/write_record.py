"""Write one record through the store and announce it on the bus, as a fetcher in another process
would (used by the dashboard's end-to-end test while the page is open).

Usage: python write_record.py CONFIG KIND SOURCE DATA.json  — prints the new version.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import trio

from ecoboard.bus import open_bus
from ecoboard.config import load_config
from ecoboard.store import open_store


def _write(config_path: str, kind: str, source: str, data_path: str) -> int:
    config = load_config(config_path)
    data = json.loads(Path(data_path).read_text(encoding="utf-8"))
    store = open_store(config.store.url, history=config.store.history)
    try:
        now = datetime.now(UTC)
        record = store.write(kind, fetched_at=now, valid_until=now + timedelta(hours=1), source=source, data=data)
    finally:
        store.close()
    trio.run(_publish, config.bus.url, kind, record.version)
    return record.version


async def _publish(bus_url: str, kind: str, version: int) -> None:
    bus = open_bus(bus_url)
    try:
        await bus.publish("update", {"kind": kind, "version": version})
    finally:
        await bus.aclose()


def main(argv: list[str]) -> int:
    """Write and publish; print the version."""
    if len(argv) != 4:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    print(_write(*argv))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
