"""The in-process bus (local mode): trio tasks of one process exchange messages directly."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from ._base import CHANNELS, BusMessage, Channel
from ._mailbox import DEFAULT_SIZE, Mailbox


class Subscription:
    """An async iterator over one subscriber's mailbox."""

    def __init__(self, mailbox: Mailbox) -> None:
        self.mailbox = mailbox

    def __aiter__(self) -> Subscription:
        return self

    async def __anext__(self) -> BusMessage:
        return await self.mailbox.get()


class MemoryBus:
    """Publish to every current subscriber's mailbox; never blocks (see ``_mailbox`` for the policy).

    A subscription yields ``connected`` first, like the Redis bus, so consumers treat both alike.
    Messages published while nobody subscribes are lost, as with pub/sub.
    """

    def __init__(self, *, queue_size: int = DEFAULT_SIZE) -> None:
        self.queue_size = queue_size
        self._subscribers: list[tuple[frozenset[str], Mailbox]] = []

    async def publish(self, channel: Channel, payload: dict[str, Any]) -> None:
        """Deliver ``payload`` on ``channel`` to every subscriber of that channel."""
        if channel not in CHANNELS:
            raise ValueError(f"unknown bus channel {channel!r}; expected one of {', '.join(CHANNELS)}")
        message = BusMessage(channel, dict(payload))
        for channels, mailbox in self._subscribers:
            if channel in channels:
                mailbox.put(message)

    @asynccontextmanager
    async def subscribe(self, channels: tuple[Channel, ...] = CHANNELS) -> AsyncIterator[Subscription]:
        """Subscribe for the duration of the ``async with`` block."""
        entry = (frozenset(channels), Mailbox(self.queue_size))
        entry[1].put(BusMessage("connected", {}))
        self._subscribers.append(entry)
        try:
            yield Subscription(entry[1])
        finally:
            self._subscribers.remove(entry)

    async def aclose(self) -> None:
        """Nothing to release."""
