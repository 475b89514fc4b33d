"""Open a record store from its URL."""

from __future__ import annotations

import logging
from functools import partial

import trio

from .._backoff import Backoff
from .._errors import ConfigError, StoreError
from .._url_checks import STORE_EXPECTATION, store_url_problem, url_problem_message
from ._async import AsyncStore
from ._sql import SqlStore

log = logging.getLogger(__name__)


def check_store_url(url: str) -> None:
    """Raise :class:`ConfigError` when ``url`` is not one of a store or cannot be read as one."""
    problem = store_url_problem(url)
    if problem is not None:
        raise ConfigError(url_problem_message("store.url", STORE_EXPECTATION, url, problem))


def open_store(url: str, *, history: int = 200, migrate: bool = True) -> SqlStore:
    """Open the store at ``url`` (``sqlite:`` or ``postgresql:``/``postgres:``) and, by default, migrate it.

    ``history`` bounds how many records per kind are kept. Raises :class:`ConfigError` when the URL
    is not one of a store or cannot be read as one (see :mod:`ecoboard._url_checks`), :class:`StoreError`
    when the database cannot be opened.
    """
    check_store_url(url)
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


async def open_when_reachable(
    store: AsyncStore, url: str, *, history: int = 200, first_attempt: trio.Event | None = None
) -> None:
    """Open and migrate the store at ``url``, then attach it to ``store`` (created with ``AsyncStore(None)``).

    PostgreSQL is retried with capped backoff until it answers (each failure becomes the reason
    ``store`` gives its callers meanwhile: one warning, then one info line when it opens); SQLite
    fails at once (raises :class:`StoreError`). A bad URL raises :class:`ConfigError` at once.
    ``first_attempt`` is set once the first attempt has opened the store or failed.
    """
    backoff = Backoff(base=1.0, cap=30.0)
    opener = partial(open_store, url, history=history)
    first_attempt = trio.Event() if first_attempt is None else first_attempt
    while True:
        try:
            store.attach(await trio.to_thread.run_sync(opener, abandon_on_cancel=True))
        except StoreError as exc:
            if url.startswith("sqlite:"):
                raise
            store.not_yet(f"store not reachable yet: {exc}")
            first_attempt.set()
            if backoff.failures == 0:
                log.warning("store not reachable yet (%s); retrying with backoff", exc)
            await trio.sleep(backoff.next_delay())
            continue
        first_attempt.set()
        if backoff.failures:
            log.info("store reachable after %d failed attempts", backoff.failures)
        return
