"""The update bus interface, shared by the in-process (local) and Redis (cluster) backends.

Channels: ``update`` carries ``{"kind": str, "version": int}`` published after the row commits;
``control`` carries ``{"command": "pause"|"play"|"next"|"prev"|"brightness"|"reload", ...}``.
A subscription also yields a ``connected`` message after every (re)connect: pub/sub loses what was
published while away, so the consumer re-reads every kind from the store when it sees one. A
subscription whose connection is lost (an error, or a server that stops answering), or whose first
attempt fails, yields ``disconnected``; the next ``connected`` says it is back.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Any, Literal, Protocol

Channel = Literal["update", "control"]
BusState = Literal["connecting", "connected", "away"]
"""An update subscription's state: ``connecting`` until its first attempt, ``connected`` once the bus
confirms it, ``away`` after a ``disconnected`` (a lost connection or a failed first attempt)."""
CHANNELS: tuple[Channel, ...] = ("update", "control")


@dataclass(frozen=True)
class BusMessage:
    """One message: ``channel`` is ``update``, ``control``, ``connected`` or ``disconnected`` (those two:
    payload empty)."""

    channel: Literal["update", "control", "connected", "disconnected"]
    payload: dict[str, Any]


class Bus(Protocol):
    """Publish JSON messages on a channel; subscribe to a bounded stream of them."""

    async def publish(self, channel: Channel, payload: dict[str, Any]) -> None:
        """Publish ``payload`` on ``channel``; raise :class:`ecoboard.BusError` when unreachable."""

    def subscribe(
        self, channels: tuple[Channel, ...] = CHANNELS
    ) -> AbstractAsyncContextManager[AsyncIterator[BusMessage]]:
        """A subscription; iterating it yields messages until cancelled, reconnecting as needed."""

    async def aclose(self) -> None:
        """Release connections."""
