"""Shared parsing of ESPN ``site.api`` scoreboards (MLB and NFL): events, competitors, statuses.

Home and away are read from each competitor's ``homeAway``, never from its position in the array.
Scores are strings on ESPN (``"20"``) and are ``"0"`` before kickoff; they become integers once the
game has started and ``null`` before. Colours come as ``"00133F"`` and are stored as ``"#00133f"``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..._errors import PayloadError
from ...sports import parse_instant
from ._sports_json import (
    items,
    need_obj,
    obj,
    opt_bool,
    opt_count,
    opt_int,
    opt_str,
    require,
    require_int,
    require_list,
    require_obj,
)
from ._sports_status import DerivedStatus, espn_status
from ._teams import apply_overrides, fill_unknown, hex_color

SEASON_TYPES: Mapping[int, str] = {1: "preseason", 2: "regular", 3: "postseason", 4: "offseason"}
"""ESPN ``season.type`` numbers."""


def season_type(value: Any) -> str:
    """An ESPN season type (number, numeric string or ``{"type": 2}``) as ours; ``unknown`` otherwise."""
    if isinstance(value, Mapping):
        value = value.get("type", value.get("id"))
    return SEASON_TYPES.get(opt_int(value) or 0, "unknown")


def game_season_type(value: Any) -> str:
    """A game's season type: as :func:`season_type`, but an off-season event is ``unknown`` (records.md)."""
    kind = season_type(value)
    return "unknown" if kind == "offseason" else kind


def check_league(board: Any, expected: str) -> None:
    """Refuse a scoreboard of another league (an MLB board read as NFL, say) with a PayloadError.

    ``leagues[0].abbreviation`` (else its ``slug``) names the league; a board that names none is read.
    """
    league = obj(next(iter(items(obj(board).get("leagues"))), None))
    name = opt_str(league.get("abbreviation")) or opt_str(league.get("slug"))
    if name is not None and name.upper() != expected:
        raise PayloadError(f"leagues[0]: expected a {expected} scoreboard, got one for {name!r}")


def competition(event: Mapping[str, Any], path: str, provider: str) -> Mapping[str, Any]:
    """The event's first (only) competition."""
    found = require_list(event, "competitions", f"{path}.competitions", provider)
    if not found:
        raise PayloadError(f"required field {path}.competitions[0] is missing", provider=provider)
    return need_obj(found[0], f"{path}.competitions[0]", provider)


def event_status(
    event: Mapping[str, Any], contest: Mapping[str, Any], now: datetime, path: str, provider: str
) -> tuple[DerivedStatus, Mapping[str, Any], datetime | None]:
    """The derived status, the raw status block and the start instant of the event at ``path``.

    The status block is the competition's, else the event's; one of them is required.
    """
    start = parse_instant(contest.get("date")) or parse_instant(event.get("date"))
    block = obj(contest.get("status")) or require_obj(event, "status", f"{path}.status", provider)
    return espn_status(block, start=start, now=now, provider=provider), block, start


def sides_by_home_away(contest: Mapping[str, Any], path: str, provider: str) -> dict[str, Mapping[str, Any]]:
    """The competitors keyed ``"home"``/``"away"`` by their ``homeAway`` field."""
    found: dict[str, Mapping[str, Any]] = {}
    for competitor in require_list(contest, "competitors", f"{path}.competitors", provider):
        where = opt_str(obj(competitor).get("homeAway"))
        if where in ("home", "away"):
            found[where] = obj(competitor)
    for where in ("away", "home"):
        if where not in found:
            require(found, where, f"{path}.competitors[homeAway={where}]", provider)
    return found


def _record(competitor: Mapping[str, Any]) -> str | None:
    for record in items(competitor.get("records")):
        if obj(record).get("type") == "total" and opt_str(obj(record).get("summary")):
            return obj(record)["summary"]
    for record in items(competitor.get("record")):
        if opt_str(obj(record).get("summary")):
            return obj(record)["summary"]
    return opt_str(competitor.get("record"))


