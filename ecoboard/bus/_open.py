"""Open a bus from its URL."""

from __future__ import annotations

from .._errors import BusError
from ._memory import MemoryBus
from ._redis import RedisBus


def open_bus(url: str, *, queue_size: int = 64) -> MemoryBus | RedisBus:
    """The bus at ``url``: ``memory://`` (a new in-process bus) or ``redis://``/``rediss://``.

    Opening does not connect: Redis is reached on the first publish or subscribe.
    """
    if url.startswith("memory:"):
        return MemoryBus(queue_size=queue_size)
    if url.startswith(("redis:", "rediss:")):
        return RedisBus(url, queue_size=queue_size)
    scheme = url.split(":", 1)[0]
    raise BusError(f"bus.url: expected memory:// or a redis:// URL, got scheme {scheme!r}")
