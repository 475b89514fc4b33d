"""Teams as data (C10–C13): the bundled MLB table, user overrides, colours and unknown opponents.

Teams are keyed by the provider's numeric id. Names, abbreviations and colours come from the
provider payload where it has them, from ``fetchers/data/mlb_teams.json`` otherwise, and a user's
``providers.<kind>.options.team_overrides`` (keyed by team id or abbreviation) wins over both. A team
no table knows (a spring-training college opponent, C11) keeps the provider's abbreviation, or one
made from its name, and a neutral colour. Text is kept as given (accents, long names: C12, C13).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from .._options import read_option
from .._provider import FetchContext, OptionError, OptionReader

NEUTRAL_COLOR = "#808080"
"""The colour of a team no table knows."""

OVERRIDABLE = ("abbreviation", "name", "short_name", "full_name", "color", "alt_color")
"""The Side fields a user may override per team."""

_HEX = re.compile(r"#?([0-9a-fA-F]{6})")


@cache
def mlb_teams() -> Mapping[int, Mapping[str, str]]:
    """The bundled MLB club table, by MLB Stats API team id."""
    text = resources.files("ecoboard.fetchers").joinpath("data/mlb_teams.json").read_text("utf-8")
    return {int(key): value for key, value in json.loads(text)["teams"].items()}


def hex_color(value: Any) -> str | None:
    """``"00133F"`` or ``"#00133f"`` → ``"#00133f"``; anything else → None."""
    if not isinstance(value, str):
        return None
    match = _HEX.fullmatch(value.strip())
    return f"#{match.group(1).lower()}" if match else None


def abbreviation_from_name(name: str | None) -> str:
    """A stand-in abbreviation for a team the provider gives none for: the name's first 3 letters."""
    letters = "".join(ch for ch in (name or "") if ch.isalnum())
    return letters[:3].upper() or "???"


def read_team_overrides(value: Any) -> Mapping[str, Mapping[str, str]]:
    """``team_overrides`` as written: team id or abbreviation -> fields from :data:`OVERRIDABLE`, each a
    text (colours ``#rrggbb`` or ``rrggbb``). The result is keyed by upper-case id or abbreviation, with
    colours normalized (``"#bd3039"``); null is no overrides."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise OptionError.expected("a mapping of team id or abbreviation to fields", value)
    found: dict[str, Mapping[str, str]] = {}
    for key, fields in value.items():
        if not isinstance(fields, Mapping):
            raise OptionError.expected(f"a mapping with fields from {', '.join(OVERRIDABLE)}", fields, at=f".{key}")
        found[str(key).strip().upper()] = {name: _field(name, text, f".{key}.{name}") for name, text in fields.items()}
    return found


def _field(name: Any, value: Any, at: str) -> str:
    if name not in OVERRIDABLE:
        raise OptionError(f"{at}: unknown field of a team override; expected one of {', '.join(OVERRIDABLE)}")
    if name in ("color", "alt_color"):
        color = hex_color(value)
        if color is None:
            raise OptionError.expected('a colour "#rrggbb" (in quotes)', value, at=at)
        return color
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise OptionError.expected("a text", value, at=at)
    return str(value)


TEAM_OPTIONS: Mapping[str, OptionReader] = {"team_overrides": read_team_overrides}
"""The option of a sports provider that reads teams: ``team_overrides``."""


def team_overrides(ctx: FetchContext, kind: str) -> Mapping[str, Mapping[str, str]]:
    """The user's ``providers.<kind>.options.team_overrides`` (see :func:`read_team_overrides`)."""
    return read_option(ctx, kind, "team_overrides", read_team_overrides, {})


def apply_overrides(side: dict[str, Any], overrides: Mapping[str, Mapping[str, str]]) -> dict[str, Any]:
    """``side`` with the user's fields (from :func:`read_team_overrides`) for its id (first) or abbreviation."""
    for key in (str(side.get("abbreviation") or "").upper(), str(side["id"])):
        for name, value in overrides.get(key, {}).items():
            side[name] = value
    return side


def fill_unknown(side: dict[str, Any], known: bool) -> dict[str, Any]:
    """For a team no table knows: an abbreviation made from its name and a neutral colour (C11)."""
    if not side.get("abbreviation"):
        side["abbreviation"] = abbreviation_from_name(side.get("full_name") or side.get("name"))
    if not known and not side.get("color"):
        side["color"] = NEUTRAL_COLOR
    return side
