"""The SQL both backends share: one class with the queries, specialised by a small dialect layer.

The backends differ only in how they connect, open a transaction, write placeholders and convert
instants and JSON; every query and every rule (version numbering, history pruning, the page cycle)
lives here once, so SQLite and PostgreSQL behave the same.
"""

from __future__ import annotations

import json
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from typing import Any

from .._errors import ConfigError, StoreError
from .._record import Record, thaw, utc_instant
from .._urls import safe_cause, scrub
from ..config import PageSpec, parse_config
from ._base import Startup
from ._migrations import BOOTSTRAP, MIGRATIONS, Dialect, render

_RECORD_COLUMNS = "kind, version, fetched_at, valid_until, source, data"


class Cursor(ABC):
    """The one operation the shared SQL needs from a backend inside a transaction."""

    @abstractmethod
    def run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Execute ``sql`` (``?`` placeholders) and return its rows (empty for statements without)."""


class SqlStore(ABC):
    """A :class:`~ecoboard.store.RecordStore` over a SQL database; thread-safe (one lock per store)."""

    dialect: Dialect
    _errors: tuple[type[Exception], ...] = ()

    def __init__(self, *, history: int, label: str, url: str) -> None:
        if history < 1:
            raise ValueError(f"history must keep at least 1 record per kind, got {history}")
        self.keep = history
        self.label = label
        self._url = url  # its secrets never reach a message, even quoted by the database library
        self._lock = threading.RLock()

    # -- what a backend provides -------------------------------------------------------------

    @abstractmethod
    def _transaction(self, *, migration: bool = False) -> AbstractContextManager[Cursor]:
        """A transaction that commits on success and rolls back on error."""

    @abstractmethod
    def _ts_in(self, value: datetime) -> Any:
        """An instant as the database stores it."""

    @abstractmethod
    def _json_in(self, value: Any) -> Any:
        """A JSON document as the database stores it."""

    @abstractmethod
    def _json_out(self, value: Any) -> Any:
        """A stored JSON document as Python data."""

    @abstractmethod
    def _lost(self) -> None:
        """Called after a database error; a backend may drop a broken connection here."""

    @abstractmethod
    def close(self) -> None:
        """Release the connection."""

    # -- the shared machinery ----------------------------------------------------------------

    @contextmanager
    def _op(self, what: str, *, migration: bool = False) -> Iterator[Cursor]:
        with self._lock:
            try:
                with self._transaction(migration=migration) as cur:
                    yield cur
            except self._errors as exc:
                self._lost()
                raise self._failure(f"{what} failed", exc) from safe_cause(exc, self._url)

    def _failure(self, what: str, exc: Exception) -> StoreError:
        """``<label>: <what>: <the library's first line>``, showing none of the store URL's secrets."""
        return StoreError(f"{self.label}: {what}: {scrub(first_line(exc), self._url)}")

    def _record(self, row: tuple[Any, ...]) -> Record:
        kind, version, fetched_at, valid_until, source, data = row
        return Record(
            kind=kind,
            version=int(version),
            fetched_at=utc_instant(fetched_at),
            valid_until=utc_instant(valid_until),
            source=source,
            data=self._json_out(data),
        )

    # -- RecordStore --------------------------------------------------------------------------

    def migrate(self) -> None:
        """Create or upgrade the schema; each pending migration runs in its own transaction."""
        for version, name, statements in MIGRATIONS:
            with self._op(f"migration {version}", migration=True) as cur:
                cur.run(render(BOOTSTRAP, self.dialect))
                if cur.run("SELECT 1 FROM schema_migrations WHERE version = ?", (version,)):
                    continue
                for statement in statements:
                    cur.run(render(statement, self.dialect))
                cur.run(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (version, name, self._ts_in(_now())),
                )

    def schema_version(self) -> int:
        """The highest applied migration (0 before :meth:`migrate`)."""
        with self._op("reading the schema version") as cur:
            cur.run(render(BOOTSTRAP, self.dialect))
            rows = cur.run("SELECT MAX(version) FROM schema_migrations")
        return int(rows[0][0] or 0)

    def write(
        self, kind: str, *, fetched_at: datetime, valid_until: datetime, source: str, data: Mapping[str, Any]
    ) -> Record:
        """Insert the next version of ``kind`` in one transaction, prune its history, return the record.

        ``data`` that JSON cannot represent (NaN, sets, objects) raises ``ValueError``/``TypeError``
        (a programming error) and writes nothing.
        """
        record_data = thaw(data)
        # Fail the same way on both backends, before any transaction, for data JSON cannot carry.
        json.dumps(record_data, allow_nan=False)
        fetched, valid = utc_instant(fetched_at), utc_instant(valid_until)
        with self._op(f"writing {kind}") as cur:
            version = int(
                cur.run(
                    "INSERT INTO kind_versions (kind, version) VALUES (?, 1) ON CONFLICT (kind) "
                    "DO UPDATE SET version = kind_versions.version + 1 RETURNING version",
                    (kind,),
                )[0][0]
            )
            cur.run(
                f"INSERT INTO records ({_RECORD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
                (kind, version, self._ts_in(fetched), self._ts_in(valid), source, self._json_in(record_data)),
            )
            cur.run("DELETE FROM records WHERE kind = ? AND version <= ?", (kind, version - self.keep))
        return Record(kind, version, fetched, valid, source, record_data)

    def latest(self, kind: str) -> Record | None:
        """The current record of ``kind``, or ``None``."""
        with self._op(f"reading {kind}") as cur:
            rows = cur.run(
                f"SELECT {_RECORD_COLUMNS} FROM records WHERE kind = ? ORDER BY version DESC LIMIT 1", (kind,)
            )
        return self._record(rows[0]) if rows else None

    def latest_all(self) -> dict[str, Record]:
        """The current record of every kind that has one."""
        columns = ", ".join(f"r.{c.strip()}" for c in _RECORD_COLUMNS.split(","))
        with self._op("reading every kind") as cur:
            rows = cur.run(
                f"SELECT {columns} FROM records r JOIN kind_versions k ON r.kind = k.kind AND r.version = k.version "
                "ORDER BY r.kind"
            )
        return {row[0]: self._record(row) for row in rows}

    def latest_versions(self) -> dict[str, int]:
        """The current version of every kind that has one."""
        with self._op("reading versions") as cur:
            rows = cur.run("SELECT kind, version FROM kind_versions ORDER BY kind")
        return {kind: int(version) for kind, version in rows}

    def history(self, kind: str, limit: int = 100) -> list[Record]:
        """Up to ``limit`` most recent records of ``kind``, newest first."""
        with self._op(f"reading the history of {kind}") as cur:
            rows = cur.run(
                f"SELECT {_RECORD_COLUMNS} FROM records WHERE kind = ? ORDER BY version DESC LIMIT ?",
                (kind, max(0, limit)),
            )
        return [self._record(row) for row in rows]

    def display_config(self) -> list[PageSpec] | None:
        """The stored page cycle in order, or ``None`` when none (or an empty one) is stored."""
        with self._op("reading the page cycle") as cur:
            rows = cur.run("SELECT page, seconds, options FROM display_config ORDER BY position")
        if not rows:
            return None
        entries = []
        for position, (page, seconds, options) in enumerate(rows):
            try:
                parsed = self._json_out(options)
            except (ValueError, TypeError):
                raise StoreError(f"display_config row {position} ({page!r}): options: expected JSON") from None
            entries.append({"page": page, "seconds": seconds, "options": parsed})
        try:  # the same checks as the config file's page cycle: one bad row is one clear error
            return list(parse_config({"display": {"pages": entries}}, source="display_config", environ={})
                        .display.pages)
        except ConfigError as exc:
            raise StoreError(str(exc).replace("display.pages[", "row [")) from None

    def set_display_config(self, pages: Sequence[PageSpec]) -> None:
        """Replace the stored page cycle in one transaction (an empty cycle clears it)."""
        with self._op("writing the page cycle") as cur:
            cur.run("DELETE FROM display_config")
            for position, spec in enumerate(pages):
                cur.run(
                    "INSERT INTO display_config (position, page, seconds, options) VALUES (?, ?, ?, ?)",
                    (position, spec.page, float(spec.seconds), self._json_in(thaw(spec.options))),
                )

    def record_startup(self, startup: Startup) -> None:
        """Write one startup record."""
        with self._op("writing a startup") as cur:
            cur.run(
                "INSERT INTO startups (component, host, software_version, started_at) VALUES (?, ?, ?, ?)",
                (startup.component, startup.host, startup.software_version, self._ts_in(startup.started_at)),
            )

    def startups(self, limit: int = 50) -> list[Startup]:
        """The most recent startup records, newest first."""
        with self._op("reading startups") as cur:
            rows = cur.run(
                "SELECT component, host, software_version, started_at FROM startups ORDER BY id DESC LIMIT ?",
                (max(0, limit),),
            )
        return [Startup(c, h, v, utc_instant(s)) for c, h, v, s in rows]

    def ping(self) -> None:
        """Raise :class:`StoreError` when the database cannot be reached."""
        with self._op("ping") as cur:
            cur.run("SELECT 1")


def _now() -> datetime:
    return datetime.now(UTC)


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message (library errors can span lines)."""
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
