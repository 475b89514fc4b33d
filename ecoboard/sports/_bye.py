"""NFL bye weeks (C19): is a followed team idle this week?"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ._select import is_followed, team_matches


def followed_byes(week_data: Mapping[str, Any], followed: Iterable[str | int]) -> list[Mapping[str, Any]]:
    """The teams of ``week_data["byes"]`` (the provider's teams on bye) that are followed."""
    wanted = list(followed)
    return [side for side in week_data.get("byes") or () if team_matches(side, wanted)]


def team_on_bye(week_data: Mapping[str, Any], team: str | int) -> bool:
    """True when ``team`` (id or abbreviation) has a bye this week.

    From the provider's ``byes`` list when it names the team; otherwise, in the regular season
    only, when the week has games and none of them involves the team (a team missing from a
    postseason week is out, not on bye).
    """
    if followed_byes(week_data, [team]):
        return True
    games = week_data.get("games") or ()
    season = week_data.get("season") or {}
    if season.get("type") != "regular" or not games:
        return False
    return not any(is_followed(game, [team]) for game in games)
