"""/healthz, /readyz and the dashboard at / on the real server (the OpenAPI document: test_api_openapi)."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from ecoboard.store import open_store

from ._support import DATA, FAR_FUTURE, FETCHED_AT, SOURCES, past, running_api, store_url_sqlite
from .test_api_display import PanelView, gradient_frame


async def test_healthz_is_alive(tmp_path):
    async with running_api(store_url_sqlite(tmp_path)) as api:
        response = await api.client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"status": "alive"}


async def test_readyz_reports_store_and_per_kind_freshness(tmp_path):
    async with running_api(store_url_sqlite(tmp_path)) as api:
        await api.write("weather")
        await api.write("aqi", valid_until=past())
        response = await api.client.get("/readyz")
        assert response.status_code == 200
        body = response.json()
        assert (body["ready"], body["reasons"], body["store"], body["display"]) == (True, [], "ok", None)
        assert body["records_from"] == "store"
        assert list(body["kinds"]) == ["weather", "aqi", "mlb", "nfl", "sun_moon"]
        assert body["kinds"]["weather"] == {
            "version": 1,
            "fetched_at": FETCHED_AT.isoformat(),
            "valid_until": "2100-01-01T00:00:00+00:00",
            "fresh": True,
        }
        assert body["kinds"]["aqi"]["fresh"] is False
        assert body["kinds"]["mlb"] == {"version": None, "fetched_at": None, "valid_until": None, "fresh": False}

        strict = await api.client.get("/readyz", params={"strict": "1"})
        assert strict.status_code == 503
        assert strict.json()["reasons"] == [
            "aqi: no fresh record",
            "mlb: no fresh record",
            "nfl: no fresh record",
            "sun_moon: no fresh record",
        ]
        banana = await api.client.get("/readyz", params={"strict": "banana"})
        assert banana.status_code == 422
        assert banana.json() == {"error": "strict: expected 1, true, 0 or false, got 'banana'"}


async def test_readyz_merges_fetch_health_and_skips_disabled_kinds(tmp_path):
    status = {
        "weather": {
            "ok": False,
            "stale": True,
            "last_success_at": None,
            "last_error": "timeout",
            "consecutive_failures": 4,
        }
    }
    config = {"providers": {"nfl": {"provider": "espn", "enabled": False}}}
    async with running_api(store_url_sqlite(tmp_path), config=config, health=lambda: status) as api:
        body = (await api.client.get("/readyz")).json()
        assert body["kinds"]["weather"]["fetch"] == status["weather"]
        assert "fetch" not in body["kinds"]["aqi"]
        assert "nfl" not in body["kinds"]


HYBRID = {
    "mode": "hybrid",
    "cluster_kinds": ["mlb", "nfl"],
    "store": {"url": "postgresql://ecoboard@127.0.0.1:5432/test"},
    "bus": {"url": "redis://127.0.0.1:6379/0"},
}
"""A board fetching weather, aqi and sun_moon itself; mlb and nfl come from the cluster."""


def _board_health() -> dict[str, dict[str, Any]]:
    """What a board's health function gives: every kind, the cluster ones as its syncer sees them."""
    return {
        kind: {"ok": True, "stale": False, "last_success_at": None, "last_error": None, "consecutive_failures": 0}
        for kind in ("weather", "aqi", "mlb", "nfl", "sun_moon")
    }


def _held(version: int | None) -> dict[str, Any]:
    if version is None:
        return {"version": None, "fetched_at": None, "valid_until": None, "fresh": False}
    return {
        "version": version,
        "fetched_at": "2023-11-11T11:20:00+00:00",
        "valid_until": "2100-01-01T00:00:00+00:00",
        "fresh": True,
    }


def _stored(tmp_path: Path) -> str:
    """A SQLite store holding weather v2 and mlb v1, written before the API starts (its fan-out reads
    them at once)."""
    url = store_url_sqlite(tmp_path)
    store = open_store(url)
    for kind in ("weather", "weather", "mlb"):
        store.write(kind, fetched_at=FETCHED_AT, valid_until=FAR_FUTURE, source=SOURCES[kind], data=DATA[kind]())
    store.close()
    return url


@pytest.mark.parametrize(
    ("mode", "fetched_here"),
    [("hybrid", {"weather", "aqi", "sun_moon"}), ("cluster", set())],
)
async def test_readyz_in_a_store_outage_reports_the_records_held_and_fetch_only_for_kinds_fetched_here(
    tmp_path, mode, fetched_here
):
    config = {**HYBRID, "mode": mode, "cluster_kinds": HYBRID["cluster_kinds"] if mode == "hybrid" else []}
    versions = {"weather": 2, "aqi": None, "mlb": 1, "nfl": None, "sun_moon": None}
    fetch = {"fetch": _board_health()["weather"]}
    kinds = {kind: {**_held(v), **(fetch if kind in fetched_here else {})} for kind, v in versions.items()}
    async with running_api(_stored(tmp_path), config=config, health=_board_health) as api:
        ready = await api.client.get("/readyz")
        assert (ready.status_code, ready.json()) == (
            200,
            {
                "ready": True,
                "reasons": [],
                "store": "ok",
                "bus": "connected",
                "display": None,
                "records_from": "store",
                "kinds": kinds,
            },
        )

        await api.store.aclose()  # every later call fails with StoreError
        closed = tmp_path / "api" / "ecoboard.sqlite3"
        ready = await api.client.get("/readyz")
        assert (ready.status_code, ready.json()) == (
            503,
            {
                "ready": False,
                "reasons": [
                    f"store unreachable: sqlite store {closed}: ping failed: Cannot operate on a closed database."
                ],
                "store": "unreachable",
                "bus": "connected",
                "display": None,
                "records_from": "memory",
                "kinds": kinds,
            },
        )


