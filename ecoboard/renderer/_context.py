"""What a page sees: the page context (records, time, config, options, health) and per-kind health."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any

from .._record import Record
from ..config import Config


@dataclass(frozen=True)
class KindHealth:
    """How one kind's data source is doing, as the fetchers/sync task report it."""

    ok: bool = True
    stale: bool = False
    last_success_at: datetime | None = None
    last_error: str | None = None
    consecutive_failures: int = 0


def _frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return mapping if isinstance(mapping, MappingProxyType) else MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class PageContext:
    """Everything a page function may read. Pages are pure functions of ``(canvas, ctx)``.

    ``records`` holds the latest record per kind; ``now`` is an aware instant; ``options`` are the
    page's ``PageSpec.options``; ``frame_index`` counts frames since this page became current and
    ``page_elapsed`` the seconds since then.
    """

    records: Mapping[str, Record]
    now: datetime
    config: Config = field(default_factory=Config)
    options: Mapping[str, Any] = field(default_factory=dict)
    health: Mapping[str, KindHealth] = field(default_factory=dict)
    frame_index: int = 0
    page_elapsed: float = 0.0
    paused: bool = False

    def __post_init__(self) -> None:
        if self.now.tzinfo is None or self.now.utcoffset() is None:
            raise ValueError("PageContext.now must be an aware datetime")
        object.__setattr__(self, "records", _frozen(self.records))
        object.__setattr__(self, "options", _frozen(self.options))
        object.__setattr__(self, "health", _frozen(self.health))

    def is_stale(self, kind: str) -> bool:
        """True when ``kind``'s source reports stale data or its record is past ``valid_until``."""
        health = self.health.get(kind)
        if health is not None and health.stale:
            return True
        record = self.records.get(kind)
        return record is not None and record.is_stale(self.now)
