"""The SSE fan-out: one bus subscription and one store reader shared by every connected client.

Policy for slow clients (written down, as every queue's policy must be): each client has a
:class:`ClientQueue` that holds at most **one record per kind** and *coalesces* — a newer record of
a kind replaces the one still waiting. The queue is therefore bounded by the number of kinds, an
offer never waits, and a client that stops reading never slows the fan-out, the other clients or
the render loop; when it reads again it gets the latest state of each kind it missed.

The hub keeps the store's latest version of each kind. A full re-read (at start, after every bus
``connected``, after a store failure) keeps what the store says even when it is an older version
(the store was reset or restored from a backup); an update announcing a version older than the one
held starts such a re-read, so a reset store's new records reach the clients with their first update.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Mapping
from datetime import datetime
from typing import Literal

import trio

from .._errors import BusError, StoreError
from .._record import Record
from .._supersedes import supersedes
from ..bus import Bus, BusMessage, BusState
from ..store import AsyncStore
from ._json import dumps, record_json

log = logging.getLogger(__name__)

RETRY_SECONDS = 2.0
"""Wait between attempts when the store or the bus fails."""


class ClientQueue:
    """One SSE client's pending records, at most one per kind (newest wins)."""

    def __init__(self) -> None:
        self._pending: dict[str, Record] = {}
        self._wake = trio.Event()
        self.closed = False

    def offer(self, record: Record) -> None:
        """Queue ``record`` (the hub's current one of its kind) in place of any still waiting; never blocks."""
        self._pending[record.kind] = record
        self._wake.set()

    def close(self) -> None:
        """End the stream: :meth:`wait` returns and :attr:`closed` is true."""
        self.closed = True
        self._wake.set()

    async def wait(self) -> None:
        """Return once a record is pending or the queue is closed."""
        await self._wake.wait()

    def take(self) -> list[Record]:
        """Remove and return the pending records (one per kind, in the order the kinds first arrived)."""
        records = list(self._pending.values())
        self._pending.clear()
        if not self.closed:
            self._wake = trio.Event()
        return records

    def __len__(self) -> int:
        return len(self._pending)


