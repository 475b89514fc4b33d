"""View caching: what a page computes from its data (strings, icons, places) is built once per record.

Pages are drawn 60 times a second from the same records. The text a page shows (converted units,
formatted times, chosen names, the columns it fills) changes only when a record, the config, the
options or the clock at the page's own granularity (a minute, a second) changes, so a page builds it
with :func:`per_record` and draws it on every frame. This caches data, not frames: the drawing itself
runs every frame.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

_memo: dict[str, tuple[object, Hashable, Any]] = {}


def per_record(slot: str, record: object, key: Hashable, build: Callable[[], T]) -> T:
    """``build()`` once per record object and ``key``; ``slot`` (a page name) keeps only its latest result.

    ``record`` is compared by identity (records are immutable; a new version is a new object), ``key``
    (config, options, the minute...) by equality.
    """
    hit = _memo.get(slot)
    if hit is not None and hit[0] is record and hit[1] == key:
        return hit[2]
    value = build()
    _memo[slot] = (record, key, value)
    return value
