"""The record: the unit that flows from fetchers through the store and bus to the renderer and API.

A record is immutable. Its ``data`` is the normalized payload for its ``kind`` (documented in
``docs/records.md`` and validated by the fetchers before a record is written). Instants are aware
``datetime`` objects in UTC; on the wire they are ISO-8601 strings with an offset.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any

KINDS: tuple[str, ...] = ("weather", "aqi", "mlb", "nfl", "sun_moon")
"""Every fetched record kind (each has providers), in display order."""

REMINDER_KIND = "reminder"
"""The kind of the reminder page's acknowledgement, written by the API (``POST /api/v1/reminder/done``),
not fetched: ``data`` is ``{"done_at": <instant> | null}`` (docs/records.md)."""

CONDITIONS: tuple[str, ...] = (
    "clear", "mostly_clear", "partly_cloudy", "cloudy", "fog", "drizzle", "freezing_drizzle", "rain",
    "heavy_rain", "freezing_rain", "snow", "heavy_snow", "snow_grains", "rain_showers", "snow_showers",
    "thunderstorm", "thunderstorm_hail", "dust", "unknown",
)
"""The closed set of weather conditions in ``weather`` data (docs/records.md): every provider's codes
map onto it, and the renderer and dashboard choose icons and words by it."""


def utc_instant(value: datetime | str) -> datetime:
    """Return ``value`` as an aware UTC datetime; naive values are rejected."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo is UTC:  # already UTC: no conversion (the render loop asks this every frame)
        return value
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"expected an aware instant with a UTC offset, got naive {value.isoformat()}")
    return value.astimezone(UTC)


def iso_utc(value: datetime) -> str:
    """Format an aware instant as ISO-8601 in UTC with a ``+00:00`` offset."""
    return utc_instant(value).isoformat()


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


def thaw(value: Any) -> Any:
    """Return a plain JSON-ready copy (dicts and lists) of frozen record data."""
    if isinstance(value, Mapping):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [thaw(v) for v in value]
    return value


@dataclass(frozen=True, slots=True)
class Record:
    """One version of one kind's normalized data."""

    kind: str
    version: int
    fetched_at: datetime
    valid_until: datetime
    source: str
    data: Mapping[str, Any] = field(repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "fetched_at", utc_instant(self.fetched_at))
        object.__setattr__(self, "valid_until", utc_instant(self.valid_until))
        if not isinstance(self.data, MappingProxyType):
            object.__setattr__(self, "data", _freeze(self.data))

    def is_stale(self, now: datetime) -> bool:
        """True once ``now`` is past ``valid_until``."""
        return utc_instant(now) > self.valid_until

    def age_seconds(self, now: datetime) -> float:
        """Seconds since the provider data was fetched."""
        return (utc_instant(now) - self.fetched_at).total_seconds()

    def to_json(self) -> dict[str, Any]:
        """The record as a JSON-ready dict (the API and bus wire shape)."""
        return {
            "kind": self.kind,
            "version": self.version,
            "fetched_at": iso_utc(self.fetched_at),
            "valid_until": iso_utc(self.valid_until),
            "source": self.source,
            "data": thaw(self.data),
        }

    def dumps(self) -> str:
        """The record as compact JSON text."""
        return json.dumps(self.to_json(), separators=(",", ":"), ensure_ascii=False)

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> Record:
        """Build a record from its JSON shape (as produced by :meth:`to_json`)."""
        return cls(
            kind=str(obj["kind"]),
            version=int(obj["version"]),
            fetched_at=utc_instant(obj["fetched_at"]),
            valid_until=utc_instant(obj["valid_until"]),
            source=str(obj["source"]),
            data=obj["data"],
        )
