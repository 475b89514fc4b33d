from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from ecoboard.config import Config, load_config
from ecoboard.store import AsyncStore, open_store

from ..store.backends import BACKENDS, temp_store_url


@pytest.fixture(params=BACKENDS)
async def astore(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[AsyncStore]:
    with temp_store_url(request.param, tmp_path) as url:
        store = open_store(url)
        try:
            yield AsyncStore(store)
        finally:
            store.close()


@pytest.fixture
def config() -> Config:
    return load_config(None, environ={})
