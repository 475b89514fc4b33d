"""One coordinator per kind (Home Assistant's DataUpdateCoordinator pattern): it owns the polling
period, the last good record, the last error and the failure count, and runs EXTRACT → TRANSFORM →
validate → LOAD for its provider.

Policy:

- success: the next fetch is ``provider.next_poll(data)`` seconds later; the failure count resets;
- failure (any :class:`FetchError` or :class:`StoreError`): nothing is written, the last good
  record stays current, and the next attempt comes after a capped exponential backoff with jitter
  (``BACKOFF_BASE`` doubling up to ``BACKOFF_CAP``, and never later than the normal period);
- 403/429 honour Retry-After (up to ``MAX_RETRY_AFTER``), else back off at least ``RATE_LIMIT_FLOOR``;
- logging is edge-triggered: one error when the source goes bad, one info line when it recovers;
- a provider's follow-up requests (``Provider.follow_up``) are asked one by one after the first
  answers. A failed required one (``RequestSpec.required``, the default) fails the fetch like a failed
  first request; a failed optional one is left out of the answers (the other follow-ups' answers
  stay), the record is written without it, and it is logged the same edge-triggered way.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

import httpx
import trio

from .._backoff import Backoff
from .._errors import BusError, FetchError, RateLimitedError, StoreError
from .._record import Record
from ..bus import Bus
from ..config import Config, ProviderSettings
from ..store import AsyncStore
from ._extract import extract
from ._limiter import RateLimiter
from ._provider import FetchContext, Provider, RequestSpec
from ._schema import transform_answers

log = logging.getLogger(__name__)

BACKOFF_BASE = 5.0
BACKOFF_CAP = 300.0
RATE_LIMIT_FLOOR = 60.0
MAX_RETRY_AFTER = 6 * 3600.0

REPLAY_SOURCE_PREFIX = "replay:"
"""The record's ``source`` is this plus the provider's name when the answers came from recordings
(``config.replay_dir``), never live."""

State = Literal["starting", "ok", "failing", "unavailable"]


def wall_clock() -> datetime:
    """The current instant in UTC."""
    return datetime.now(UTC)


def stale_after(delay: float) -> float:
    """Seconds after a fetch when its record turns stale: one missed poll plus some grace (C25)."""
    return delay + max(30.0, delay / 2)


@dataclass(frozen=True)
class FetcherStatus:
    """A snapshot of one kind's fetcher, for the status page and ``/readyz``.

    ``state``: ``starting`` (no attempt finished yet), ``ok`` (the last attempt succeeded), ``failing``
    (the last attempt failed; the last good record is served), ``unavailable`` (failing and no
    good record ever: show "waiting").
    """

    kind: str
    provider: str
    state: State
    version: int | None
    valid_until: datetime | None
    last_success_at: datetime | None
    last_attempt_at: datetime | None
    last_error: str | None
    consecutive_failures: int
    next_attempt_at: datetime | None
    calls_today: int

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict (instants as ISO text)."""
        out: dict[str, Any] = {}
        for key, value in self.__dict__.items():
            out[key] = value.isoformat() if isinstance(value, datetime) else value
        return out


