"""The app class: a QuartTrio app that carries its dependencies and its fan-out as typed attributes."""

from __future__ import annotations

from typing import cast

from quart import current_app
from quart_trio import QuartTrio

from .._record import KINDS, REMINDER_KIND
from ._deps import ApiDeps
from ._failure import TaskFailure
from ._hub import RecordHub
from ._outage import OutageLog


class EcoboardApp(QuartTrio):
    """The API app; built only by :func:`ecoboard.api.create_app`."""

    deps: ApiDeps
    hub: RecordHub
    store_outage: OutageLog
    bus_outage: OutageLog
    failure: TaskFailure


def this_app() -> EcoboardApp:
    """The app serving the current request."""
    return cast(EcoboardApp, current_app)


def known_kinds(app: EcoboardApp) -> list[str]:
    """Every kind the API answers for: ecoboard's kinds, then any other configured kind by name."""
    extra = sorted(kind for kind in app.deps.config.providers if kind not in KINDS)
    return [*KINDS, *extra]


def record_kinds(app: EcoboardApp) -> list[str]:
    """Every kind the record routes answer for: :func:`known_kinds`, then ``reminder`` (written by the API)."""
    return [*known_kinds(app), REMINDER_KIND]
