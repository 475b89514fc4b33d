"""Run the API on hypercorn's trio worker as a child task of the caller's nursery."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from functools import partial

import trio
from hypercorn.config import Config as HypercornConfig
from hypercorn.trio import serve

from ._context import EcoboardApp

log = logging.getLogger(__name__)

GRACEFUL_SECONDS = 5.0
"""How long open requests may take to finish after the shutdown trigger fires."""
BACKLOG = 1024
"""Pending-connection queue: room for a few hundred dashboards reconnecting at once."""


def _port(bind: str) -> int:
    return int(bind.rsplit(":", 1)[1])


async def serve_api(
    app: EcoboardApp,
    *,
    host: str,
    port: int,
    shutdown_trigger: Callable[[], Awaitable[None]],
    task_status: trio.TaskStatus[int] = trio.TASK_STATUS_IGNORED,
) -> None:
    """Serve ``app`` on ``host:port`` (``port`` 0 picks a free one) until ``shutdown_trigger`` returns.

    Reports the bound port through ``task_status.started`` once listening. On shutdown every SSE
    stream ends at once and other requests get ``GRACEFUL_SECONDS`` to finish; then it returns.
    Errors binding the socket (``OSError``) propagate.
    """
    config = HypercornConfig()
    config.bind = [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"]
    config.graceful_timeout = GRACEFUL_SECONDS
    config.backlog = BACKLOG
    config.accesslog = None
    config.errorlog = logging.getLogger("ecoboard.api.hypercorn")
    config.include_server_header = False

    async def stop() -> None:
        await shutdown_trigger()
        app.hub.close()  # SSE streams end now instead of holding the graceful shutdown open

    async with trio.open_nursery() as nursery:
        binds: list[str] = await nursery.start(partial(serve, app, config, shutdown_trigger=stop))
        bound = _port(binds[0])
        log.info("API listening on %s port %d", host, bound)
        task_status.started(bound)