def team_side(team: Mapping[str, Any], path: str, provider: str) -> dict[str, Any]:
    """The team fields of a Side (no score fields), as used for byes too."""
    team_id = require_int(team, "id", f"{path}.id", provider)
    color = hex_color(team.get("color"))
    side: dict[str, Any] = {
        "id": team_id,
        "abbreviation": opt_str(team.get("abbreviation")),
        "name": opt_str(team.get("name")) or opt_str(team.get("shortDisplayName")),
        "short_name": opt_str(team.get("location")) or opt_str(team.get("shortDisplayName")),
        "full_name": opt_str(team.get("displayName")),
        "color": color,
        "alt_color": hex_color(team.get("alternateColor")),
    }
    return fill_unknown(side, known=color is not None)


def competitor_side(
    competitor: Mapping[str, Any],
    *,
    path: str,
    provider: str,
    played: bool,
    final: bool,
    overrides: Mapping[str, Mapping[str, str]],
    baseball: bool,
) -> dict[str, Any]:
    """One Side from an ESPN competitor (team, record, score, and hits/errors for baseball)."""
    side = team_side(require_obj(competitor, "team", f"{path}.team", provider), f"{path}.team", provider)
    side["record"] = _record(competitor)
    side["score"] = opt_count(competitor.get("score")) if played else None
    if baseball:
        side["hits"] = opt_count(competitor.get("hits")) if played else None
        side["errors"] = opt_count(competitor.get("errors")) if played else None
    side["winner"] = opt_bool(competitor.get("winner")) if final else None
    return apply_overrides(side, overrides)


def settle_winners(away: dict[str, Any], home: dict[str, Any]) -> None:
    """Winners of a final from the scores (a tie: both False), keeping ESPN's flags when scores are unknown."""
    if away["score"] is None or home["score"] is None:
        return
    away["winner"], home["winner"] = away["score"] > home["score"], home["score"] > away["score"]


def notes(contest: Mapping[str, Any]) -> str | None:
    """The competition's note headlines (``"Doubleheader - Game 1"``), joined; None without notes."""
    texts = [opt_str(obj(note).get("headline")) for note in items(contest.get("notes"))]
    joined = "; ".join(text for text in texts if text)
    return joined or None


def last_play(situation: Mapping[str, Any]) -> str | None:
    """The text of the situation's last play."""
    return opt_str(obj(situation.get("lastPlay")).get("text"))


def venue(contest: Mapping[str, Any]) -> str | None:
    """The venue's full name."""
    return opt_str(obj(contest.get("venue")).get("fullName"))


@dataclass(frozen=True)
class EventParts:
    """The league-independent part of one ESPN event, and what the league adapters read further."""

    game: dict[str, Any]
    status: Mapping[str, Any]
    situation: Mapping[str, Any]
    played: bool


def base_game(
    event: Any,
    index: int,
    now: datetime,
    overrides: Mapping[str, Mapping[str, str]],
    *,
    provider: str,
    baseball: bool,
) -> EventParts:
    """The Game fields every league shares (id, start, status, sides, venue, notes, last play).

    A game has been played once it is live, final or suspended, or delayed after play began
    (the competitors carry per-period line scores); before that scores are null.
    """
    path = f"events[{index}]"
    game_id = require_int(need_obj(event, path, provider), "id", f"{path}.id", provider)
    contest = competition(event, path, provider)
    derived, block, start = event_status(event, contest, now, path, provider)
    raw_sides = sides_by_home_away(contest, f"{path}.competitions[0]", provider)
    began = any(items(side.get("linescores")) for side in raw_sides.values())
    played = derived.status in ("live", "final", "suspended") or (derived.status == "delayed" and began)
    final = derived.status == "final"
    sides = {
        where: competitor_side(
            raw_sides[where],
            path=f"{path}.competitions[0].competitors[{where}]",
            provider=provider,
            played=played,
            final=final,
            overrides=overrides,
            baseball=baseball,
        )
        for where in ("away", "home")
    }
    if final:
        settle_winners(sides["away"], sides["home"])
    situation = obj(contest.get("situation")) if derived.status in ("live", "delayed") else {}
    game = {
        "id": str(game_id),
        "start": start.isoformat() if start else None,
        "status": derived.status,
        "detail": derived.detail,
        "reason": derived.reason,
        "reschedule_date": None,
        "season_type": game_season_type(obj(event.get("season")).get("type")),
        "away": sides["away"],
        "home": sides["home"],
        "venue": venue(contest),
        "description": notes(contest),
        "last_play": last_play(situation),
    }
    return EventParts(game=game, status=block, situation=situation, played=played)
