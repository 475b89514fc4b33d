"""ecoboard: live weather, air quality and sports on a 128x64 LED matrix and a phone dashboard.

The record names (``Record``, ``KINDS``, ``iso_utc``, ``thaw``, ``utc_instant``) are imported on first
use: the command line catches stop signals before anything heavier than this is loaded.
"""

from typing import TYPE_CHECKING, Any

from ._errors import (
    BusAuthError,
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
from ._version import USER_AGENT, __version__

if TYPE_CHECKING:
    from ._record import KINDS, Record, iso_utc, thaw, utc_instant

_RECORD_NAMES = frozenset({"KINDS", "Record", "iso_utc", "thaw", "utc_instant"})

__all__ = [
    "KINDS",
    "USER_AGENT",
    "BusAuthError",
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


def __getattr__(name: str) -> Any:
    """A record name, imported from :mod:`ecoboard._record` on first use."""
    if name in _RECORD_NAMES:
        from . import _record  # on first use, see the module docstring

        return getattr(_record, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
