"""Throwaway record stores for tests: a SQLite file under tmp, or a private PostgreSQL schema.

Other test packages import :func:`temp_store_url` so the same test can run against both backends.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

PG_BASE = "postgresql://postgres@127.0.0.1:5432/test"
BACKENDS = ("sqlite", "postgresql")


@contextmanager
def temp_store_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """A store URL of ``backend`` that no other test uses; the PostgreSQL schema is dropped after."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'store' / 'ecoboard.sqlite3'}"
        return
    schema = f"t_{secrets.token_hex(6)}"
    try:
        yield f"{PG_BASE}?schema={schema}"
    finally:
        with psycopg.connect(PG_BASE, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
