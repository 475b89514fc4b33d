from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ecoboard.store import open_store

from .backends import BACKENDS, temp_store_url
from .pg_server import PgServer


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with temp_store_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def store(store_url: str) -> Iterator[object]:
    s = open_store(store_url, history=5)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture(scope="module")
def pg() -> Iterator[PgServer]:
    """A throwaway PostgreSQL per test module, for tests that stop, pause or kill it."""
    server = PgServer()
    server.start()
    try:
        yield server
    finally:
        server.resume()
        server.remove()
