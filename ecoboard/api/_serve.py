"""Run the API on hypercorn's trio worker as a child task of the caller's nursery."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

import trio
from hypercorn.config import Config as HypercornConfig
from hypercorn.trio import serve

from ._context import EcoboardApp

log = logging.getLogger(__name__)

ASGIReceive = Callable[[], Awaitable[dict[str, Any]]]
ASGISend = Callable[[dict[str, Any]], Awaitable[None]]

GRACEFUL_SECONDS = 5.0
"""How long open requests may take to finish after the shutdown trigger fires."""
FINISH_SECONDS = 2.0
"""How long the end of one response may take once the client stopped listening (see ``_FinishResponses``)."""
BACKLOG = 1024
"""Pending-connection queue: room for a few hundred dashboards reconnecting at once."""


class _FinishResponses:
    """ASGI wrapper that lets hypercorn finish each response even though quart-trio cancels the request.

    When the last body message is sent, hypercorn (inside that ``send``) marks the request done,
    tells the app ``http.disconnect`` and starts the connection's keep-alive/idle task. quart-trio
    reacts to the disconnect by cancelling the request's nursery, which kills that bookkeeping half
    way: the idle task never starts (idle connections never time out) and a connection being closed
    is left open, so every shutdown waits the whole graceful timeout. Shielding that one ``send``
    (bounded by ``FINISH_SECONDS``, so a client that stopped reading cannot hold it) avoids both.
    """

    def __init__(self, app: EcoboardApp) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: ASGIReceive, send: ASGISend) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def finish_shielded(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                with trio.CancelScope(shield=True, deadline=trio.current_time() + FINISH_SECONDS):
                    await send(message)
            else:
                await send(message)

        await self.app(scope, receive, finish_shielded)


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
    Errors binding the socket (``OSError``) propagate. When a task of the server (the SSE fan-out)
    dies of an unexpected error, the server stops the same way and then raises
    :class:`~ecoboard.api._failure.ServerTaskFailed`.
    """
    config = HypercornConfig()
    config.bind = [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"]
    config.graceful_timeout = GRACEFUL_SECONDS
    config.backlog = BACKLOG
    config.accesslog = None
    config.errorlog = logging.getLogger("ecoboard.api.hypercorn")
    config.include_server_header = False

    async def stop() -> None:
        async with trio.open_nursery() as waiting:  # the trigger, or a failed server task
            for wait in (shutdown_trigger, app.failure.wait):
                waiting.start_soon(_cancel_after, wait, waiting.cancel_scope)
        app.hub.close()  # SSE streams end now instead of holding the graceful shutdown open

    async with trio.open_nursery() as nursery:
        binds: list[str] = await nursery.start(partial(serve, _FinishResponses(app), config, shutdown_trigger=stop))
        bound = _port(binds[0])
        log.info("API listening on %s port %d", host, bound)
        task_status.started(bound)
    app.failure.raise_if_failed()


async def _cancel_after(wait: Callable[[], Awaitable[None]], scope: trio.CancelScope) -> None:
    await wait()
    scope.cancel()
