"""The Redis bus (cluster mode): pub/sub on ``update`` and ``control`` with redis-py.

URL: ``redis://[:password@]host:port/db`` (or ``rediss://``) plus one ecoboard parameter,
``prefix=TEXT``, prepended to both channel names so parallel test runs or several boards on one Redis
do not hear each other. A ``:`` is added unless TEXT already ends with a separator (one of
``:./-_``): ``prefix=board1`` and ``prefix=board1:`` both give ``board1:update``, ``prefix=board1-``
gives ``board1-update``. Without it (or with it empty) the channels are exactly ``update`` and
``control``.

redis-py is blocking, so every call runs in ``trio.to_thread.run_sync``. The subscriber polls
``get_message`` with a short timeout in a worker thread and forwards into a bounded
:class:`~ecoboard.bus._mailbox.Mailbox`.

Liveness: a server that stops answering without closing the connection (stopped, or a network
partition that sends no reset) raises no error on a subscription. So the subscriber sends a PING on
its connection after :data:`PING_SECONDS` without hearing anything, and counts the connection lost
when an answer (to the SUBSCRIBE or the PING) takes longer than :data:`ANSWER_SECONDS`: it yields
``disconnected``, subscribes again on a new connection with backoff and yields ``connected`` once
Redis confirms the subscription. A first attempt that fails yields ``disconnected`` too: a consumer
that started while Redis is away knows it is away, not still connecting.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import redis
import trio
from redis.backoff import NoBackoff
from redis.retry import Retry

from .._backoff import Backoff
from .._errors import BusAuthError, BusError
from .._urls import pop_query_param, redact_url, safe_cause, scrub
from ._base import CHANNELS, BusMessage, Channel
from ._mailbox import DEFAULT_SIZE, Mailbox
from ._memory import Subscription

log = logging.getLogger(__name__)

_POLL_SECONDS = 0.2
_SOCKET_TIMEOUT = 5.0
PING_SECONDS = 1.0
"""A subscription that heard nothing for this long sends a PING on its connection."""
ANSWER_SECONDS = 3.0
"""A SUBSCRIBE or PING unanswered for this long: the connection counts as lost. With
:data:`PING_SECONDS` and the polling it stays under the socket timeout, so a stall long enough to
fail a publish (the update is lost) is always noticed by every subscription (which re-reads)."""
PREFIX_SEPARATORS = ":./-_"
"""A prefix ending in one of these is used as given; any other non-empty prefix gets a ``:``."""


def channel_prefix(text: str | None) -> str:
    """The text put before each channel name for the URL's ``prefix`` value (``None``: no prefix)."""
    if not text:
        return ""
    return text if text[-1] in PREFIX_SEPARATORS else f"{text}:"


