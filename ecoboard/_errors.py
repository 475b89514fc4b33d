"""ecoboard's error tree. Library exceptions (httpx, psycopg, redis, hvac, kubernetes) are translated
into these at the boundary that sees them, with ``raise ... from``, so callers never see library types.

    EcoboardError
    ├── ConfigError            a configuration file or value is invalid (names file, key path, expectation)
    ├── SecretError            a secret could not be read; never carries a secret value
    ├── FetchError             one fetch of one provider failed; nothing was written
    │   ├── TransportError     the request never got an answer (timeout, DNS, refused, reset)
    │   ├── ProviderError      the provider answered with an unusable HTTP status
    │   │   └── RateLimitedError   403 / 429: back off, honour ``retry_after``
    │   └── PayloadError       the answer did not parse or did not validate against the kind's schema
    ├── StoreError             the record store is unreachable or failed a transaction
    └── BusError               the update bus is unreachable
        └── BusAuthError       the bus refused the URL's password (wrong or missing): a configuration
                               problem, not an outage

Programming errors (TypeError, KeyError in our own code...) are not wrapped: they propagate.
"""

from __future__ import annotations


class EcoboardError(Exception):
    """Base of every error ecoboard raises on purpose."""


class ConfigError(EcoboardError):
    """A configuration value is invalid; the message names the file, the key path and the expectation."""


class SecretError(EcoboardError):
    """A secret could not be read. The message names the source and key, never the value."""


class FetchError(EcoboardError):
    """One fetch from one provider failed. ``provider`` names it; nothing was written."""

    def __init__(self, message: str, *, provider: str = "") -> None:
        super().__init__(message)
        self.provider = provider


class TransportError(FetchError):
    """The request got no answer: timeout, DNS failure, refused or reset connection."""


class ProviderError(FetchError):
    """The provider answered with an HTTP status we cannot use."""

    def __init__(self, message: str, *, provider: str = "", status_code: int = 0) -> None:
        super().__init__(message, provider=provider)
        self.status_code = status_code


class RateLimitedError(ProviderError):
    """403 or 429: the provider asks us to slow down. ``retry_after`` is in seconds when given."""

    def __init__(
        self, message: str, *, provider: str = "", status_code: int = 429, retry_after: float | None = None
    ) -> None:
        super().__init__(message, provider=provider, status_code=status_code)
        self.retry_after = retry_after


class PayloadError(FetchError):
    """The answer did not parse as JSON or did not validate against the kind's schema."""


class StoreError(EcoboardError):
    """The record store is unreachable or a transaction failed."""


class BusError(EcoboardError):
    """The update bus is unreachable."""


class BusAuthError(BusError):
    """The bus refused the credentials in its URL (a wrong or missing password, a disabled user).

    Retrying does not help until the configuration is corrected; a one-shot command reports it as a
    configuration error, a long-running one logs it as such and keeps retrying (a rotated password).
    """
