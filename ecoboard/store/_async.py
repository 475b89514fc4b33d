"""The record store for trio code: every blocking call runs in a worker thread, one at a time, under a deadline."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar

import trio

from .._errors import StoreError
from .._record import Record
from ..config import PageSpec
from ._base import RecordStore, Startup

T = TypeVar("T")

log = logging.getLogger(__name__)

CALL_TIMEOUT_S = 10.0
"""How long one store call may take before it fails with :class:`StoreError` (a stalled server)."""

MIGRATE_TIMEOUT_S = 90.0
"""Migrations may wait up to a minute for another process's migration lock: a longer deadline."""

CLOSE_TIMEOUT_S = 2.0
"""Closing waits at most this long (a stalled server must not hold up a shutdown)."""

_ENGINES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}


class AsyncStore:
    """The :class:`RecordStore` methods as coroutines, each with a client-side deadline.

    Each call runs the blocking method in ``trio.to_thread.run_sync``; a trio lock lets one call at
    a time reach the backend (a SQLite connection must not be used by two threads at once). A call
    that takes longer than ``timeout`` seconds (a stalled or partitioned server) raises
    :class:`StoreError` ("... did not answer within N s"): the worker thread is abandoned and the
    backend's ``interrupt()`` (when it has one) breaks its connection, so the thread returns, the
    backend's own lock is released and the next call opens a fresh connection. A later call waits
    (within its own deadline) for an abandoned thread to return, so at most one thread is ever in
    flight and no abandoned call (a write) runs after its caller was told it failed. The first timeout is
    logged once as a warning and the first success after it once as info (edge-triggered).

    ``AsyncStore(None)`` is a store that is not open yet (the appliance serves its API while
    PostgreSQL is still down at boot): every call raises :class:`StoreError` with the reason given to
    :meth:`not_yet` until :meth:`attach` hands it the opened backend.
    """

    def __init__(self, store: RecordStore | None, *, timeout: float = CALL_TIMEOUT_S) -> None:
        self._sync = store
        self.timeout = timeout
        self._lock = trio.Lock()
        self._not_open = "the store is not open yet"
        self._stalled = False
        self._idle = trio.Event()  # set when no worker thread runs (an abandoned one may)
        self._idle.set()

    @property
    def sync(self) -> RecordStore:
        """The blocking backend; :class:`StoreError` while the store is not open yet."""
        if self._sync is None:
            raise StoreError(self._not_open)
        return self._sync

    @property
    def is_open(self) -> bool:
        """False until the backend is attached (``AsyncStore(None)``), then True."""
        return self._sync is not None

    def not_yet(self, reason: str) -> None:
        """Set why the (not yet attached) store cannot answer; calls raise ``StoreError(reason)``."""
        self._not_open = reason

    def attach(self, store: RecordStore) -> None:
        """Hand the opened backend to a store created with ``AsyncStore(None)``."""
        self._sync = store

    def _engine(self, store: RecordStore) -> str:
        label = getattr(store, "label", "the store")
        engine = _ENGINES.get(getattr(store, "dialect", ""), "the database")
        return f"{label}: {engine}"

    async def _call(self, fn: Callable[[RecordStore], T], *, seconds: float | None = None) -> T:
        store = self.sync
        limit = self.timeout if seconds is None else seconds
        # The deadline is wall-clock time (a threading.Timer), not trio's clock: a test's virtual
        # clock must not expire a call that a real thread is still working on.
        with trio.CancelScope() as deadline:
            timer = threading.Timer(limit, _cancel_soon, (trio.lowlevel.current_trio_token(), deadline))
            timer.daemon = True
            timer.start()
            try:
                async with self._lock:
                    await self._idle.wait()  # an abandoned call's thread has not returned yet
                    arm = getattr(store, "arm", None)
                    if arm is not None:  # an interrupt from now on stops this call before it commits
                        arm()
                    flight = _Flight(lambda: fn(store))
                    self._idle = flight.done
                    try:
                        result = await trio.to_thread.run_sync(flight.run, abandon_on_cancel=True)
                    finally:
                        flight.drop()
            finally:
                timer.cancel()
        if deadline.cancelled_caught:
            interrupt = getattr(store, "interrupt", None)
            if interrupt is not None:
                interrupt()
            message = f"{self._engine(store)} did not answer within {limit:g} s"
            if not self._stalled:
                log.warning("%s; store calls fail until it answers again", message)
            self._stalled = True
            raise StoreError(message)
        if self._stalled:
            log.info("%s answers again", self._engine(store))
            self._stalled = False
        return result

    async def migrate(self) -> None:
        """Create or upgrade the schema."""
        await self._call(lambda s: s.migrate(), seconds=max(self.timeout, MIGRATE_TIMEOUT_S))

    async def write(
        self, kind: str, *, fetched_at: datetime, valid_until: datetime, source: str, data: Mapping[str, Any]
    ) -> Record:
        """Insert the next version of ``kind`` in one transaction and return it."""
        return await self._call(
            lambda s: s.write(kind, fetched_at=fetched_at, valid_until=valid_until, source=source, data=data)
        )

    async def latest(self, kind: str) -> Record | None:
        """The current record of ``kind``, or ``None``."""
        return await self._call(lambda s: s.latest(kind))

    async def latest_all(self) -> dict[str, Record]:
        """The current record of every kind that has one."""
        return await self._call(lambda s: s.latest_all())

    async def latest_versions(self) -> dict[str, int]:
        """The current version of every kind that has one."""
        return await self._call(lambda s: s.latest_versions())

    async def history(self, kind: str, limit: int = 100) -> list[Record]:
        """Up to ``limit`` most recent records of ``kind``, newest first."""
        return await self._call(lambda s: s.history(kind, limit))

    async def display_config(self) -> list[PageSpec] | None:
        """The stored page cycle, or ``None``."""
        return await self._call(lambda s: s.display_config())

    async def set_display_config(self, pages: Sequence[PageSpec]) -> None:
        """Replace the stored page cycle."""
        await self._call(lambda s: s.set_display_config(pages))

    async def record_startup(self, startup: Startup) -> None:
        """Write one startup record."""
        await self._call(lambda s: s.record_startup(startup))

    async def startups(self, limit: int = 50) -> list[Startup]:
        """The most recent startup records, newest first."""
        return await self._call(lambda s: s.startups(limit))

    async def ping(self) -> None:
        """Raise :class:`ecoboard.StoreError` when the store cannot be reached."""
        await self._call(lambda s: s.ping())

    async def aclose(self) -> None:
        """Close the underlying store (nothing to do when it never opened)."""
        if self._sync is not None:
            await self._call(lambda s: s.close(), seconds=min(self.timeout, CLOSE_TIMEOUT_S))


