"""A known path asked with a method it does not serve: 405, an ``Allow`` header and the JSON error shape."""

from __future__ import annotations

import re

import trio

from ._support import running_api, store_url_sqlite
from .test_api_display import TOKEN, PanelView, gradient_frame

METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
EXAMPLE_PARAMS = {"kind": "weather", "command": "next", "path": "nfl"}


def _concrete(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: EXAMPLE_PARAMS[m.group(1)], path)


def _served(methods: set[str]) -> set[str]:
    """What a route with these documented methods answers to: HEAD with GET, OPTIONS always."""
    return methods | {"OPTIONS"} | ({"HEAD"} if "GET" in methods else set())


async def test_every_documented_path_answers_405_for_the_methods_it_does_not_serve(tmp_path):
    async with running_api(store_url_sqlite(tmp_path), token=TOKEN, display=PanelView(gradient_frame())) as api:
        openapi = (await api.client.get("/api/v1/openapi.json")).json()
        assert set(EXAMPLE_PARAMS) == set(re.findall(r"\{(\w+)\}", " ".join(openapi["paths"])))
        checked = []
        for documented, operations in openapi["paths"].items():
            path = _concrete(documented)
            allowed = sorted(_served({method.upper() for method in operations}))
            for method in sorted(set(METHODS) - set(allowed)):
                response = await api.client.request(method, path)
                assert response.status_code == 405, (method, path)
                assert response.headers["allow"] == ", ".join(allowed)
                assert response.headers["content-type"] == "application/json"
                if method != "HEAD":  # a HEAD answer has no body
                    assert response.json() == {"error": f"{method} is not allowed on {path}", "allowed": allowed}
                checked.append((method, documented))
        # thirteen GET routes refuse POST, PUT, PATCH and DELETE; the control route and the reminder's done
        # route GET, HEAD, PUT, PATCH, DELETE
        assert len(checked) == 13 * 4 + 2 * 5


async def test_get_on_a_control_command_is_405_and_sends_nothing(tmp_path):
    async with running_api(store_url_sqlite(tmp_path), token=TOKEN) as api, api.bus.subscribe(("control",)) as messages:
        assert (await messages.__anext__()).channel == "connected"
        openapi = (await api.client.get("/api/v1/openapi.json")).json()
        [command_param] = openapi["paths"]["/api/v1/display/{command}"]["post"]["parameters"]
        assert command_param["schema"]["enum"] == ["pause", "play", "next", "prev", "brightness", "reload"]
        for command in command_param["schema"]["enum"]:
            response = await api.client.get(f"/api/v1/display/{command}", headers={"Authorization": f"Bearer {TOKEN}"})
            assert response.status_code == 405
            assert response.headers["allow"] == "OPTIONS, POST"
            assert response.json() == {
                "error": f"GET is not allowed on /api/v1/display/{command}",
                "allowed": ["OPTIONS", "POST"],
            }
        # POST on the frame is not taken for a command called "frame.png"
        frame = await api.client.post("/api/v1/display/frame.png", headers={"Authorization": f"Bearer {TOKEN}"})
        assert (frame.status_code, frame.headers["allow"]) == (405, "GET, HEAD, OPTIONS")
        assert (
            await api.client.post("/api/v1/display/next", headers={"Authorization": f"Bearer {TOKEN}"})
        ).status_code == 202
        with trio.fail_after(5):
            message = await messages.__anext__()
        assert (message.channel, message.payload) == ("control", {"command": "next"})  # only the POST went out


async def test_paths_under_api_never_fall_back_to_the_dashboard(tmp_path):
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "index.html").write_text("<!doctype html><div id=root></div>", encoding="utf-8")
    async with running_api(store_url_sqlite(tmp_path), web_dist=dist) as api:
        for path in ("/api", "/api/", "/api/v1/nope", "/api/v1/display/next/extra"):
            response = await api.client.get(path)
            assert response.status_code == 404, path
            assert response.headers["content-type"] == "application/json"
        for page in ("/apiary", "/weather/api"):  # only the api segment itself is reserved
            response = await api.client.get(page)
            assert (response.status_code, response.text) == (200, "<!doctype html><div id=root></div>"), page
