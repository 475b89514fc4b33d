"""/api/v1/board: the board's own settings the dashboard follows, answered whether or not the store is."""

from __future__ import annotations

import logging

from ecoboard.sports import ABBREVIATION_ALIASES

from ._support import running_api, store_url_sqlite

CHICAGO = {
    "timezone": "America/Chicago",
    "units": "metric",
    "teams": {"mlb": ["CHW", "147"], "nfl": ["kc"]},
}


async def test_board_names_the_default_zone_units_and_followed_teams(tmp_path):
    async with running_api(store_url_sqlite(tmp_path)) as api:
        response = await api.client.get("/api/v1/board")
        assert response.status_code == 200
        assert response.json() == {
            "timezone": "America/New_York",
            "units": "imperial",
            "teams": {"mlb": ["BOS"], "nfl": ["NE"]},
            "team_aliases": {"CHW": "CWS", "ARI": "AZ", "WAS": "WSH", "OAK": "ATH", "JAC": "JAX", "LA": "LAR"},
            "store": "ok",
        }
        assert response.json()["team_aliases"] == dict(ABBREVIATION_ALIASES)


async def test_board_answers_from_the_config_while_the_store_is_down_and_says_so(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="ecoboard.api")
    async with running_api(store_url_sqlite(tmp_path), config=CHICAGO) as api:
        up = (await api.client.get("/api/v1/board")).json()
        assert (up["timezone"], up["units"], up["teams"], up["store"]) == (
            "America/Chicago",
            "metric",
            {"mlb": ["CHW", "147"], "nfl": ["kc"]},
            "ok",
        )
        await api.store.aclose()  # every later store call fails
        assert (await api.client.get("/api/v1/environment")).status_code == 503
        for _ in range(3):
            response = await api.client.get("/api/v1/board")
            assert response.status_code == 200
            assert response.json() == {**up, "store": "unreachable"}
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and warnings[0].startswith("GET /api/v1/environment: the record store failed")
