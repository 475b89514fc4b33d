"""Record routes on the real server: shapes, stale flags, history, environment, JSON errors, CORS."""

from __future__ import annotations

from datetime import UTC, datetime

from ecoboard import KINDS

from ._support import (
    BERLIN_AIR,
    FETCHED_AT,
    NOT_ASCII_WHOLE_NUMBERS,
    PENZA,
    aqi_data,
    fixture,
    past,
    running_api,
    store_url_sqlite,
)


async def test_records_is_empty_before_any_write(tmp_path):
    async with running_api(store_url_sqlite(tmp_path)) as api:
        response = await api.client.get("/api/v1/records")
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json"
        assert response.json() == {}


async def test_records_holds_every_kind_latest_in_display_order_with_stale(tmp_path):
    async with running_api(store_url_sqlite(tmp_path)) as api:
        await api.write("mlb")
        await api.write("weather")
        weather = await api.write("weather")
        await api.write("aqi", valid_until=past())
        body = (await api.client.get("/api/v1/records")).json()
        assert list(body) == ["weather", "aqi", "mlb"]
        assert body["weather"] == {**weather.to_json(), "stale": False}
        assert body["weather"]["version"] == 2
        assert body["weather"]["fetched_at"] == FETCHED_AT.isoformat() == "2023-11-11T11:20:00+00:00"
        assert body["weather"]["source"] == "open-meteo"
        assert body["weather"]["data"]["current"]["temperature"] == fixture(PENZA)["current"]["temperature_2m"] == 3.5
        assert body["aqi"]["stale"] is True
        postponed = [g for g in body["mlb"]["data"]["games"] if g["status"] == "postponed"]
        assert len(postponed) == 2


async def test_one_record_and_its_errors(tmp_path):
    async with running_api(store_url_sqlite(tmp_path)) as api:
        record = await api.write("aqi")
        response = await api.client.get("/api/v1/records/aqi")
        assert response.status_code == 200
        assert response.json() == {**record.to_json(), "stale": False}
        assert response.json()["data"]["indices"][0]["value"] == fixture(BERLIN_AIR)["current"]["us_aqi"] == 41

        unknown = await api.client.get("/api/v1/records/hockey")
        assert unknown.status_code == 404
        assert unknown.headers["content-type"] == "application/json"
        assert unknown.json() == {"error": "unknown kind 'hockey'", "kinds": [*KINDS, "reminder"]}

        missing = await api.client.get("/api/v1/records/nfl")
        assert missing.status_code == 404
        assert missing.json() == {"error": "no record yet", "kind": "nfl"}


async def test_history_is_newest_first_and_bounded(tmp_path):
    async with running_api(store_url_sqlite(tmp_path)) as api:
        for hour in (13, 14, 15):
            await api.write("aqi", fetched_at=datetime(2024, 2, 21, hour, 5, tzinfo=UTC))
        body = (await api.client.get("/api/v1/records/aqi/history", params={"limit": 2})).json()
        assert body["kind"] == "aqi"
        assert [r["version"] for r in body["records"]] == [3, 2]
        assert [r["fetched_at"] for r in body["records"]] == ["2024-02-21T15:05:00+00:00", "2024-02-21T14:05:00+00:00"]
        assert all(r["data"] == aqi_data() for r in body["records"])
        everything = (await api.client.get("/api/v1/records/aqi/history")).json()
        assert [r["version"] for r in everything["records"]] == [3, 2, 1]
        assert (await api.client.get("/api/v1/records/nfl/history")).json() == {"kind": "nfl", "records": []}
        for bad in ("0", "1001", "abc", "-1", *NOT_ASCII_WHOLE_NUMBERS):
            response = await api.client.get("/api/v1/records/aqi/history", params={"limit": bad})
            assert response.status_code == 422
            assert response.json() == {"error": f"limit: expected a whole number from 1 to 1000, got {bad!r}"}
        assert (await api.client.get("/api/v1/records/golf/history")).status_code == 404


async def test_environment_groups_weather_aqi_and_sun_moon(tmp_path):
    async with running_api(store_url_sqlite(tmp_path)) as api:
        weather = await api.write("weather")
        await api.write("mlb")
        sun = await api.write("sun_moon")
        body = (await api.client.get("/api/v1/environment")).json()
        assert body == {
            "timezone": "America/New_York",  # the default zone
            "weather": {**weather.to_json(), "stale": False},
            "aqi": None,
            "sun_moon": {**sun.to_json(), "stale": False},
        }
        assert body["sun_moon"]["data"]["moon_phase"] == "waning_crescent"


async def test_errors_are_json(tmp_path):
    async with running_api(store_url_sqlite(tmp_path)) as api:
        missing = await api.client.get("/api/v1/nothing-here")
        assert missing.status_code == 404
        assert missing.headers["content-type"] == "application/json"
        assert missing.json()["error"].startswith("The requested URL was not found")
        wrong_method = await api.client.delete("/api/v1/records")
        assert wrong_method.status_code == 405
        assert wrong_method.headers["content-type"] == "application/json"
        assert "GET" in wrong_method.headers["allow"]


async def test_cors_is_off_by_default(tmp_path):
    async with running_api(store_url_sqlite(tmp_path)) as api:
        response = await api.client.get("/api/v1/records", headers={"Origin": "http://tablet.local:5173"})
        assert response.status_code == 200
        assert "access-control-allow-origin" not in response.headers


async def test_cors_allows_configured_origins_with_preflight(tmp_path):
    config = {"api": {"cors_origins": ["http://tablet.local:5173"]}}
    async with running_api(store_url_sqlite(tmp_path), config=config) as api:
        allowed = await api.client.get("/api/v1/records", headers={"Origin": "http://tablet.local:5173"})
        assert allowed.headers["access-control-allow-origin"] == "http://tablet.local:5173"
        assert "Origin" in allowed.headers["vary"]
        # a dashboard on another origin may read what the frame's headers say about it
        assert allowed.headers["access-control-expose-headers"] == (
            "Ecoboard-Page, Ecoboard-Page-Index, Ecoboard-Paused, Ecoboard-Frame-At"
        )
        other = await api.client.get("/api/v1/records", headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in other.headers
        preflight = await api.client.options(
            "/api/v1/display/pause",
            headers={
                "Origin": "http://tablet.local:5173",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization",
            },
        )
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == "http://tablet.local:5173"
        assert "POST" in preflight.headers["access-control-allow-methods"]
        assert "Authorization" in preflight.headers["access-control-allow-headers"]


async def test_environment_names_the_configured_time_zone(tmp_path):
    async with running_api(store_url_sqlite(tmp_path), config={"timezone": "America/Chicago"}) as api:
        weather = await api.write("weather")
        body = (await api.client.get("/api/v1/environment")).json()
        assert list(body) == ["timezone", "weather", "aqi", "sun_moon"]
        assert body["timezone"] == "America/Chicago"
        assert body["weather"]["version"] == weather.version
        assert body["weather"]["data"]["location"]["timezone"] == "Europe/Moscow"  # the record names its own zone
        assert (body["aqi"], body["sun_moon"]) == (None, None)
