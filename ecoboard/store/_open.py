"""Open a record store from its URL."""

from __future__ import annotations

from .._errors import StoreError
from ._sql import SqlStore


def open_store(url: str, *, history: int = 200, migrate: bool = True) -> SqlStore:
    """Open the store at ``url`` (``sqlite:`` or ``postgresql:``/``postgres:``) and, by default, migrate it.

    ``history`` bounds how many records per kind are kept. Raises :class:`StoreError` when the URL
    has an unknown scheme or the database cannot be opened.
    """
    if url.startswith("sqlite:"):
        from ._sqlite import SqliteStore

        store: SqlStore = SqliteStore(url, history=history)
    elif url.startswith(("postgresql:", "postgres:")):
        from ._postgres import PostgresStore

        store = PostgresStore(url, history=history)
    else:
        scheme = url.split(":", 1)[0] if ":" in url else url
        raise StoreError(f"store.url: expected a sqlite: or postgresql: URL, got scheme {scheme!r}")
    if migrate:
        try:
            store.migrate()
        except StoreError:
            store.close()
            raise
    return store
