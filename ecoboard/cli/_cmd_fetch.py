"""``ecoboard fetch KIND``: fetch one kind, write it to the store and announce it on the bus.

With ``--once`` it makes one attempt and exits (0 on success, non-zero with a one-line error on
failure), as a Kubernetes Job runs it (``python -m ecoboard.fetchers KIND --once`` is the same).
Without it, it polls forever at the provider's pace until interrupted.
"""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path

import trio

from ..bus import open_bus
from ..config import Config, load_config
from ..fetchers import (
    connection_urls,
    fetch_once,
    make_client,
    provider_for,
    resolve_api_key,
    run_fetcher,
)
from ..store import AsyncStore, open_store

log = logging.getLogger("ecoboard.fetch")


def config_file(arg: str | None) -> str | None:
    """The configuration file: ``--config``, else ``$ECOBOARD_CONFIG``, else ``./ecoboard.yaml`` if present."""
    chosen = arg or os.environ.get("ECOBOARD_CONFIG")
    if chosen:
        return chosen
    return "ecoboard.yaml" if Path("ecoboard.yaml").is_file() else None


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``fetch`` subcommand."""
    parser = subparsers.add_parser("fetch", help="fetch one kind, store it and publish the update",
                                   description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", metavar="KIND", help="weather, aqi, mlb, nfl, sun_moon, ...")
    parser.add_argument("--once", action="store_true", help="one attempt, then exit (a Kubernetes Job)")
    parser.add_argument("--replay", metavar="DIR",
                        help="answer requests from recorded responses in DIR (see the README for the layout)")
    parser.add_argument("--config", metavar="FILE",
                        help="configuration file (default: $ECOBOARD_CONFIG, else ./ecoboard.yaml if present)")
    parser.set_defaults(handler=run_fetch)


def run_fetch(args: argparse.Namespace) -> int:
    """Handler of ``ecoboard fetch``."""
    config = load_config(config_file(args.config))
    return trio.run(_fetch, args, config)


async def _fetch(args: argparse.Namespace, config: Config) -> int:
    provider = provider_for(args.kind, config)
    api_key = resolve_api_key(config, provider)
    store_url, bus_url = connection_urls(config)
    replay = args.replay or config.replay_dir
    store = open_store(store_url, history=config.store.history)
    bus = open_bus(bus_url)
    try:
        async with make_client(replay_dir=replay) as client:
            kwargs = {"client": client, "store": AsyncStore(store), "bus": bus, "api_key": api_key}
            if not args.once:
                await run_fetcher(args.kind, config, **kwargs)
            record = await fetch_once(args.kind, config, **kwargs)
    finally:
        await bus.aclose()
        store.close()
    log.info("%s version %d from %s written (valid until %s)", record.kind, record.version, record.source,
             record.valid_until.isoformat())
    return 0
