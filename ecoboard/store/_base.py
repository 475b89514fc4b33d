"""The record store interface, shared by the SQLite (local) and PostgreSQL (cluster) backends.

Methods are synchronous and blocking: trio code calls them through ``trio.to_thread.run_sync``
(see :class:`ecoboard.store.AsyncStore`). The render loop never calls them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from .._record import Record
from ..config import PageSpec


@dataclass(frozen=True)
class Startup:
    """One component start, as written to the ``startups`` table."""

    component: str
    host: str
    software_version: str
    started_at: datetime


class RecordStore(Protocol):
    """Latest record per kind, a bounded history, the page cycle and startup records."""

    def migrate(self) -> None:
        """Create or upgrade the schema (versioned migrations); safe to call on every start."""

    def write(
        self, kind: str, *, fetched_at: datetime, valid_until: datetime, source: str, data: Mapping[str, Any]
    ) -> Record:
        """Insert the next version of ``kind`` in one transaction, prune history, return the record."""

    def latest(self, kind: str) -> Record | None:
        """The current record of ``kind``, or ``None`` if none was ever written."""

    def latest_all(self) -> dict[str, Record]:
        """The current record of every kind that has one."""

    def latest_versions(self) -> dict[str, int]:
        """The current version of every kind that has one (cheap; no data)."""

    def history(self, kind: str, limit: int = 100) -> list[Record]:
        """Up to ``limit`` most recent records of ``kind``, newest first."""

    def display_config(self) -> list[PageSpec] | None:
        """The stored page cycle, or ``None`` when none is stored (use the config file's)."""

    def set_display_config(self, pages: Sequence[PageSpec]) -> None:
        """Replace the stored page cycle in one transaction."""

    def record_startup(self, startup: Startup) -> None:
        """Write one startup record."""

    def startups(self, limit: int = 50) -> list[Startup]:
        """The most recent startup records, newest first."""

    def ping(self) -> None:
        """Raise :class:`ecoboard.StoreError` if the store cannot be reached."""

    def close(self) -> None:
        """Release connections."""
