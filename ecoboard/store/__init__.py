"""The record store: the latest record per kind, a bounded history, the page cycle, startups."""

from ._async import AsyncStore
from ._base import RecordStore, Startup
from ._migrations import MIGRATIONS
from ._open import check_store_url, open_store, open_when_reachable
from ._sqlite import sqlite_path

__all__ = [
    "MIGRATIONS",
    "AsyncStore",
    "RecordStore",
    "Startup",
    "check_store_url",
    "open_store",
    "open_when_reachable",
    "sqlite_path",
]
