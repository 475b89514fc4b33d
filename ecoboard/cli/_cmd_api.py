"""``ecoboard api``: the API and dashboard alone, as the cluster runs them (PostgreSQL store, Redis bus).

The same routes as inside the appliance; there is no LED panel here, so the display routes answer
503, while control commands still reach the Pi over the bus. A PostgreSQL store that does not answer
at start is retried with capped backoff while the API serves (as ``ecoboard run`` does), so a replica
started during an outage serves the dashboard, ``/api/v1/board`` and SSE instead of exiting. SIGTERM
or SIGINT stops it gracefully.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
from collections.abc import Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import trio

from .._errors import ConfigError, EcoboardError
from ..config import Config, load_config
from ._exit import arm_exit_deadline
from ._listen import check_host

if TYPE_CHECKING:
    from ..store import AsyncStore

log = logging.getLogger("ecoboard.api")

FIRST_ATTEMPT_SECONDS = 3.0
"""How long the API waits for PostgreSQL's first open attempt before it starts serving without it."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``api`` subcommand."""
    parser = subparsers.add_parser(
        "api", help="serve the API and dashboard alone (cluster deployment)", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="configuration file (default: $ECOBOARD_CONFIG, else ./ecoboard.yaml if present)",
    )
    parser.add_argument("--host", metavar="H", help="address to listen on (default: api.host, 0.0.0.0)")
    parser.add_argument(
        "--port", type=int, metavar="N", help="port to listen on, 0 for any free one (default: api.port, 8080)"
    )
    parser.set_defaults(handler=run_api)


def _config_file(arg: str | None) -> str | None:
    chosen = arg or os.environ.get("ECOBOARD_CONFIG")
    if chosen:
        return chosen
    return "ecoboard.yaml" if Path("ecoboard.yaml").is_file() else None


def _connections(config: Config, secrets: Mapping[str, Any] | None = None) -> tuple[str, str, str | None]:
    """``(store URL, bus URL, control token)``, from ``secrets`` (read from the config's source when
    ``None`` and the config names any of them)."""
    wanted = {
        "store.url_secret": config.store.url_secret,
        "bus.url_secret": config.bus.url_secret,
        "api.token_secret": config.api.token_secret,
    }
    if secrets is None:
        if not any(wanted.values()):
            return config.store.url, config.bus.url, None
        from ..secrets import load_secrets

        secrets = load_secrets(config)
    from ..secrets import secret_text, secret_url

    store_url = secret_url(secrets, "store.url_secret", config.store.url_secret, config.store.url)
    bus_url = secret_url(secrets, "bus.url_secret", config.bus.url_secret, config.bus.url)
    token = secret_text(secrets, config.api.token_secret, "api.token_secret") if config.api.token_secret else None
    if not token:
        log.info("no control token configured: control commands are disabled")
    return store_url, bus_url, token


async def _stop_on_signal(stop: trio.Event, *, task_status: trio.TaskStatus[None] = trio.TASK_STATUS_IGNORED) -> None:
    """Set ``stop`` on the first SIGTERM or SIGINT, then return (a second one interrupts at once)."""
    with trio.open_signal_receiver(signal.SIGTERM, signal.SIGINT) as signals:
        task_status.started()
        async for signum in signals:
            log.info("%s: shutting down", signal.Signals(signum).name)
            arm_exit_deadline()
            stop.set()
            return


async def _open_until(stop: trio.Event, store: AsyncStore, url: str, history: int, first_attempt: trio.Event) -> None:
    """Open the store (see :func:`ecoboard.store.open_when_reachable`) unless ``stop`` comes first."""
    from ..store import open_when_reachable

    async with trio.open_nursery() as nursery:

        async def cancel_on_stop() -> None:
            await stop.wait()
            nursery.cancel_scope.cancel()

        nursery.start_soon(cancel_on_stop)
        await open_when_reachable(store, url, history=history, first_attempt=first_attempt)
        nursery.cancel_scope.cancel()


async def _serve(config: Config, host: str, port: int) -> None:
    """Serve; SQLite opens first (or the start fails). PostgreSQL gets :data:`FIRST_ATTEMPT_SECONDS` to
    open before the API starts, then is retried with capped backoff while the API already serves
    (``/readyz`` 503 with the reason, record routes 503 until it answers)."""
    from ..api import ApiDeps, create_app, serve_api  # quart and the backends load only when serving
    from ..bus import open_bus
    from ..store import AsyncStore, check_store_url, open_when_reachable

    store_url, bus_url, token = await trio.to_thread.run_sync(_connections, config)
    check_store_url(store_url)
    store, bus = AsyncStore(None), open_bus(bus_url)
    try:
        if store_url.startswith("sqlite:"):
            await open_when_reachable(store, store_url, history=config.store.history)
        app = create_app(ApiDeps(store=store, bus=bus, config=config, control_token=token))
        stop = trio.Event()
        async with trio.open_nursery() as nursery:
            await nursery.start(_stop_on_signal, stop)
            if not store.is_open:
                first_attempt = trio.Event()
                nursery.start_soon(_open_until, stop, store, store_url, config.store.history, first_attempt)
                with trio.move_on_after(FIRST_ATTEMPT_SECONDS):
                    await first_attempt.wait()
            bound = await nursery.start(partial(serve_api, app, host=host, port=port, shutdown_trigger=stop.wait))
            shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
            print(f"ecoboard api: serving http://{shown}:{bound}/ (SIGTERM or Ctrl-C to stop)", flush=True)
    finally:
        await bus.aclose()
        await store.aclose()


def run_api(args: argparse.Namespace) -> int:
    """Serve until SIGTERM or SIGINT; 0 after a clean stop."""
    config = load_config(_config_file(args.config))
    host = args.host or config.api.host
    port = config.api.port if args.port is None else args.port
    if not 0 <= port <= 65535:
        raise ConfigError(f"--port: expected a TCP port from 0 to 65535, got {port}")
    check_host(host, "--host" if args.host else "api.host")
    try:
        trio.run(_serve, config, host, port)
    except ExceptionGroup as group:
        leaves = list(_leaves(group))
        if len(leaves) != 1:
            raise
        if isinstance(leaves[0], OSError):
            raise ConfigError(f"cannot listen on {host}:{port}: {leaves[0].strerror or leaves[0]}") from None
        if isinstance(leaves[0], EcoboardError):
            raise leaves[0] from None
        raise
    log.info("stopped")
    return 0


def _leaves(error: BaseException) -> Iterator[BaseException]:
    if isinstance(error, BaseExceptionGroup):
        for inner in error.exceptions:
            yield from _leaves(inner)
    else:
        yield error
