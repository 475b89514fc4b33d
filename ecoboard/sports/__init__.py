"""ecoboard.sports: pure helpers over normalized games (docs/records.md), for the renderer, API and fetchers.

No I/O and no imports of httpx, the store or the bus: everything here is a function of its arguments.
"""

from ._bye import followed_byes, team_on_bye
from ._day import day_bounds, parse_instant, scoreboard_day
from ._labels import (
    POSTSEASON_WEEK_NAMES,
    doubleheader_label,
    final_label,
    inning_label,
    is_nfl,
    local_date_text,
    ordinal,
    period_label,
    start_label,
    status_label,
    week_label,
    week_short,
)
from ._poll import LEAD_SECONDS, next_poll_seconds
from ._select import ABBREVIATION_ALIASES, featured_game, is_followed, select_games, team_matches
from ._status import IN_PLAY, NOT_PLAYED, STATUSES, UPCOMING, has_started

__all__ = [
    "ABBREVIATION_ALIASES",
    "IN_PLAY",
    "LEAD_SECONDS",
    "NOT_PLAYED",
    "POSTSEASON_WEEK_NAMES",
    "STATUSES",
    "UPCOMING",
    "day_bounds",
    "doubleheader_label",
    "featured_game",
    "final_label",
    "followed_byes",
    "has_started",
    "inning_label",
    "is_followed",
    "is_nfl",
    "local_date_text",
    "next_poll_seconds",
    "ordinal",
    "parse_instant",
    "period_label",
    "scoreboard_day",
    "select_games",
    "start_label",
    "status_label",
    "team_matches",
    "team_on_bye",
    "week_label",
    "week_short",
]
