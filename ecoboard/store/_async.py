"""The record store for trio code: every blocking call runs in a worker thread, one at a time."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar

import trio

from .._record import Record
from ..config import PageSpec
from ._base import RecordStore, Startup

T = TypeVar("T")


class AsyncStore:
    """The :class:`RecordStore` methods as coroutines.

    Each call runs the blocking method in ``trio.to_thread.run_sync``; a trio lock lets one call at
    a time reach the backend (a SQLite connection must not be used by two threads at once). A
    cancelled caller stops waiting for the lock, but a call already in its thread runs to the end
    (a transaction is never abandoned half-way).
    """

    def __init__(self, store: RecordStore) -> None:
        self.sync = store
        self._lock = trio.Lock()

    async def _call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        async with self._lock:
            return await trio.to_thread.run_sync(lambda: fn(*args, **kwargs))

    async def migrate(self) -> None:
        """Create or upgrade the schema."""
        await self._call(self.sync.migrate)

    async def write(
        self, kind: str, *, fetched_at: datetime, valid_until: datetime, source: str, data: Mapping[str, Any]
    ) -> Record:
        """Insert the next version of ``kind`` in one transaction and return it."""
        return await self._call(
            self.sync.write, kind, fetched_at=fetched_at, valid_until=valid_until, source=source, data=data
        )

    async def latest(self, kind: str) -> Record | None:
        """The current record of ``kind``, or ``None``."""
        return await self._call(self.sync.latest, kind)

    async def latest_all(self) -> dict[str, Record]:
        """The current record of every kind that has one."""
        return await self._call(self.sync.latest_all)

    async def latest_versions(self) -> dict[str, int]:
        """The current version of every kind that has one."""
        return await self._call(self.sync.latest_versions)

    async def history(self, kind: str, limit: int = 100) -> list[Record]:
        """Up to ``limit`` most recent records of ``kind``, newest first."""
        return await self._call(self.sync.history, kind, limit)

    async def display_config(self) -> list[PageSpec] | None:
        """The stored page cycle, or ``None``."""
        return await self._call(self.sync.display_config)

    async def set_display_config(self, pages: Sequence[PageSpec]) -> None:
        """Replace the stored page cycle."""
        await self._call(self.sync.set_display_config, pages)

    async def record_startup(self, startup: Startup) -> None:
        """Write one startup record."""
        await self._call(self.sync.record_startup, startup)

    async def startups(self, limit: int = 50) -> list[Startup]:
        """The most recent startup records, newest first."""
        return await self._call(self.sync.startups, limit)

    async def ping(self) -> None:
        """Raise :class:`ecoboard.StoreError` when the store cannot be reached."""
        await self._call(self.sync.ping)

    async def aclose(self) -> None:
        """Close the underlying store."""
        await self._call(self.sync.close)
