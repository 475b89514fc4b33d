"""A background task of the server (the SSE fan-out) that dies of an unexpected error stops the server.

Serving on without it would be worse than stopping: every live dashboard would freeze on stale data
while ``/readyz`` said ready. So the error is logged once with its traceback, the server stops at
once (open requests get the graceful timeout) and :func:`~ecoboard.api.serve_api` raises
:class:`ServerTaskFailed`: ``ecoboard api`` and ``ecoboard run`` exit with one error line and status
2, and the supervisor (Kubernetes, systemd) restarts them.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import trio

from .._errors import EcoboardError
from .._urls import redact_urls_in

log = logging.getLogger(__name__)


class ServerTaskFailed(EcoboardError):
    """A task the server cannot serve correctly without died; the server stopped."""


def _innermost(error: BaseException) -> BaseException:
    """The one error inside nested single-member exception groups (trio nurseries wrap what they raise)."""
    while isinstance(error, BaseExceptionGroup) and len(error.exceptions) == 1:
        error = error.exceptions[0]
    return error


class TaskFailure:
    """The first unexpected error of a server task, and an event set when there is one."""

    def __init__(self) -> None:
        self.error: ServerTaskFailed | None = None
        self._event = trio.Event()

    def record(self, task: str, error: Exception) -> None:
        """Note that ``task`` died of ``error``: log it, and have the server stop."""
        inner = _innermost(error)
        first_line = redact_urls_in(str(inner).splitlines()[0] if str(inner) else "")
        log.error("%s stopped on an unexpected error; stopping the server", task, exc_info=error)
        if self.error is None:
            what = f"{type(inner).__name__}: {first_line}" if first_line else type(inner).__name__
            self.error = ServerTaskFailed(f"{task} stopped on an unexpected error ({what}); the server stopped with it")
        self._event.set()

    async def wait(self) -> None:
        """Return once a task has failed."""
        await self._event.wait()

    def raise_if_failed(self) -> None:
        """Raise the :class:`ServerTaskFailed` of the first failure, if any."""
        if self.error is not None:
            raise self.error


async def run_guarded(
    failure: TaskFailure,
    task: str,
    run: Callable[..., Awaitable[None]],
    *,
    task_status: trio.TaskStatus[None] = trio.TASK_STATUS_IGNORED,
) -> None:
    """``await run(task_status=...)``; an unexpected error is noted in ``failure`` (reported started
    anyway, so the server's start-up completes and then stops) instead of escaping into the lifespan,
    where hypercorn would log it and keep serving."""
    started = False

    class _Status:
        def started(self, value: None = None) -> None:
            nonlocal started
            started = True
            task_status.started(value)

    try:
        await run(task_status=_Status())
    except Exception as error:  # noqa: BLE001  any error of the task: it must stop the server, not vanish
        failure.record(task, error)
        if not started:
            task_status.started()
