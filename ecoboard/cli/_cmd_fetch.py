"""``ecoboard fetch KIND``: fetch one kind, write it to the store and announce it on the bus.

With ``--once`` it makes one attempt and exits, as a Kubernetes Job runs it (``python -m
ecoboard.fetchers KIND --once`` is the same): 0 when the record was written and announced, 2 with a
one-line error when nothing was written, 4 with a one-line error when the record was written but
the bus could not announce it (subscribers only see it when they next re-read the store).
Without it, it polls forever at the provider's pace until SIGTERM or SIGINT (Ctrl-C) stops it
(status 0); ``--heartbeat FILE`` then keeps a liveness file (see :mod:`ecoboard.cli._heartbeat`).
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import signal
import sys
from collections.abc import Awaitable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import trio

from .._errors import BusAuthError, ConfigError, EcoboardError
from ..bus import MemoryBus, RedisBus, open_bus
from ..config import Config, load_config
from ..fetchers import (
    check_provider_options,
    connection_urls,
    make_client,
    make_coordinator,
    provider_for,
    resolve_api_key,
    run_fetcher,
)
from ..fetchers._coordinator import wall_clock
from ..store import AsyncStore, open_store
from ._heartbeat import ATTEMPT_ALLOWANCE, keep_heartbeat, write_deadline
from ._signals import STOP_SIGNALS

log = logging.getLogger("ecoboard.fetch")

EXIT_UNANNOUNCED = 4
"""``fetch --once``: the record was written, but the bus could not announce it."""


def config_file(arg: str | None) -> str | None:
    """The configuration file: ``--config``, else ``$ECOBOARD_CONFIG``, else ``./ecoboard.yaml`` if present."""
    chosen = arg or os.environ.get("ECOBOARD_CONFIG")
    if chosen:
        return chosen
    return "ecoboard.yaml" if Path("ecoboard.yaml").is_file() else None


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``fetch`` subcommand."""
    parser = subparsers.add_parser(
        "fetch", help="fetch one kind, store it and publish the update", description=__doc__.split("\n\n")[0]
    )
    _add_arguments(parser)


