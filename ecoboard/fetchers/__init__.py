"""Fetchers: EXTRACT (httpx), TRANSFORM (pure, per provider), LOAD (store write + bus publish)."""

from ._provider import FetchContext, Provider, RequestSpec

__all__ = ["FetchContext", "Provider", "RequestSpec"]
