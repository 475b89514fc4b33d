"""The record store: the latest record per kind, a bounded history, the page cycle, startups."""

from ._base import RecordStore, Startup

__all__ = ["RecordStore", "Startup"]
