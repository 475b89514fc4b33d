"""The SQLite backend (local mode): one file in WAL mode, one transaction per write.

``sqlite:///relative/path`` and ``sqlite:////absolute/path`` (SQLAlchemy's convention); the parent
directory is created. A URL without a file path (``sqlite://``, ``sqlite:///:memory:``) is refused:
an in-memory database would silently lose every record when the process exits.
Writes use ``BEGIN IMMEDIATE`` so two processes writing one file serialise on the write lock
(version numbers stay strictly increasing); readers never block writers (WAL).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from .._errors import StoreError
from .._record import utc_instant
from .._urls import redact_url, safe_cause
from ._sql import Cursor, SqlStore

_BUSY_TIMEOUT_MS = 10_000


def sqlite_path(url: str) -> str:
    """The file path of a ``sqlite:`` URL; :class:`StoreError` naming ``store.url`` when it has none."""
    if not url.startswith("sqlite:"):
        raise StoreError(f"store.url: not a sqlite: URL: {redact_url(url)!r}")
    rest = url[len("sqlite:"):]
    path = rest[3:].split("?", 1)[0] if rest.startswith("///") else None
    if path in ("", ":memory:") or rest in ("", "//") or rest.startswith("//?"):
        raise StoreError(
            f"store.url: {redact_url(url)!r} names no database file (an in-memory database would lose every record); "
            "use sqlite:///relative/path or sqlite:////absolute/path"
        )
    if path is None:
        raise StoreError(
            f"store.url: {redact_url(url)!r}: expected sqlite:///relative/path or sqlite:////absolute/path"
        )
    return path


class _SqliteCursor(Cursor):
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._conn.execute(sql, tuple(params)).fetchall()


class SqliteStore(SqlStore):
    """The record store in one SQLite file."""

    dialect = "sqlite"
    _errors = (sqlite3.Error,)

    def __init__(self, url: str, *, history: int = 200) -> None:
        self.path = sqlite_path(url)
        super().__init__(history=history, label=f"sqlite store {self.path}", url=url)
        try:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: we issue BEGIN/COMMIT ourselves; the connection is shared by
            # the threads of AsyncStore, which serialises access with the store's lock.
            self._conn = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=_BUSY_TIMEOUT_MS / 1000
            )
            self._enable_wal()
            self._conn.execute("PRAGMA synchronous=NORMAL")  # durable across app crashes; fewer SD-card syncs
            self._conn.execute("PRAGMA foreign_keys=ON")
        except (OSError, sqlite3.Error) as exc:
            raise self._failure("cannot open", exc) from safe_cause(exc, url)

    def _enable_wal(self) -> None:
        """Switch the file to WAL. The switch needs the file to itself and SQLite reports "database is
        locked" at once (no busy wait) while another process opens it too: retry for the busy timeout."""
        deadline = time.monotonic() + _BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                self._conn.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    @contextmanager
    def _transaction(self, *, migration: bool = False) -> Iterator[Cursor]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield _SqliteCursor(self._conn)
            self._conn.execute("COMMIT")
        finally:  # an error (or a failed COMMIT) leaves the transaction open: roll it back
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")

    def _lost(self) -> None:
        """A file connection does not break: nothing to drop."""

    def interrupt(self) -> None:
        """Abort the statement running in another thread (a caller gave up waiting)."""
        with contextlib.suppress(sqlite3.ProgrammingError):  # already closed
            self._conn.interrupt()

    def _ts_in(self, value: datetime) -> str:
        return utc_instant(value).isoformat(timespec="microseconds")

    def _json_in(self, value: Any) -> str:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)

    def _json_out(self, value: Any) -> Any:
        return json.loads(value)

    def journal_mode(self) -> str:
        """The journal mode in force (``wal``)."""
        with self._lock:
            return str(self._conn.execute("PRAGMA journal_mode").fetchone()[0])

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()
