"""Open a record store from its URL."""

from __future__ import annotations

from .._errors import ConfigError, StoreError
from .._url_checks import STORE_EXPECTATION, store_url_problem, url_problem_message
from ._sql import SqlStore


def open_store(url: str, *, history: int = 200, migrate: bool = True) -> SqlStore:
    """Open the store at ``url`` (``sqlite:`` or ``postgresql:``/``postgres:``) and, by default, migrate it.

    ``history`` bounds how many records per kind are kept. Raises :class:`ConfigError` when the URL
    is not one of a store or cannot be read as one (see :mod:`ecoboard._url_checks`), :class:`StoreError`
    when the database cannot be opened.
    """
    problem = store_url_problem(url)
    if problem is not None:
        raise ConfigError(url_problem_message("store.url", STORE_EXPECTATION, url, problem))
    if url.startswith("sqlite:"):
        from ._sqlite import SqliteStore

        store: SqlStore = SqliteStore(url, history=history)
    else:
        from ._postgres import PostgresStore

        store = PostgresStore(url, history=history)
    if migrate:
        try:
            store.migrate()
        except StoreError:
            store.close()
            raise
    return store