class Coordinator:
    """Fetches one kind from one provider and keeps its last good record. See the module docstring."""

    def __init__(
        self,
        provider: Provider,
        config: Config,
        *,
        client: httpx.AsyncClient,
        store: AsyncStore,
        bus: Bus | None = None,
        limiter: RateLimiter | None = None,
        api_key: str | None = None,
        clock: Callable[[], datetime] = wall_clock,
        rng: random.Random | None = None,
    ) -> None:
        self.provider = provider
        self.kind = provider.kind
        self.config = config
        self.settings = config.providers.get(self.kind) or ProviderSettings(provider=provider.name)
        self.client, self.store, self.bus = client, store, bus
        # records made from recordings say so, wherever they are shown (status page, dashboard, API)
        self.source = f"{REPLAY_SOURCE_PREFIX}{provider.name}" if config.replay_dir else provider.name
        self.limiter = limiter or RateLimiter()
        self._api_key = api_key
        self.clock = clock
        self.backoff = Backoff(base=BACKOFF_BASE, cap=BACKOFF_CAP, rng=rng or random.Random())
        self.last_good: Record | None = None
        self.last_success_at: datetime | None = None
        self.last_attempt_at: datetime | None = None
        self.last_error: str | None = None
        self.consecutive_failures = 0
        self.attempts = 0
        self.next_attempt_at: datetime | None = None
        self.normal_delay = self.settings.period
        self.unannounced: BusError | None = None
        """Why the last written record could not be announced on the bus (``None``: it was)."""
        self.follow_up_error: str | None = None
        """Why optional follow-up requests last failed (``None``: the last ones asked were answered)."""

    def context(self) -> FetchContext:
        """The context of an attempt made now."""
        return FetchContext(now=self.clock(), config=self.config, settings=self.settings, api_key=self._api_key)

    async def load_last_good(self) -> None:
        """Adopt the store's current record of this kind as the last good one (absorbs StoreError)."""
        try:
            self.last_good = await self.store.latest(self.kind)
        except StoreError as exc:
            log.warning("%s: cannot read the last record from the store: %s", self.kind, exc)
            return
        if self.last_good is not None:
            self.last_success_at = self.last_good.fetched_at

    async def refresh(self, *, log_failure: bool = True) -> Record:
        """One fetch: EXTRACT, TRANSFORM, validate, LOAD (write, then publish).

        Returns the written record. Raises :class:`FetchError` or :class:`StoreError` (nothing
        written; the last good record stays current); a bug in a provider propagates as is.
        Status fields are updated either way; ``log_failure=False`` leaves reporting to the caller.
        """
        ctx = self.context()
        self.last_attempt_at = ctx.now
        try:
            record = await self._fetch_and_load(ctx, log_failure)
        except (FetchError, StoreError) as exc:
            self._failed(exc, log_it=log_failure)
            raise
        except Exception as exc:
            self._failed(exc, bug=True, log_it=log_failure)
            raise
        self._succeeded(record)
        return record

    async def _extract(self, specs: list[RequestSpec], ctx: FetchContext) -> dict[str, Any]:
        return await extract(
            self.provider,
            specs,
            self.client,
            request_timeout=self.settings.timeout,
            now=ctx.now,
            before_request=self.limiter.wait,
        )

    async def _follow_up(self, answers: dict[str, Any], ctx: FetchContext) -> dict[str, Any]:
        """The answers of the provider's follow-up requests, asked one by one in the provider's order.

        A failed required one raises its :class:`FetchError`; a failed optional one is left out.
        """
        specs = self.provider.follow_up(answers, ctx) if self.provider.follow_up else []
        found: dict[str, Any] = {}
        failures: list[str] = []
        for spec in specs:
            try:
                found |= await self._extract([spec], ctx)
            except FetchError as exc:
                if spec.required:
                    raise
                failures.append(str(exc))
        if any(not spec.required for spec in specs):
            self._optional_outcome(failures)
        return found

    def _optional_outcome(self, failures: list[str]) -> None:
        """Log edge-triggered whether the optional follow-ups asked in one fetch failed or are answered again."""
        if failures:
            if self.follow_up_error is None:
                log.warning(
                    "%s: follow-up request failed, the record is written without it: %s", self.kind, "; ".join(failures)
                )
            self.follow_up_error = "; ".join(failures)
            return
        if self.follow_up_error is not None:
            log.info("%s: follow-up requests answered again", self.kind)
        self.follow_up_error = None

    async def _fetch_and_load(self, ctx: FetchContext, log_failure: bool) -> Record:
        answers = await self._extract(self.provider.requests(ctx), ctx)
        answers |= await self._follow_up(answers, ctx)
        # CPU work (transform, schema check) runs in a worker thread so the render loop keeps its pace
        data, delay = await trio.to_thread.run_sync(transform_answers, self.provider, self.kind, answers, ctx)
        record = await self.store.write(
            self.kind,
            fetched_at=ctx.now,
            valid_until=ctx.now + timedelta(seconds=stale_after(delay)),
            source=self.source,
            data=data,
        )
        self.normal_delay = delay
        await self._publish(record, log_failure)
        return record

    async def _publish(self, record: Record, log_failure: bool) -> None:
        if self.bus is None:
            return
        try:
            await self.bus.publish("update", {"kind": record.kind, "version": record.version})
        except BusError as exc:  # the row is committed; subscribers re-read the store on reconnect
            if log_failure and self.unannounced is None:
                log.warning("%s: version %d written but not announced: %s", self.kind, record.version, exc)
            self.unannounced = exc
        else:
            self.unannounced = None

    def _succeeded(self, record: Record) -> None:
        if self.consecutive_failures:
            log.info(
                "%s from %s recovered after %d failed attempts (version %d)",
                self.kind,
                self.provider.name,
                self.consecutive_failures,
                record.version,
            )
        self.attempts += 1
        self.last_good = record
        self.last_success_at = record.fetched_at
        self.last_error = None
        self.consecutive_failures = 0
        self.backoff.reset()

    def _failed(self, exc: Exception, *, bug: bool = False, log_it: bool = True) -> None:
        self.attempts += 1
        self.consecutive_failures += 1
        self.last_error = str(exc) if not bug else f"{type(exc).__name__}: {exc}"
        if not log_it:
            return
        if self.consecutive_failures > 1:
            log.debug("%s: still failing (%d): %s", self.kind, self.consecutive_failures, self.last_error)
            return
        serving = f"serving version {self.last_good.version}" if self.last_good else "no good record yet"
        if bug:
            log.exception("%s from %s failed with an unexpected error (%s)", self.kind, self.provider.name, serving)
        else:
            log.error("%s from %s failing (%s): %s", self.kind, self.provider.name, serving, self.last_error)

    def delay_after(self, exc: BaseException | None) -> float:
        """Seconds until the next attempt after a success (``None``) or the failure ``exc``."""
        if exc is None:
            return self.normal_delay
        if isinstance(exc, RateLimitedError) and exc.retry_after is not None:
            return min(max(exc.retry_after, 1.0), MAX_RETRY_AFTER)
        delay = min(self.backoff.next_delay(), max(self.normal_delay, BACKOFF_BASE))
        if isinstance(exc, RateLimitedError):
            delay = max(delay, RATE_LIMIT_FLOOR)
        return delay

    async def attempt(self) -> float:
        """One refresh that never raises (errors are recorded and logged); returns the next delay."""
        try:
            await self.refresh()
        except (FetchError, StoreError) as exc:
            return self.delay_after(exc)
        except Exception as exc:  # noqa: BLE001  a provider bug: refresh() logged its traceback; keep polling (C30)
            return self.delay_after(exc)
        return self.delay_after(None)

    async def run(self, *, task_status: trio.TaskStatus[Coordinator] = trio.TASK_STATUS_IGNORED) -> None:
        """Poll forever: never returns unless cancelled.

        Adopts the store's current record, then attempts a fetch, calls ``task_status.started(self)``
        after that first attempt (whatever its outcome), and sleeps the delay chosen by the policy
        between attempts. Absorbs and logs every fetch, store, bus and provider error; propagates
        only cancellation.
        """
        await self.load_last_good()
        started = False
        while True:
            delay = await self.attempt()
            self.next_attempt_at = self.clock() + timedelta(seconds=delay)
            if not started:
                task_status.started(self)
                started = True
            await trio.sleep(delay)

    def status(self) -> FetcherStatus:
        """A snapshot of this fetcher's state."""
        if self.attempts == 0:
            state: State = "starting"
        elif self.consecutive_failures == 0:
            state = "ok"
        else:
            state = "failing" if self.last_good is not None else "unavailable"
        good = self.last_good
        return FetcherStatus(
            kind=self.kind,
            provider=self.provider.name,
            state=state,
            version=good.version if good else None,
            valid_until=good.valid_until if good else None,
            last_success_at=self.last_success_at,
            last_attempt_at=self.last_attempt_at,
            last_error=self.last_error,
            consecutive_failures=self.consecutive_failures,
            next_attempt_at=self.next_attempt_at,
            calls_today=self.limiter.calls_today(),
        )