class RedisBus:
    """Publish and subscribe over Redis pub/sub; see the module docstring for the URL."""

    def __init__(self, url: str, *, queue_size: int = DEFAULT_SIZE, backoff_cap: float = 30.0) -> None:
        self._url, prefix = pop_query_param(url, "prefix")
        self.prefix = channel_prefix(prefix)
        self.label = f"redis bus {redact_url(self._url)}"
        self.queue_size = queue_size
        self.backoff_cap = backoff_cap
        try:
            self._client = self._new_client()
            # no retries inside redis-py: a subscription it re-made silently would yield no ``connected``
            self._subscriber = self._new_client(retry=Retry(NoBackoff(), 0))
        except (redis.RedisError, ValueError) as exc:
            raise BusError(f"{self.label}: invalid URL: {self._shown(exc)}") from safe_cause(exc, self._url)

    def _shown(self, exc: BaseException) -> str:
        """A redis-py error as a message shows it: none of the URL's secrets."""
        return scrub(str(exc), self._url)

    def _failure(self, what: str, exc: redis.RedisError | OSError) -> BusError:
        """``exc`` (from redis-py) as the :class:`BusError` to raise: a :class:`BusAuthError` saying the
        password is wrong or missing when Redis refused the URL's credentials."""
        if isinstance(exc, redis.AuthenticationError):
            return BusAuthError(self._auth_problem(exc))
        return BusError(f"{self.label}: {what} failed: {self._shown(exc)}")

    def _auth_problem(self, exc: redis.AuthenticationError) -> str:
        if not self._client.connection_pool.connection_kwargs.get("password"):
            return f"{self.label}: Redis requires a password and the bus URL gives none"
        said = self._shown(exc).rstrip(".")
        return f"{self.label}: Redis refused the password in the bus URL (a wrong password, or a disabled user: {said})"

    async def check_credentials(self) -> None:
        """PING Redis; raise :class:`BusAuthError` when it refuses the URL's credentials. Any other
        failure (Redis unreachable) is left to the publish that follows, which reports it."""
        try:
            await trio.to_thread.run_sync(self._client.ping)
        except redis.AuthenticationError as exc:
            raise self._failure("ping", exc) from safe_cause(exc, self._url)
        except (redis.RedisError, OSError) as exc:
            log.debug("%s: credentials not checked: %s", self.label, self._shown(exc))

    def _new_client(self, **options: Any) -> redis.Redis:
        return redis.Redis.from_url(
            self._url,
            socket_timeout=_SOCKET_TIMEOUT,
            socket_connect_timeout=_SOCKET_TIMEOUT,
            health_check_interval=0,
            **options,
        )

    def channel_name(self, channel: str) -> str:
        """The Redis channel name of ``channel`` (with the prefix)."""
        return f"{self.prefix}{channel}"

    async def publish(self, channel: Channel, payload: dict[str, Any]) -> None:
        """Publish ``payload`` as JSON on ``channel``; raise :class:`BusError` when Redis is unreachable."""
        if channel not in CHANNELS:
            raise ValueError(f"unknown bus channel {channel!r}; expected one of {', '.join(CHANNELS)}")
        text = json.dumps(payload, separators=(",", ":"))
        try:
            await trio.to_thread.run_sync(self._client.publish, self.channel_name(channel), text)
        except (redis.RedisError, OSError) as exc:
            raise self._failure(f"publish on {channel}", exc) from safe_cause(exc, self._url)

    @asynccontextmanager
    async def subscribe(self, channels: tuple[Channel, ...] = CHANNELS) -> AsyncIterator[Subscription]:
        """Subscribe for the duration of the ``async with`` block; a reader task runs meanwhile."""
        mailbox = Mailbox(self.queue_size)
        async with trio.open_nursery() as nursery:
            nursery.start_soon(self._reader, channels, mailbox)
            try:
                yield Subscription(mailbox)
            finally:
                nursery.cancel_scope.cancel()

    async def _reader(self, channels: tuple[Channel, ...], mailbox: Mailbox) -> None:
        """Keep a Redis subscription alive and forward its messages into ``mailbox``.

        Never returns unless cancelled. Once Redis confirms a (re)subscribe it queues
        ``BusMessage("connected", {})``; when that connection is lost (an error, or no answer in
        time: see the module docstring), or the first attempt fails, it queues
        ``BusMessage("disconnected", {})``. Connection errors are absorbed: one warning when the
        connection is lost, then reconnect attempts with capped exponential backoff and jitter, and
        one info line on recovery. Malformed messages are logged and skipped.
        """
        names = {self.channel_name(c): c for c in channels}
        backoff = Backoff(base=0.2, cap=self.backoff_cap)
        lost = connected_once = False

        def subscribed() -> None:
            nonlocal lost, connected_once
            if lost:
                log.info("%s: reconnected after %d attempts", self.label, backoff.failures)
            lost = False
            connected_once = True
            backoff.reset()
            mailbox.put(BusMessage("connected", {}))

        while True:
            pubsub = self._subscriber.pubsub()
            try:
                await trio.to_thread.run_sync(pubsub.subscribe, *names)
                await self._listen(pubsub, names, mailbox, subscribed)
            except (redis.RedisError, OSError, _Silent) as exc:
                if not lost:  # the first failure of an outage, or of the very first attempt
                    if isinstance(exc, redis.AuthenticationError):
                        log.error("%s; a configuration error: retrying with backoff until it is corrected",
                                  self._auth_problem(exc))
                    else:
                        what = "subscription lost" if connected_once else "cannot subscribe"
                        log.warning("%s: %s (%s); reconnecting with backoff", self.label, what, self._shown(exc))
                    mailbox.put(BusMessage("disconnected", {}))
                lost = True
            finally:
                with trio.CancelScope(shield=True):
                    await trio.to_thread.run_sync(_close_quietly, pubsub, self._url)
            await trio.sleep(backoff.next_delay())

    async def _listen(
        self, pubsub: redis.client.PubSub, names: dict[str, Channel], mailbox: Mailbox, subscribed: Callable[[], None]
    ) -> None:
        """Read ``pubsub`` after its SUBSCRIBE was sent: call ``subscribed`` once every channel is
        confirmed, forward messages, PING when quiet. Raises :class:`_Silent` when an answer is late."""
        pending = set(names)
        heard = trio.current_time()
        asked: float | None = heard  # when the unanswered SUBSCRIBE or PING went out
        while True:
            raw = await trio.to_thread.run_sync(pubsub.get_message, False, _POLL_SECONDS)
            now = trio.current_time()
            if raw is not None:
                heard = now
                if raw["type"] == "message":
                    self._forward(raw, names, mailbox)
                elif raw["type"] == "subscribe" and pending:
                    pending.discard(_text(raw["channel"]))
                    if not pending:
                        subscribed()
                if not pending:
                    asked = None
            elif asked is not None and now - asked >= ANSWER_SECONDS:
                raise _Silent(f"no answer from Redis within {ANSWER_SECONDS:g} s")
            elif asked is None and now - heard >= PING_SECONDS:
                await trio.to_thread.run_sync(pubsub.ping)
                asked = now

    def _forward(self, raw: dict[str, Any], names: dict[str, Channel], mailbox: Mailbox) -> None:
        channel = _text(raw.get("channel"))
        try:
            payload = json.loads(raw["data"])
        except (TypeError, ValueError):
            log.warning("%s: ignoring a message that is not JSON on %s", self.label, channel)
            return
        if channel in names and isinstance(payload, dict):
            mailbox.put(BusMessage(names[channel], payload))
        else:
            log.warning("%s: ignoring a message on %s that is not a JSON object", self.label, channel)

    async def aclose(self) -> None:
        """Close the connection pools."""
        await trio.to_thread.run_sync(self._client.close)
        await trio.to_thread.run_sync(self._subscriber.close)


class _Silent(Exception):
    """Redis did not answer on a subscription's connection in time (stopped, or cut off without a reset)."""


def _text(value: Any) -> Any:
    return value.decode() if isinstance(value, bytes) else value


def _close_quietly(pubsub: redis.client.PubSub, url: str) -> None:
    try:
        pubsub.close()
    except (redis.RedisError, OSError) as exc:  # the connection is already gone; nothing to release
        log.debug("closing a dead pubsub connection: %s", scrub(str(exc), url))
