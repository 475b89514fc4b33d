"""One subscriber's bounded queue, with the overflow policy of the bus written down once.

Policy (the publisher never blocks, a slow subscriber never grows memory without bound):

- ``update`` messages are coalesced per kind: when an update of the same kind is still queued,
  the newer message replaces it in place. An update only says "read kind K from the store", so
  the newest version is all a late consumer needs, and at most one update per kind is queued.
- ``control`` and other messages are queued up to ``size``; when the queue is full, the oldest
  non-update message is dropped (a backlog of stale button presses is worse than losing one)
  and the drop is counted in :attr:`Mailbox.dropped` and logged once per burst.
"""

from __future__ import annotations

import logging
from collections import deque

import trio

from ._base import BusMessage

log = logging.getLogger(__name__)

DEFAULT_SIZE = 64


class Mailbox:
    """A bounded, coalescing queue read by one trio task; ``put`` never blocks (call it in trio)."""

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        if size < 1:
            raise ValueError(f"a mailbox holds at least 1 message, got {size}")
        self.size = size
        self.dropped = 0
        self._items: deque[BusMessage] = deque()
        self._ready = trio.Event()
        self._warned = False

    def put(self, message: BusMessage) -> None:
        """Queue ``message`` under the policy above."""
        if message.channel == "update":
            kind = message.payload.get("kind")
            for i, queued in enumerate(self._items):
                if queued.channel == "update" and queued.payload.get("kind") == kind:
                    self._items[i] = message
                    return
        if len(self._items) >= self.size:
            self._drop_one()
        self._items.append(message)
        self._ready.set()

    def _drop_one(self) -> None:
        victim = next((m for m in self._items if m.channel != "update"), self._items[0])
        self._items.remove(victim)
        self.dropped += 1
        if not self._warned:
            log.warning("bus subscriber is slow: dropping old %s messages (queue of %d)", victim.channel, self.size)
            self._warned = True

    async def get(self) -> BusMessage:
        """The oldest queued message, waiting for one."""
        while not self._items:
            self._ready = trio.Event()
            await self._ready.wait()
        message = self._items.popleft()
        if not self._items:
            self._warned = False  # the burst is over: warn again on the next one
        return message

    def __len__(self) -> int:
        return len(self._items)
