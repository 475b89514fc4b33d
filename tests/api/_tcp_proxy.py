"""A TCP proxy on a free port in front of a real server, which a test can cut and restore.

``cut()`` closes the listening socket and every proxied connection (the server looks gone: a client
gets "connection refused"); ``restore()`` listens again on the same port.
"""

from __future__ import annotations

import trio


class TcpProxy:
    """Forwards ``127.0.0.1:port`` to ``target`` while open; serves in ``nursery``."""

    def __init__(self, nursery: trio.Nursery, target: tuple[str, int]) -> None:
        self.nursery = nursery
        self.target = target
        self.port = 0
        self._scope: trio.CancelScope | None = None

    async def restore(self) -> None:
        """Listen (again): on a free port the first time, then on the same one."""
        self._scope = await self.nursery.start(self._serve)

    def cut(self) -> None:
        """Stop listening and drop every connection."""
        assert self._scope is not None
        self._scope.cancel()
        self._scope = None

    async def _serve(self, task_status: trio.TaskStatus[trio.CancelScope]) -> None:
        with trio.CancelScope() as scope:
            [listener] = await trio.open_tcp_listeners(self.port, host="127.0.0.1")
            self.port = listener.socket.getsockname()[1]
            async with listener, trio.open_nursery() as connections:
                task_status.started(scope)
                while True:
                    client = await listener.accept()
                    connections.start_soon(self._forward, client)

    async def _forward(self, client: trio.SocketStream) -> None:
        async with client, await trio.open_tcp_stream(*self.target) as server, trio.open_nursery() as both:
            both.start_soon(_pipe, client, server, both.cancel_scope)
            both.start_soon(_pipe, server, client, both.cancel_scope)


async def _pipe(source: trio.SocketStream, sink: trio.SocketStream, both: trio.CancelScope) -> None:
    """Copy ``source`` to ``sink`` until either side closes; then end both directions."""
    try:
        async for chunk in source:
            await sink.send_all(chunk)
    except (trio.BrokenResourceError, trio.ClosedResourceError):
        pass
    finally:
        both.cancel()