def _cancel_soon(token: trio.lowlevel.TrioToken, scope: trio.CancelScope) -> None:
    """From a timer thread: cancel ``scope`` on the trio thread (nothing to do once trio has finished)."""
    with contextlib.suppress(trio.RunFinishedError):
        token.run_sync_soon(scope.cancel)


class _Flight:
    """One call handed to a worker thread; ``done`` is set once no thread runs it any more.

    Given up before its thread started (the deadline fired while trio was still starting it), the
    call never runs and ``done`` is set at once; once started, ``done`` is set when the thread
    returns, even after its caller left. So exactly one thread at a time reaches the backend.
    """

    def __init__(self, call: Callable[[], T]) -> None:
        self.done = trio.Event()
        self._call = call
        self._token = trio.lowlevel.current_trio_token()
        self._lock = threading.Lock()
        self._state = "waiting"  # then "running" (by the thread) or "dropped" (by the caller)

    def run(self) -> Any:
        """In the worker thread: the call's result (nothing runs if the caller already dropped it)."""
        with self._lock:
            if self._state == "dropped":
                raise StoreError("the call was given up before it started")  # nobody waits for this
            self._state = "running"
        try:
            return self._call()
        finally:
            with contextlib.suppress(trio.RunFinishedError):
                self._token.run_sync_soon(self.done.set)

    def drop(self) -> None:
        """On the trio thread, after ``run_sync`` returned or raised: end a flight that never started."""
        with self._lock:
            if self._state == "waiting":
                self._state = "dropped"
                self.done.set()
