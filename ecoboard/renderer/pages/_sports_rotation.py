"""Which screen the MLB and NFL pages show when: the games to rotate through, and which one is current.

The order is :func:`ecoboard.sports.select_games` (followed teams first; live, then next, then the
latest final: C01, C04); the page option ``mode`` narrows it. The selection and the views are built
once per record (:func:`ecoboard.renderer._views.per_record`), not on each of the 60 frames a second.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from datetime import datetime
from typing import Any

from ...config import TEAM_EXPECTED, is_team
from ...sports import IN_PLAY, is_followed, select_games
from .._context import PageContext
from .._registry import OptionCheck, number_at_least, one_of
from .._widgets import number_option
from ._sports_view import age_label

MODES = ("cycle_all", "cycle_active", "cycle_favorite")
"""The values of the page option ``mode`` (see :func:`games_to_show`)."""


def rotation_index(count: int, elapsed: float, seconds: float) -> int:
    """Which of ``count`` items shows ``elapsed`` seconds into the page, ``seconds`` each."""
    if count <= 0:
        return 0
    return int(max(0.0, elapsed) // max(seconds, 0.5)) % count


def followed_teams(option: Any, default: Sequence[str]) -> tuple[str, ...]:
    """The page option ``teams`` (a list, or one ``"NYY,BOS"`` text) as team tokens; ``default`` when unset."""
    if option is None:
        return tuple(str(t) for t in default)
    if isinstance(option, str | int):
        option = str(option).split(",")
    return tuple(str(t).strip() for t in option if str(t).strip())


def teams_problem(value: Any) -> str | None:
    """Checker of the page option ``teams``: a list of teams, or one ``"NYY,BOS"`` text, each entry
    following the rule of ``teams.mlb``/``teams.nfl`` (:func:`ecoboard.config.is_team`)."""
    if isinstance(value, str):
        entries: Sequence[Any] = value.split(",")
    elif isinstance(value, list | tuple):
        entries = value
    else:
        entries = (value,)
    for index, entry in enumerate(entries):
        if isinstance(entry, bool) or not isinstance(entry, str | int) or not is_team(str(entry).strip()):
            which = f" (entry {index + 1}: {entry!r})" if len(entries) > 1 else ""
            return f"expected a list of teams or one comma-separated text, each {TEAM_EXPECTED}, got {value!r}{which}"
    return None


SPORTS_OPTIONS: Mapping[str, OptionCheck] = {
    "mode": one_of(*MODES),
    "rotate_seconds": number_at_least(1),
    "teams": teams_problem,
}
"""The options of the MLB and NFL pages."""


def games_to_show(
    games: Sequence[Mapping[str, Any]], followed: Sequence[str], mode: str, now: datetime
) -> list[Mapping[str, Any]]:
    """The games the page rotates through, in :func:`ecoboard.sports.select_games` order.

    ``cycle_active`` keeps games in play (live or delayed), ``cycle_favorite`` the followed teams'
    games; when that leaves nothing, every game is shown so the page is never empty by choice.
    """
    ordered = select_games(games, followed, now)
    if mode == "cycle_active":
        kept = [g for g in ordered if g.get("status") in IN_PLAY]
    elif mode == "cycle_favorite":
        kept = [g for g in ordered if is_followed(g, followed)]
    else:
        kept = ordered
    return kept or ordered


def rotation_frame_key(ctx: PageContext, kind: str, default_seconds: float, *, per_minute: bool = False) -> Hashable:
    """Frame key of a sports page: the rotation slot showing and, once the record is older than the
    stale-score threshold, its age label (shown while a game is live); ``per_minute`` adds the
    minute for a page whose selection follows the clock (the NFL scoreboard day).

    The games and their order are fixed by the record, config and options, which the renderer already
    compares; scrolling text is drawn over the kept drawing, so it needs no key.
    """
    record = ctx.records.get(kind)
    if record is None:
        return None
    seconds = number_option(ctx.options, "rotate_seconds", default_seconds, 1.0)
    slot = int(max(0.0, ctx.page_elapsed) // max(seconds, 0.5))
    age = record.age_seconds(ctx.now)
    aged = age_label(age) if age > ctx.config.display.stale_live_score_seconds else None
    return slot, aged, int(ctx.now.timestamp()) // 60 if per_minute else None
