"""ecoboard: live weather, air quality and sports on a 128x64 LED matrix and a phone dashboard."""

from ._errors import (
    BusError,
    ConfigError,
    EcoboardError,
    FetchError,
    PayloadError,
    ProviderError,
    RateLimitedError,
    SecretError,
    StoreError,
    TransportError,
)
from ._record import KINDS, Record, iso_utc, thaw, utc_instant
from ._version import USER_AGENT, __version__

__all__ = [
    "KINDS",
    "USER_AGENT",
    "BusError",
    "ConfigError",
    "EcoboardError",
    "FetchError",
    "PayloadError",
    "ProviderError",
    "RateLimitedError",
    "Record",
    "SecretError",
    "StoreError",
    "TransportError",
    "__version__",
    "iso_utc",
    "thaw",
    "utc_instant",
]
