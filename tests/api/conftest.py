"""Fixtures of the API tests: ``pg``, the throwaway PostgreSQL of tests/store, for tests that stall it."""

from ..store.conftest import pg  # noqa: F401  (a fixture, found by its name)