class RecordHub:
    """Keeps the latest record of every kind in memory and offers each new one to every client."""

    def __init__(self, store: AsyncStore, bus: Bus) -> None:
        self._store = store
        self._bus = bus
        self._latest: dict[str, Record] = {}
        self._clients: set[ClientQueue] = set()
        self._wanted: dict[str, int] = {}
        self._resync = True
        self._work = trio.Event()
        self._encoded: dict[str, tuple[int, bool, str]] = {}
        self._store_state: Literal["ok", "opening", "failed"] = "ok"
        self._bus_ok = True
        self._bus_state: BusState = "connecting"
        self.closing = False

    @property
    def latest(self) -> Mapping[str, Record]:
        """The newest record the hub has seen of each kind."""
        return self._latest

    @property
    def bus_state(self) -> BusState:
        """The update subscription: ``connecting`` until its first attempt, ``connected``, or ``away``
        once it was lost or its first attempt failed (updates reach clients again after the next
        ``connected``)."""
        return self._bus_state

    @property
    def client_count(self) -> int:
        """How many SSE clients are connected."""
        return len(self._clients)

    def record_text(self, record: Record, now: datetime) -> str:
        """``record`` as one line of JSON with ``stale``; encoded once per version and staleness and
        shared by every client (the event loop also runs the render loop: no per-client encoding)."""
        stale = record.is_stale(now)
        cached = self._encoded.get(record.kind)
        if cached is not None and cached[:2] == (record.version, stale):
            return cached[2]
        text = dumps(record_json(record, now))
        self._encoded[record.kind] = (record.version, stale, text)
        return text

    def connect(self, seen: Mapping[str, int]) -> ClientQueue:
        """Register a client that has seen ``seen`` (kind → version); its queue starts with every
        current record whose version differs from that (newer, or from another store the client saw
        before, e.g. after a database reset). Registration and the catch-up happen without a
        checkpoint, so no update can fall between them."""
        queue = ClientQueue()
        if self.closing:
            queue.close()
            return queue
        for kind, record in self._latest.items():
            if record.version != seen.get(kind):
                queue.offer(record)
        self._clients.add(queue)
        return queue

    def disconnect(self, queue: ClientQueue) -> None:
        """Forget a client (idempotent)."""
        self._clients.discard(queue)

    def close(self) -> None:
        """Server shutdown: end every client's stream and refuse new ones."""
        self.closing = True
        for queue in self._clients:
            queue.close()
        self._clients.clear()

    def _publish(self, record: Record, *, full_read: bool = False) -> None:
        if not supersedes(record, self._latest.get(record.kind), full_read=full_read):
            return
        self._latest[record.kind] = record
        for queue in self._clients:
            queue.offer(record)

    async def run(self, *, task_status: trio.TaskStatus[None] = trio.TASK_STATUS_IGNORED) -> None:
        """Run the fan-out until cancelled; never returns otherwise.

        Reads every kind once, reports started, then runs two tasks: the bus reader (subscribes once
        to ``update``; notes each announced ``(kind, version)``, and a full re-read after every
        ``connected``) and the store reader (reads each announced record once and offers it to every
        client). Store and bus failures (:class:`StoreError`, :class:`BusError`) are absorbed: logged
        once when the trouble starts and once when it ends, retried every ``RETRY_SECONDS`` with a
        full re-read. Anything else propagates.
        """
        await self._sync_all()
        async with trio.open_nursery() as nursery:
            nursery.start_soon(self._read_bus)
            task_status.started()
            await self._read_store()

    async def _read_bus(self) -> None:
        while True:
            try:
                async with self._bus.subscribe(("update",)) as messages:
                    await self._drain(messages)
            except BusError as exc:
                self._bus_state = "away"
                if self._bus_ok:
                    log.error("SSE fan-out: the bus failed, retrying every %.0f s: %s", RETRY_SECONDS, exc)
                self._bus_ok = False
            await trio.sleep(RETRY_SECONDS)

    async def _drain(self, messages: AsyncIterator[BusMessage]) -> None:
        async for message in messages:
            if message.channel == "disconnected":
                self._bus_state = "away"  # the bus logs it; the next ``connected`` brings a full re-read
                continue
            if message.channel == "connected":
                if not self._bus_ok:
                    log.info("SSE fan-out: the bus is back")
                self._bus_ok = True
                self._bus_state = "connected"
                self._resync = True
            elif message.channel == "update":
                kind, version = message.payload.get("kind"), message.payload.get("version")
                if not isinstance(kind, str) or not isinstance(version, int):
                    log.warning("SSE fan-out: ignoring a malformed update message %r", message.payload)
                    continue
                known = self._latest.get(kind)
                if known is not None and version < known.version:  # the store was reset, or a late message
                    self._resync = True
                elif known is None or version > known.version:
                    self._wanted[kind] = max(version, self._wanted.get(kind, 0))
                else:
                    continue
            else:
                continue
            self._work.set()

    async def _read_store(self) -> None:
        while True:
            await self._work.wait()
            self._work = trio.Event()
            if self._resync:
                self._resync = False
                self._wanted.clear()
                done = await self._sync_all()
            else:
                wanted, self._wanted = self._wanted, {}
                done = await self._sync_kinds(wanted)
            if not done:
                self._resync = True
                await trio.sleep(RETRY_SECONDS)
                self._work.set()

    async def _sync_all(self) -> bool:
        try:
            records = await self._store.latest_all()
        except StoreError as exc:
            self._store_failed(exc)
            return False
        self._store_back()
        for record in records.values():
            self._publish(record, full_read=True)
        return True

    async def _sync_kinds(self, wanted: Mapping[str, int]) -> bool:
        for kind in wanted:
            try:
                record = await self._store.latest(kind)
            except StoreError as exc:
                self._store_failed(exc)
                return False
            if record is not None:
                self._publish(record)
        self._store_back()
        return True

    def _store_failed(self, exc: StoreError) -> None:
        """A failed read: an error once per outage; a store still opening at boot (the appliance reports
        PostgreSQL's start itself) is one info line and no outage."""
        if self._store.is_open:
            if self._store_state != "failed":
                log.error("SSE fan-out: the store failed, retrying every %.0f s: %s", RETRY_SECONDS, exc)
            self._store_state = "failed"
        elif self._store_state == "ok":
            log.info("SSE fan-out: waiting for the store to open (%s)", exc)
            self._store_state = "opening"

    def _store_back(self) -> None:
        """A read answered: "back" only after a logged failure (not after the store opened at boot)."""
        if self._store_state == "failed":
            log.info("SSE fan-out: the store is back")
        self._encoded: dict[str, tuple[int, bool, str]] = {}
        self._store_state = "ok"
