"""Open a bus from its URL."""

from __future__ import annotations

from .._errors import ConfigError
from .._url_checks import BUS_EXPECTATION, bus_url_problem, url_problem_message
from ._memory import MemoryBus
from ._redis import RedisBus


def open_bus(url: str, *, queue_size: int = 64) -> MemoryBus | RedisBus:
    """The bus at ``url``: ``memory://`` (a new in-process bus) or ``redis://``/``rediss://``.

    Opening does not connect: Redis is reached on the first publish or subscribe. Raises
    :class:`ConfigError` when ``url`` is not one of a bus, cannot be read as one, or sets a query
    parameter redis-py does not take (see :mod:`ecoboard._url_checks`).
    """
    problem = bus_url_problem(url)
    if problem is not None:
        raise ConfigError(url_problem_message("bus.url", BUS_EXPECTATION, url, problem))
    if url.startswith("memory:"):
        return MemoryBus(queue_size=queue_size)
    return RedisBus(url, queue_size=queue_size)