def job_main(argv: Sequence[str] | None = None) -> int:
    """``python -m ecoboard.fetchers``: the ``fetch`` command alone.

    It skips importing every other subcommand (the API server, the renderer...), so a Kubernetes
    Job starts in a fraction of the time; errors are reported exactly as ``ecoboard fetch`` does.
    """
    parser = argparse.ArgumentParser(prog="python -m ecoboard.fetchers", description=__doc__.split("\n\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="log at DEBUG level")
    _add_arguments(parser)
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        return run_fetch(args)
    except EcoboardError as exc:
        print(f"ecoboard fetch: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", metavar="KIND", help="weather, aqi, mlb, nfl, sun_moon, ...")
    parser.add_argument("--once", action="store_true", help="one attempt, then exit (a Kubernetes Job)")
    parser.add_argument(
        "--replay", metavar="DIR", help="answer requests from recorded responses in DIR (see the README for the layout)"
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="configuration file (default: $ECOBOARD_CONFIG, else ./ecoboard.yaml if present)",
    )
    parser.add_argument(
        "--heartbeat",
        metavar="FILE",
        type=Path,
        help="without --once: keep in FILE the Unix time by which the next attempt must have ended "
        '(a liveness probe: test "$(date +%%s)" -lt "$(cat FILE)")',
    )
    parser.set_defaults(handler=run_fetch)


async def _poll(kind: str, config: Config, heartbeat: Path | None, **deps: Any) -> None:
    """Fetch ``kind`` forever; with ``heartbeat``, keep its liveness file (first written by :func:`_fetch`)."""
    if heartbeat is None:
        await run_fetcher(kind, config, **deps)
        return
    async with trio.open_nursery() as nursery:
        coordinator = await nursery.start(partial(run_fetcher, kind, config, **deps))
        await keep_heartbeat(heartbeat, coordinator, wall_clock)


async def _until_stopped(work: Awaitable[None]) -> None:
    """Await ``work`` until SIGTERM (a Deployment or systemd stopping the poller) or SIGINT (Ctrl-C),
    either of which ends it cleanly."""
    with trio.open_signal_receiver(*STOP_SIGNALS) as signals:
        async with trio.open_nursery() as nursery:

            async def stop_on_signal() -> None:
                async for signum in signals:
                    log.info("%s received: stopping", signal.Signals(signum).name)
                    nursery.cancel_scope.cancel()

            nursery.start_soon(stop_on_signal)
            await work
            nursery.cancel_scope.cancel()


def _warn_if_in_process(bus: MemoryBus | RedisBus, kind: str) -> None:
    """Say that an in-process bus (``memory://``) announces to no other process."""
    if isinstance(bus, MemoryBus):
        log.warning(
            "bus.url is memory:// (in-process): no other process hears this update. A board or API on the "
            "same store serves the record from /api/v1/records at once, but its panel and live stream (SSE) "
            "move on only at the board's own next %s fetch or its restart; a redis:// bus.url announces it",
            kind,
        )


async def _check_credentials(bus: MemoryBus | RedisBus, config: Config) -> None:
    """Refuse, before anything is written, a bus URL whose password Redis does not accept."""
    if not isinstance(bus, RedisBus):
        return
    try:
        await bus.check_credentials()
    except BusAuthError as exc:
        key = "bus.url_secret" if config.bus.url_secret else "bus.url"
        raise ConfigError(f"{key}: {exc}; nothing was written") from None


def run_fetch(args: argparse.Namespace) -> int:
    """Handler of ``ecoboard fetch``: the configuration and its provider options are checked before
    the store, the bus or any provider is touched."""
    if args.heartbeat is not None and args.once:
        raise ConfigError("--heartbeat: only for a poller that runs for good (without --once)")
    source = config_file(args.config)
    config = load_config(source)
    check_provider_options(config, source)
    return trio.run(_fetch, args, config)


async def _fetch(args: argparse.Namespace, config: Config) -> int:
    provider = provider_for(args.kind, config)
    if not config.providers[args.kind].enabled:
        raise ConfigError(f"providers.{args.kind}.enabled is false: this kind is not fetched")
    api_key = resolve_api_key(config, provider)
    store_url, bus_url = connection_urls(config)
    replay = args.replay or config.replay_dir
    if replay:
        config = dataclasses.replace(config, replay_dir=str(replay))  # the record's source says replay:<provider>
    if args.heartbeat is not None:
        try:  # the first attempt's deadline, the store's migrations included
            write_deadline(args.heartbeat, wall_clock() + ATTEMPT_ALLOWANCE)
        except OSError as exc:
            raise ConfigError(f"--heartbeat: cannot write {args.heartbeat}: {exc.strerror}") from None
    store = open_store(store_url, history=config.store.history)
    bus = open_bus(bus_url)
    try:
        async with make_client(replay_dir=replay) as client:
            kwargs = {"client": client, "store": AsyncStore(store), "bus": bus, "api_key": api_key}
            if not args.once:
                log.info("fetching %s from %s at the provider's pace until stopped", args.kind, provider.name)
                _warn_if_in_process(bus, args.kind)
                await _until_stopped(_poll(args.kind, config, args.heartbeat, **kwargs))
                return 0
            _warn_if_in_process(bus, args.kind)
            await _check_credentials(bus, config)
            coordinator = make_coordinator(args.kind, config, **kwargs)
            record = await coordinator.refresh(log_failure=False)
    finally:
        await bus.aclose()
        store.close()
    if coordinator.unannounced is not None:
        print(
            f"ecoboard fetch: error: {record.kind} version {record.version} written but not announced on the "
            f"bus: {coordinator.unannounced}",
            file=sys.stderr,
        )
        return EXIT_UNANNOUNCED
    log.info(
        "%s version %d from %s written (valid until %s)",
        record.kind,
        record.version,
        record.source,
        record.valid_until.isoformat(),
    )
    return 0
