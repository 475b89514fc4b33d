"""``/api/v1/board``: what the dashboard needs to show things as the board does, store or no store.

The time zone, units and followed teams are configuration, not records, so they are answered while
the record store is down too: a phone opened during an outage still shows every time in the board's
zone, as the panel does. ``store`` says whether the store answers now (one ping, within the health
check's deadline), so the dashboard can say that the data it shows is not current.
"""

from __future__ import annotations

from quart import Blueprint, Response

from .._errors import StoreError
from ..sports import ABBREVIATION_ALIASES
from ._context import this_app
from ._health import check_store
from ._json import json_response

bp = Blueprint("board", __name__, url_prefix="/api/v1")


@bp.get("/board")
async def board() -> Response:
    """``timezone``, ``units``, followed ``teams`` per league (as configured: abbreviations or ids),
    ``team_aliases`` (spellings the board takes for one team) and ``store`` (``ok`` or ``unreachable``)."""
    app = this_app()
    config = app.deps.config
    answer = await check_store(app, app.deps.store.ping)
    return json_response(
        {
            "timezone": config.timezone,
            "units": config.units,
            "teams": {"mlb": list(config.teams.mlb), "nfl": list(config.teams.nfl)},
            "team_aliases": dict(ABBREVIATION_ALIASES),
            "store": "unreachable" if isinstance(answer, StoreError) else "ok",
        }
    )