async def test_readyz_needs_a_recent_frame_when_there_is_a_display(tmp_path):
    view = PanelView(gradient_frame(), last_frame_at=None)
    async with running_api(store_url_sqlite(tmp_path), display=view) as api:
        response = await api.client.get("/readyz")
        assert response.status_code == 503
        assert response.json()["reasons"] == ["display: no frame drawn yet"]

        view.last_frame_at = datetime.now(UTC) - timedelta(seconds=30)
        response = await api.client.get("/readyz")
        assert response.status_code == 503
        [reason] = response.json()["reasons"]
        assert re.fullmatch(r"display: last frame 3\d\.\d s ago \(more than 5 s\)", reason)

        view.last_frame_at = datetime.now(UTC).isoformat()
        response = await api.client.get("/readyz")
        assert response.status_code == 200
        assert response.json()["display"]["last_frame_age_seconds"] < 5


async def test_readyz_is_503_when_the_store_is_unreachable(tmp_path):
    async with running_api(store_url_sqlite(tmp_path)) as api:
        await api.store.aclose()  # every later call fails with StoreError
        response = await api.client.get("/readyz")
        assert response.status_code == 503
        body = response.json()
        assert (body["store"], body["records_from"]) == ("unreachable", "memory")
        assert body["reasons"][0].startswith("store unreachable: ")
        records = await api.client.get("/api/v1/records")
        assert records.status_code == 503
        assert records.json() == {"error": "the record store is unavailable"}


async def test_dashboard_not_built_explains_how_to_build(tmp_path):
    async with running_api(store_url_sqlite(tmp_path), web_dist=tmp_path / "no-dist") as api:
        for path in ("/", "/nfl"):
            response = await api.client.get(path)
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("text/html")
            assert "cd web &amp;&amp; npm ci &amp;&amp; npm run build" in response.text


async def test_built_dashboard_is_served_with_spa_fallback(tmp_path):
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><div id=root></div>", encoding="utf-8")
    (dist / "assets" / "index-3f2a.js").write_text("console.log('ecoboard')", encoding="utf-8")
    (dist / "favicon.svg").write_text("<svg/>", encoding="utf-8")
    async with running_api(store_url_sqlite(tmp_path), web_dist=dist) as api:
        index = await api.client.get("/")
        assert (index.status_code, index.text) == (200, "<!doctype html><div id=root></div>")
        assert index.headers["cache-control"] == "no-cache"
        asset = await api.client.get("/assets/index-3f2a.js")
        assert asset.text == "console.log('ecoboard')"
        assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert (await api.client.get("/favicon.svg")).text == "<svg/>"
        route = await api.client.get("/mlb/today")
        assert (route.status_code, route.text) == (200, "<!doctype html><div id=root></div>")
        for missing in ("/assets/gone.js", "/api/v2/records", "/../etc/passwd.txt"):
            response = await api.client.get(missing)
            assert response.status_code == 404, missing
            assert response.headers["content-type"] == "application/json"


SHIPPED_FAVICON = Path(__file__).resolve().parents[2] / "web" / "public" / "favicon.svg"


async def test_the_shipped_favicon_is_served_as_svg(tmp_path):
    """web/public/favicon.svg, which the Vite build copies to the root of web/dist and index.html links."""
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "index.html").write_text('<link rel="icon" type="image/svg+xml" href="/favicon.svg" />', encoding="utf-8")
    shutil.copy(SHIPPED_FAVICON, dist / "favicon.svg")
    async with running_api(store_url_sqlite(tmp_path), web_dist=dist) as api:
        icon = await api.client.get("/favicon.svg")
        assert icon.status_code == 200
        assert icon.headers["content-type"] == "image/svg+xml; charset=utf-8"
        assert icon.content == SHIPPED_FAVICON.read_bytes()
        assert icon.text.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">')


async def test_dashboard_directory_from_the_environment(tmp_path, monkeypatch):
    dist = tmp_path / "env-dist"
    dist.mkdir()
    (dist / "index.html").write_text("<title>from env</title>", encoding="utf-8")
    monkeypatch.setenv("ECOBOARD_WEB_DIST", str(dist))
    async with running_api(store_url_sqlite(tmp_path)) as api:
        assert (await api.client.get("/")).text == "<title>from env</title>"
