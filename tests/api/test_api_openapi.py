"""The OpenAPI document against the real server: every route, every status it answers, each answer's shape.

Each route is asked on its success and error paths (bad query values, unknown kinds, no record yet,
no display, no token, the store closed, the bus unreachable); every answer's status must be listed
for that route, a JSON body must match the schema documented for it, and every query value sent
must fit the parameter's documented schema. In the other direction, every documented status must
be answered by one of these requests, and every documented query value must be accepted.
"""

from __future__ import annotations

import re
import socket
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import jsonschema
import pytest

from ._support import Api, running_api, store_url_sqlite
from .test_api_display import TOKEN, PanelView, gradient_frame

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@dataclass(frozen=True)
class Ask:
    """One request: the documented path it belongs to, and the concrete request."""

    method: str
    route: str
    path: str
    params: dict[str, str | list[str]] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None


def get(route: str, path: str | None = None, **params: str | list[str]) -> Ask:
    return Ask("GET", route, path or route, params)


def command(name: str, headers: dict[str, str] | None = None, body: Any = None) -> Ask:
    return Ask("POST", "/api/v1/display/{command}", f"/api/v1/display/{name}", headers=headers or AUTH, body=body)


def reminder_done(body: Any = None, headers: dict[str, str] | None = None) -> Ask:
    return Ask("POST", "/api/v1/reminder/done", "/api/v1/reminder/done", headers=headers or AUTH, body=body)


class LivePanel(PanelView):
    """A display that has just drawn its frame, whenever it is asked."""

    def state(self) -> dict[str, Any]:
        return {**super().state(), "last_frame_at": datetime.now(UTC)}


class Checker:
    """Checks answers against the document and notes which documented statuses were answered."""

    def __init__(self, openapi: dict[str, Any]) -> None:
        self.openapi = openapi
        self.answered: set[tuple[str, str, str]] = set()

    def operation(self, ask: Ask) -> dict[str, Any]:
        return self.openapi["paths"][ask.route][ask.method.lower()]

    def schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        """``schema`` with the document's components beside it, so its ``$ref``s resolve."""
        return {**schema, "components": self.openapi["components"]}

    def query_fits(self, ask: Ask) -> None:
        documented = {p["name"]: p["schema"] for p in self.operation(ask).get("parameters", []) if p["in"] == "query"}
        for name, value in ask.params.items():
            assert name in documented, f"{ask.method} {ask.route}: query parameter {name} is not documented"
            if documented[name].get("type") == "integer":
                assert re.fullmatch(r"\d+", value), f"{ask.route}: {name}={value!r} is not an integer"
                jsonschema.validate(int(value), documented[name])
            else:
                jsonschema.validate(value, documented[name])

    async def check(self, api: Api, ask: Ask) -> int:
        """Send ``ask`` and check its answer; its status is returned."""
        operation = self.operation(ask)
        request = api.client.build_request(
            ask.method,
            ask.path,
            params=ask.params,
            headers=ask.headers,
            json=ask.body if ask.method == "POST" else None,
        )
        response = await api.client.send(request, stream=True)
        try:
            status = str(response.status_code)
            assert status in operation["responses"], (
                f"{ask.method} {ask.path} {ask.params}: {status} is not documented for {ask.route} "
                f"(documented: {', '.join(operation['responses'])})"
            )
            documented = operation["responses"][status]
            media = response.headers.get("content-type", "").partition(";")[0]
            if "content" in documented:
                assert media in documented["content"], f"{ask.method} {ask.path}: {status} answered {media}"
            if media == "application/json":
                assert "content" in documented, f"{ask.method} {ask.path}: the JSON of a {status} is not documented"
                await response.aread()
                schema = documented["content"]["application/json"]["schema"]
                jsonschema.validate(response.json(), self.schema(schema))
        finally:
            await response.aclose()
        if response.status_code != 422:  # a refused query value need not fit the documented schema
            self.query_fits(ask)
        self.answered.add((ask.route, ask.method, status))
        return response.status_code

    def documented(self) -> set[tuple[str, str, str]]:
        return {
            (route, method.upper(), status)
            for route, operations in self.openapi["paths"].items()
            for method, operation in operations.items()
            for status in operation["responses"]
        }


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _dashboard(tmp_path) -> Any:
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "index.html").write_text("<!doctype html><div id=root></div>", encoding="utf-8")
    (dist / "favicon.svg").write_text("<svg/>", encoding="utf-8")
    return dist


HISTORY = "/api/v1/records/{kind}/history"
FRAME = "/api/v1/display/frame.png"
WHILE_UP = [
    get("/api/v1/records"),
    get("/api/v1/records/{kind}", "/api/v1/records/weather"),
    get("/api/v1/records/{kind}", "/api/v1/records/nfl"),  # no record yet
    get("/api/v1/records/{kind}", "/api/v1/records/cricket"),
    *(get(HISTORY, "/api/v1/records/weather/history", limit=v) for v in ("1", "100", "1000", "0", "1001", "x", "")),
    get(HISTORY, "/api/v1/records/cricket/history"),
    get("/api/v1/environment"),
    get("/api/v1/board"),
    get("/api/v1/events"),
    get("/api/v1/events", last_event_id="weather.1"),
    get("/api/v1/events", last_event_id=["weather.1", "weather.1"]),  # given twice
    get("/api/v1/display"),
    *(get(FRAME, scale=v) for v in ("1", "4", "16", "0", "17", "2.5")),
    *(command(name) for name in ("pause", "play", "next", "prev", "reload")),
    command("brightness", body={"value": 40}),
    command("brightness", body={"value": 101}),
    command("next", headers={"Authorization": "Bearer wrong"}),
    command("dance"),
    reminder_done(),
    reminder_done({"done": False}),
    reminder_done({"done": "yes"}),
    reminder_done(headers={"Authorization": "Bearer wrong"}),
    get("/api/v1/records/{kind}", "/api/v1/records/reminder"),
    get("/api/v1/openapi.json"),
    get("/healthz"),
    *(get("/readyz", strict=v) for v in ("0", "false", "1", "true", "yes")),
    get("/readyz"),
    get("/"),
    get("/{path}", "/favicon.svg"),
    get("/{path}", "/nfl"),  # a page of the dashboard: index.html
    get("/{path}", "/assets/gone.js"),
]
WHILE_STORE_CLOSED = [
    get("/api/v1/records"),
    get("/api/v1/records/{kind}", "/api/v1/records/weather"),
    get(HISTORY, "/api/v1/records/weather/history"),
    get("/api/v1/environment"),
    get("/api/v1/board"),
    get("/readyz"),
    get("/api/v1/events"),
    get("/healthz"),
    reminder_done(),
]
WITHOUT_DISPLAY_OR_TOKEN = [get("/api/v1/display"), get(FRAME), command("next"), reminder_done()]


