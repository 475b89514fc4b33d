"""Query parameters on the real server: every documented one is read once, strictly."""

from __future__ import annotations

import trio

from ._support import running_api, store_url_sqlite


async def test_every_query_parameter_given_twice_is_a_422_naming_it(tmp_path):
    """``?limit=1&limit=2`` is refused, not read as its first value: on every route that takes a query
    parameter (found in the OpenAPI document), with valid values both times."""
    async with running_api(store_url_sqlite(tmp_path)) as api:
        openapi = (await api.client.get("/api/v1/openapi.json")).json()
        answers = {}
        for route, operations in openapi["paths"].items():
            for method, operation in operations.items():
                for parameter in operation.get("parameters", []):
                    if parameter["in"] != "query":
                        continue
                    name = parameter["name"]
                    path = route.replace("{kind}", "weather")
                    response = await api.client.request(method, path, params=[(name, "1"), (name, "1")])
                    answers[(method.upper(), path)] = (response.status_code, response.json())
        assert answers == {
            ("GET", "/api/v1/records/weather/history"): (
                422,
                {"error": "limit: expected it at most once, got it 2 times"},
            ),
            ("GET", "/api/v1/events"): (422, {"error": "last_event_id: expected it at most once, got it 2 times"}),
            ("GET", "/api/v1/display/frame.png"): (422, {"error": "scale: expected it at most once, got it 2 times"}),
            ("GET", "/readyz"): (422, {"error": "strict: expected it at most once, got it 2 times"}),
        }


async def test_a_repeated_last_event_id_is_refused_even_beside_the_header(tmp_path):
    async with running_api(store_url_sqlite(tmp_path)) as api:
        response = await api.client.get(
            "/api/v1/events",
            params=[("last_event_id", "weather.1"), ("last_event_id", "weather.2"), ("last_event_id", "")],
            headers={"Last-Event-ID": "weather.1"},
        )
        assert response.status_code == 422
        assert response.json() == {"error": "last_event_id: expected it at most once, got it 3 times"}


async def test_a_parameter_given_once_is_read_as_before(tmp_path):
    async with running_api(store_url_sqlite(tmp_path)) as api:
        await api.write("weather")
        await api.write("weather")
        history = await api.client.get("/api/v1/records/weather/history", params=[("limit", "1")])
        assert [r["version"] for r in history.json()["records"]] == [2]
        # another parameter beside it does not count as a repeat
        history = await api.client.get("/api/v1/records/weather/history", params=[("limit", "2"), ("other", "2")])
        assert [r["version"] for r in history.json()["records"]] == [2, 1]
        strict = await api.client.get("/readyz", params=[("strict", "yes")])
        assert strict.json() == {"error": "strict: expected 1, true, 0 or false, got 'yes'"}


async def _raw_get(port: int, target: bytes) -> bytes:
    """The whole answer to one ``GET target`` sent byte for byte (httpx would percent-encode it)."""
    async with await trio.open_tcp_stream("127.0.0.1", port) as stream:
        await stream.send_all(b"GET " + target + b" HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        answer = b""
        with trio.fail_after(10):
            while chunk := await stream.receive_some():
                answer += chunk
    return answer


async def test_a_request_line_h11_refuses_is_a_bare_400_from_the_server_not_the_app(tmp_path):
    """Raw non-ASCII in the request target is malformed HTTP: hypercorn (h11) refuses it before the
    app sees it, with an empty 400 (as the README says); the same value percent-encoded reaches the
    app, which answers JSON."""
    async with running_api(store_url_sqlite(tmp_path)) as api:
        raw = await _raw_get(api.port, "/api/v1/records/mlb/history?limit=\uff11".encode())
        head, _, body = raw.partition(b"\r\n\r\n")
        assert (head.split(b"\r\n")[0], b"content-length: 0" in head.split(b"\r\n"), body) == (
            b"HTTP/1.1 400 ",
            True,
            b"",
        )
        encoded = await api.client.get("/api/v1/records/mlb/history?limit=%EF%BC%91")
        assert (encoded.status_code, encoded.json()) == (
            422,
            {"error": "limit: expected a whole number from 1 to 1000, got '\uff11'"},
        )
