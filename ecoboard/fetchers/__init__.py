"""Fetchers: EXTRACT (httpx), TRANSFORM (pure, per provider), LOAD (store write + bus publish)."""

from ._client import DEFAULT_LIMITS, DEFAULT_TIMEOUT, make_client
from ._coordinator import Coordinator, FetcherStatus
from ._extract import parse_retry_after
from ._keys import connection_urls, missing_key_problem, resolve_api_key
from ._limiter import Limiters, RateLimiter
from ._options import check_provider_options
from ._provider import FetchContext, OptionError, Provider, RequestSpec
from ._replay import ReplayTransport
from ._run import fetch_once, make_coordinator, provider_for, run_fetcher, run_fetchers
from ._schema import transform_answers, validate_data

__all__ = [
    "DEFAULT_LIMITS",
    "DEFAULT_TIMEOUT",
    "Coordinator",
    "FetchContext",
    "FetcherStatus",
    "Limiters",
    "OptionError",
    "Provider",
    "RateLimiter",
    "ReplayTransport",
    "RequestSpec",
    "check_provider_options",
    "connection_urls",
    "fetch_once",
    "make_client",
    "make_coordinator",
    "missing_key_problem",
    "parse_retry_after",
    "provider_for",
    "resolve_api_key",
    "run_fetcher",
    "run_fetchers",
    "transform_answers",
    "validate_data",
]