async def _documented_answers(tmp_path) -> Checker:
    async with running_api(store_url_sqlite(tmp_path)) as api:
        checker = Checker((await api.client.get("/api/v1/openapi.json")).json())
    view = LivePanel(gradient_frame())
    async with running_api(store_url_sqlite(tmp_path), token=TOKEN, display=view, web_dist=_dashboard(tmp_path)) as api:
        await api.write("weather")
        for ask in WHILE_UP:
            await checker.check(api, ask)
        await api.store.aclose()  # from now on every store call fails
        for ask in WHILE_STORE_CLOSED:
            await checker.check(api, ask)
    async with running_api(store_url_sqlite(tmp_path)) as api:
        for ask in WITHOUT_DISPLAY_OR_TOKEN:
            await checker.check(api, ask)
    async with running_api(store_url_sqlite(tmp_path), display=PanelView(None)) as api:
        assert await checker.check(api, get(FRAME)) == 503  # no frame drawn yet
    bus = f"redis://127.0.0.1:{_closed_port()}/0"
    async with running_api(store_url_sqlite(tmp_path), bus, token=TOKEN) as api:
        assert await checker.check(api, command("next")) == 503  # the bus is unreachable
    return checker


async def test_every_answer_is_documented_for_its_route_and_every_documented_status_is_answered(tmp_path):
    checker = await _documented_answers(tmp_path)
    assert checker.answered == checker.documented()


def _documented_values(schema: dict[str, Any]) -> list[str]:
    if "enum" in schema:
        return list(schema["enum"])
    if schema.get("type") == "integer":
        return sorted({str(schema[key]) for key in ("minimum", "maximum", "default") if key in schema})
    return []


async def test_every_documented_query_value_is_accepted(tmp_path):
    view = LivePanel(gradient_frame())
    async with running_api(store_url_sqlite(tmp_path), display=view) as api:
        openapi = (await api.client.get("/api/v1/openapi.json")).json()
        checked = []
        for route, operations in openapi["paths"].items():
            for method, operation in operations.items():
                path = route.replace("{kind}", "weather")
                for parameter in operation.get("parameters", []):
                    if parameter["in"] != "query":
                        continue
                    for value in _documented_values(parameter["schema"]):
                        response = await api.client.request(method, path, params={parameter["name"]: value})
                        assert response.status_code != 422, (route, parameter["name"], value, response.text)
                        checked.append((route, parameter["name"], value))
        assert sorted(checked) == [
            ("/api/v1/display/frame.png", "scale", "1"),
            ("/api/v1/display/frame.png", "scale", "16"),
            ("/api/v1/display/frame.png", "scale", "4"),
            ("/api/v1/records/{kind}/history", "limit", "1"),
            ("/api/v1/records/{kind}/history", "limit", "100"),
            ("/api/v1/records/{kind}/history", "limit", "1000"),
            ("/readyz", "strict", "0"),
            ("/readyz", "strict", "1"),
            ("/readyz", "strict", "false"),
            ("/readyz", "strict", "true"),
        ]


@pytest.mark.parametrize("route", ["/api/v1/records", "/readyz"])
async def test_an_undocumented_status_fails_the_check(tmp_path, route):
    """The checker itself: a 503 a route answers but its document leaves out is caught."""
    async with running_api(store_url_sqlite(tmp_path)) as api:
        openapi = (await api.client.get("/api/v1/openapi.json")).json()
        del openapi["paths"][route]["get"]["responses"]["503"]
        await api.store.aclose()
        with pytest.raises(AssertionError, match=f"503 is not documented for {route}"):
            await Checker(openapi).check(api, get(route))


def _documented_routes(openapi: dict) -> set[tuple[str, str]]:
    return {(path, method.upper()) for path, ops in openapi["paths"].items() for method in ops}


async def test_openapi_documents_every_route(tmp_path):
    async with running_api(store_url_sqlite(tmp_path)) as api:
        response = await api.client.get("/api/v1/openapi.json")
        assert response.status_code == 200
        openapi = response.json()
        assert openapi["openapi"] == "3.1.0"
        routes = set()
        for rule in api.app.url_map.iter_rules():
            path = re.sub(r"<(?:[^:>]+:)?([a-z_]+)>", r"{\1}", rule.rule)
            routes |= {(path, method) for method in rule.methods if method not in ("HEAD", "OPTIONS")}
        assert routes == _documented_routes(openapi)
        assert ("/api/v1/events", "GET") in routes
        for ops in openapi["paths"].values():
            for op in ops.values():
                for ref in re.findall(r"'\$ref': '#/components/schemas/(\w+)'", repr(op)):
                    assert ref in openapi["components"]["schemas"]
