"""Versioned schema migrations, shared as data by the SQLite and PostgreSQL backends.

Each migration is ``(version, name, statements)``. Statements are written once with three dialect
placeholders, filled in by :func:`render`:

- ``{ts}``    an instant: ``TIMESTAMPTZ`` in PostgreSQL, ISO-8601 ``TEXT`` in SQLite;
- ``{json}``  a JSON document: ``JSONB`` in PostgreSQL, ``TEXT`` in SQLite;
- ``{rowid}`` a surrogate key: an identity column in PostgreSQL, ``INTEGER PRIMARY KEY`` in SQLite.

Applied versions are recorded in ``schema_migrations``; a migration is applied once, in its own
transaction, in version order. Append new migrations; never edit an applied one.
"""

from __future__ import annotations

from typing import Literal

Dialect = Literal["sqlite", "postgresql"]

_TYPES: dict[Dialect, dict[str, str]] = {
    "sqlite": {"ts": "TEXT", "json": "TEXT", "rowid": "INTEGER PRIMARY KEY AUTOINCREMENT", "real": "REAL"},
    "postgresql": {
        "ts": "TIMESTAMPTZ",
        "json": "JSONB",
        "rowid": "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
        "real": "DOUBLE PRECISION",
    },
}

BOOTSTRAP = "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, " \
    "applied_at {ts} NOT NULL)"
"""The table that records applied migrations; created before anything else."""

MIGRATIONS: tuple[tuple[int, str, tuple[str, ...]], ...] = (
    (
        1,
        "records, per-kind version counter, page cycle, startups",
        (
            # The current state of a kind is its highest version. The primary key (a B-tree on
            # kind, version) answers "latest of kind" with one backward index probe.
            "CREATE TABLE records (kind TEXT NOT NULL, version BIGINT NOT NULL, fetched_at {ts} NOT NULL, "
            "valid_until {ts} NOT NULL, source TEXT NOT NULL, data {json} NOT NULL, PRIMARY KEY (kind, version))",
            # One row per kind holding its latest version: the upsert that bumps it takes a row lock,
            # so concurrent writers of one kind get strictly increasing versions (and latest-per-kind
            # is a join on this small table).
            "CREATE TABLE kind_versions (kind TEXT PRIMARY KEY, version BIGINT NOT NULL)",
            "CREATE TABLE display_config (position INTEGER PRIMARY KEY, page TEXT NOT NULL, "
            "seconds {real} NOT NULL, options {json} NOT NULL)",
            "CREATE TABLE startups (id {rowid}, component TEXT NOT NULL, host TEXT NOT NULL, "
            "software_version TEXT NOT NULL, started_at {ts} NOT NULL)",
            "CREATE INDEX startups_started_at ON startups (started_at)",
        ),
    ),
)


def render(statement: str, dialect: Dialect) -> str:
    """``statement`` with its type placeholders filled in for ``dialect``."""
    return statement.format(**_TYPES[dialect])
