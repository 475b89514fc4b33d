"""The PostgreSQL backend (cluster mode), psycopg 3.

URL: ``postgresql://user:password@host:port/dbname`` with any libpq parameter, for example
``?options=-csearch_path%3Dmyschema``. ecoboard adds one parameter of its own, ``schema=NAME``: the
store creates that schema if needed and works inside it (tests isolate themselves this way).

One connection per store, used under the store's lock. When the server goes away, the failing call
raises :class:`~ecoboard.StoreError` and drops the connection; the next call reconnects. A server
that stops answering (stalled, partitioned) is caught by ``connect_timeout`` and TCP keepalives
(defaults below, a URL parameter overrides them) and by :class:`~ecoboard.store.AsyncStore`'s
deadline, which calls :meth:`PostgresStore.interrupt` to break the connection its abandoned call
is blocked on.
Concurrent writers of one kind get strictly increasing versions: the per-kind counter upsert takes a
row lock that lasts until the writing transaction commits.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict
from psycopg.types.json import Jsonb

from .._errors import StoreError
from .._record import utc_instant
from .._urls import pop_query_param, redact_url, safe_cause
from ._sql import Cursor, SqlStore

_CONNECTION_DEFAULTS = {
    "connect_timeout": "5",
    "keepalives": "1",
    "keepalives_idle": "15",  # an idle connection to a vanished host is noticed within ~30 s
    "keepalives_interval": "5",
    "keepalives_count": "3",
}
_LOCK_TIMEOUT = "60s"  # a migration waiting longer for another process's lock fails with StoreError
_SCHEMA_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


def split_schema(url: str) -> tuple[str, str | None]:
    """``(libpq URL, schema)``: the ``schema=`` parameter taken out of ``url``."""
    dsn, schema = pop_query_param(url, "schema")
    if schema is not None and not _SCHEMA_NAME.match(schema):
        raise StoreError(f"{redact_url(url)}: schema: expected an SQL identifier, got {schema!r}")
    return dsn, schema


class _PgCursor(Cursor):
    def __init__(self, cur: psycopg.Cursor[Any]) -> None:
        self._cur = cur

    def run(self, sql_text: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        self._cur.execute(sql_text.replace("?", "%s"), tuple(params))
        return self._cur.fetchall() if self._cur.description else []


class PostgresStore(SqlStore):
    """The record store in a PostgreSQL database (optionally inside one schema)."""

    dialect = "postgresql"
    _errors = (psycopg.Error,)

    def __init__(self, url: str, *, history: int = 200) -> None:
        self._dsn, self.schema = split_schema(url)
        super().__init__(history=history, label=f"postgresql store {redact_url(self._dsn)}", url=self._dsn)
        self._conn: psycopg.Connection[Any] | None = None
        self._abandoned: psycopg.Connection[Any] | None = None
        self._interrupts = 0
        self._armed = 0  # the value of _interrupts when the running call was issued
        with self._lock:
            try:
                self._connection()
            except psycopg.Error as exc:
                raise self._failure("cannot connect", exc) from safe_cause(exc, self._dsn)

    def _connection(self) -> psycopg.Connection[Any]:
        conn = self._conn
        if conn is not None and conn is not self._abandoned and not conn.closed and not conn.broken:
            return conn
        self._drop()
        given = conninfo_to_dict(self._dsn)
        extra = {key: value for key, value in _CONNECTION_DEFAULTS.items() if key not in given}
        conn = psycopg.connect(self._dsn, autocommit=True, **extra)
        try:
            if self.schema:
                self._enter_schema(conn, self.schema)
        except psycopg.Error:
            conn.close()
            raise
        self._conn = conn
        return conn

    @staticmethod
    def _enter_schema(conn: psycopg.Connection[Any], schema: str) -> None:
        name = sql.Identifier(schema)
        if not conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone():
            # Concurrent CREATE SCHEMA IF NOT EXISTS can still collide: serialise it like migrations.
            with conn.transaction():
                conn.execute(f"SET LOCAL lock_timeout = '{_LOCK_TIMEOUT}'")
                conn.execute("SELECT pg_advisory_xact_lock(hashtext('ecoboard:create-schema'))")
                conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(name))
        conn.execute(sql.SQL("SET search_path TO {}").format(name))

    def _drop(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        self._abandoned = None

    def arm(self) -> None:
        """Called (on the caller's thread) just before a call is handed to a worker thread: an
        :meth:`interrupt` from then on stops that call before its transaction."""
        self._armed = self._interrupts

    def interrupt(self) -> None:
        """Break the current connection from another thread (no lock): a call blocked on it fails now.

        Called when a caller gave up waiting; the connection is replaced on the next call. A call
        still connecting when it is interrupted stops before its transaction (an abandoned write
        never commits once the server answers again).
        """
        self._interrupts += 1
        conn = self._conn
        if conn is None:
            return
        self._abandoned = conn
        with contextlib.suppress(OSError, psycopg.Error), socket.socket(fileno=os.dup(conn.fileno())) as sock:
            sock.shutdown(socket.SHUT_RDWR)

    def _lost(self) -> None:
        if self._conn is not None and (self._conn.closed or self._conn.broken):
            self._drop()

    @contextmanager
    def _transaction(self, *, migration: bool = False) -> Iterator[Cursor]:
        conn = self._connection()
        if self._interrupts != self._armed:
            raise psycopg.OperationalError("the caller stopped waiting while the connection was opened")
        with conn.transaction(), conn.cursor() as cur:
            if migration:  # one migrator at a time per schema, across processes
                cur.execute(f"SET LOCAL lock_timeout = '{_LOCK_TIMEOUT}'")
                cur.execute("SELECT pg_advisory_xact_lock(hashtext('ecoboard:migrate:' || current_schema()))")
            yield _PgCursor(cur)

    def _ts_in(self, value: datetime) -> datetime:
        return utc_instant(value)

    def _json_in(self, value: Any) -> Jsonb:
        return Jsonb(value)

    def _json_out(self, value: Any) -> Any:
        return value

    def close(self) -> None:
        """Close the connection (a later call would reconnect)."""
        with self._lock:
            self._drop()
