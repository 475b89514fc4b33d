"""Display routes on the real server: state, the live frame as PNG, and token-guarded control."""

from __future__ import annotations

import io
import logging
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pytest
import trio
from PIL import Image

from ._support import NOT_ASCII_WHOLE_NUMBERS, running_api, store_url_sqlite

TOKEN = "s3cret-control-token-7f2a"
NOT_FOUND = (
    "The requested URL was not found on the server. If you entered the URL manually please check your spelling "
    "and try again."
)


class PanelView:
    """A DisplayView over a fixed frame and state, as the appliance's render loop exposes them."""

    def __init__(self, frame: np.ndarray | None, last_frame_at: datetime | None = None) -> None:
        self.frame = frame
        self.last_frame_at = last_frame_at

    def state(self) -> Mapping[str, Any]:
        return {
            "page": "weather",
            "page_index": 1,
            "pages": ["clock", "weather", "mlb"],
            "paused": False,
            "brightness": 80,
            "fps": np.float64(59.9),
            "frame_time_ms": 2.5,
            "missed_frames": np.int64(3),
            "last_frame_at": self.last_frame_at,
        }

    def latest_frame(self) -> np.ndarray | None:
        return self.frame


def gradient_frame() -> np.ndarray:
    frame = np.zeros((64, 128, 3), dtype=np.uint8)
    frame[..., 0] = np.arange(128, dtype=np.uint8)[None, :] * 2
    frame[..., 1] = np.arange(64, dtype=np.uint8)[:, None] * 4
    frame[10, 20] = (255, 255, 255)
    return frame


async def test_display_routes_answer_503_without_a_display(tmp_path):
    async with running_api(store_url_sqlite(tmp_path)) as api:
        for path in ("/api/v1/display", "/api/v1/display/frame.png"):
            response = await api.client.get(path)
            assert response.status_code == 503
            assert response.json() == {"error": "no display: this API runs without the LED panel"}


async def test_display_state(tmp_path):
    at = datetime(2026, 12, 3, 17, 0, 1, tzinfo=UTC)
    async with running_api(store_url_sqlite(tmp_path), display=PanelView(gradient_frame(), at)) as api:
        response = await api.client.get("/api/v1/display")
        assert response.status_code == 200
        assert response.json() == {
            "page": "weather",
            "page_index": 1,
            "pages": ["clock", "weather", "mlb"],
            "paused": False,
            "brightness": 80,
            "fps": 59.9,
            "frame_time_ms": 2.5,
            "missed_frames": 3,
            "last_frame_at": "2026-12-03T17:00:01+00:00",
        }


@pytest.mark.parametrize("scale", [1, 4, 16])
async def test_frame_png_has_square_pixels(tmp_path, scale):
    frame = gradient_frame()
    async with running_api(store_url_sqlite(tmp_path), display=PanelView(frame)) as api:
        response = await api.client.get("/api/v1/display/frame.png", params={"scale": scale})
        assert response.status_code == 200
        assert response.headers["content-type"] == "image/png"
        assert response.headers["cache-control"] == "no-store"
        image = Image.open(io.BytesIO(response.content))
        assert image.size == (128 * scale, 64 * scale)
        pixels = np.asarray(image.convert("RGB"))
        assert np.array_equal(pixels[::scale, ::scale], frame)
        assert tuple(pixels[10 * scale + scale - 1, 20 * scale + scale - 1]) == (255, 255, 255)


async def test_frame_png_default_scale_and_errors(tmp_path):
    async with running_api(store_url_sqlite(tmp_path), display=PanelView(gradient_frame())) as api:
        default = await api.client.get("/api/v1/display/frame.png")
        assert Image.open(io.BytesIO(default.content)).size == (512, 256)
        for bad in ("0", "17", "two", "1.5", *NOT_ASCII_WHOLE_NUMBERS):
            response = await api.client.get("/api/v1/display/frame.png", params={"scale": bad})
            assert response.status_code == 422
            assert response.json() == {"error": f"scale: expected a whole number from 1 to 16, got {bad!r}"}
    async with running_api(store_url_sqlite(tmp_path), display=PanelView(None)) as api:
        response = await api.client.get("/api/v1/display/frame.png")
        assert response.status_code == 503
        assert response.json() == {"error": "no frame yet"}


class CyclingPanel:
    """A display whose render loop never stops: each step shows the next page and a new frame at once.

    Page ``i`` is drawn in red ``40 * i``; the frame number is written into pixel (0, 0)'s green and
    blue, and the frame shows at ``START`` plus that many 1/60 s.
    """

    PAGES = ("clock", "weather", "mlb", "nfl", "sun_moon")
    START = datetime(2026, 12, 3, 17, 0, tzinfo=UTC)

    def __init__(self) -> None:
        self.count = 0
        self.page_index = 0
        self.frame = np.zeros((64, 128, 3), dtype=np.uint8)
        self.last_frame_at = self.START

    def step(self) -> None:
        self.count += 1
        self.page_index = self.count % len(self.PAGES)
        self.frame[...] = (40 * self.page_index, 0, 0)
        self.frame[0, 0, 1:] = (self.count // 256 % 256, self.count % 256)
        self.last_frame_at = self.START + timedelta(seconds=self.count / 60)

    async def run(self) -> None:
        while True:
            self.step()
            await trio.lowlevel.checkpoint()

    def state(self) -> Mapping[str, Any]:
        return {
            "page": self.PAGES[self.page_index],
            "page_index": self.page_index,
            "pages": list(self.PAGES),
            "paused": self.count % 2 == 1,
            "brightness": 80,
            "fps": 60.0,
            "frame_time_ms": 1.0,
            "missed_frames": 0,
            "last_frame_at": self.last_frame_at,
        }

    def latest_frame(self) -> np.ndarray | None:
        return self.frame.copy()


async def test_frame_headers_name_the_page_of_that_very_frame(tmp_path):
    view = CyclingPanel()
    async with running_api(store_url_sqlite(tmp_path), display=view) as api, trio.open_nursery() as nursery:
        nursery.start_soon(view.run)
        seen = set()
        for _ in range(12):
            response = await api.client.get("/api/v1/display/frame.png", params={"scale": 1})
            assert response.status_code == 200
            pixels = np.asarray(Image.open(io.BytesIO(response.content)).convert("RGB"))
            index = int(pixels[5, 5, 0]) // 40
            count = int(pixels[0, 0, 1]) * 256 + int(pixels[0, 0, 2])
            assert response.headers["ecoboard-page-index"] == str(index)
            assert response.headers["ecoboard-page"] == CyclingPanel.PAGES[index]
            assert response.headers["ecoboard-paused"] == ("true" if count % 2 else "false")
            shown_at = CyclingPanel.START + timedelta(seconds=count / 60)
            assert response.headers["ecoboard-frame-at"] == shown_at.isoformat()
            seen.add(index)
        nursery.cancel_scope.cancel()
    assert len(seen) > 1  # the panel moved on between requests, and every answer stayed consistent


async def test_frame_headers_percent_encode_the_page_and_take_iso_text(tmp_path):
    class Renamed(PanelView):
        def state(self) -> Mapping[str, Any]:
            return {**super().state(), "page": "météo 2", "last_frame_at": "2026-12-03T17:00:01+00:00"}

    async with running_api(store_url_sqlite(tmp_path), display=Renamed(gradient_frame())) as api:
        response = await api.client.get("/api/v1/display/frame.png")
        assert response.status_code == 200
        assert response.headers["ecoboard-page"] == "m%C3%A9t%C3%A9o%202"
        assert (response.headers["ecoboard-page-index"], response.headers["ecoboard-paused"]) == ("1", "false")
        assert response.headers["ecoboard-frame-at"] == "2026-12-03T17:00:01+00:00"


async def _control(api, command: str, *, token: str | None = TOKEN, **kwargs: Any):
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return await api.client.post(f"/api/v1/display/{command}", headers=headers, **kwargs)


async def test_control_is_disabled_without_a_configured_token(tmp_path):
    async with running_api(store_url_sqlite(tmp_path)) as api:
        response = await _control(api, "pause")
        assert response.status_code == 503
        assert response.json() == {"error": "control is disabled: no control token is configured"}


async def test_control_needs_the_right_bearer_token(tmp_path):
    async with running_api(store_url_sqlite(tmp_path), token=TOKEN) as api:
        for headers in (
            {},
            {"Authorization": "Bearer wrong"},
            {"Authorization": f"Basic {TOKEN}"},
            {"Authorization": TOKEN},
            {"Authorization": f"Bearer {TOKEN}x"},
        ):
            response = await api.client.post("/api/v1/display/next", headers=headers)
            assert response.status_code == 401
            assert response.headers["www-authenticate"] == "Bearer"
            assert response.json() == {"error": "a valid 'Authorization: Bearer <token>' header is required"}
        unknown = await _control(api, "dance")  # not a command: no such route
        assert unknown.status_code == 404
        assert unknown.headers["content-type"] == "application/json"
        assert unknown.json() == {
            "error": "unknown command 'dance'",
            "commands": ["pause", "play", "next", "prev", "brightness", "reload"],
        }
        # not a command either: a deeper path, or another method, keeps the router's own answer
        deeper = await _control(api, "next/now")
        assert deeper.status_code == 404
        assert deeper.json() == {"error": NOT_FOUND}
        asked = await api.client.get("/api/v1/display/dance")
        assert asked.status_code == 404
        assert asked.json() == {"error": NOT_FOUND}


async def test_accepted_commands_are_published_on_the_control_channel(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    view = PanelView(None)
    async with (
        running_api(store_url_sqlite(tmp_path), token=TOKEN, display=view) as api,
        api.bus.subscribe(("control",)) as messages,
    ):
        assert (await messages.__anext__()).channel == "connected"
        sent = []
        for command in ("pause", "play", "next", "prev", "reload"):
            response = await _control(api, command)
            assert response.status_code == 202
            assert response.json() == {"accepted": {"command": command}}
            sent.append({"command": command})
        response = await _control(api, "brightness", json={"value": 35})
        assert response.status_code == 202
        assert response.json() == {"accepted": {"command": "brightness", "value": 35}}
        sent.append({"command": "brightness", "value": 35})
        with trio.fail_after(5):
            received = [(await messages.__anext__()) for _ in sent]
        assert [(m.channel, m.payload) for m in received] == [("control", p) for p in sent]
    assert TOKEN not in caplog.text
    assert TOKEN not in repr(api.app.deps)


async def test_brightness_needs_a_value_from_0_to_100_and_the_422_says_what_it_got(tmp_path):
    expected = 'brightness: expected a JSON body {"value": N} with N a whole number 0..100, got '
    refused = [
        ({"value": 101}, "101"),
        ({"value": -1}, "-1"),
        ({"value": True}, "true"),
        ({"value": "50"}, '"50"'),
        ({"value": 50.5}, "50.5"),
        ({"value": [1]}, "[1]"),
        ({"value": None}, "null"),
        ({"value": 10**400}, "1" + "0" * 36 + "..."),  # too big for a float: a 422, not a 500
        ({"value": "x" * 100}, '"' + "x" * 36 + "..."),
        ({}, "no value"),
        ([50], "the body [50]"),
        (None, "a body that is not JSON"),  # no body at all
    ]
    async with running_api(store_url_sqlite(tmp_path), token=TOKEN) as api:
        for body, got in refused:
            response = await _control(api, "brightness", json=body)
            assert response.status_code == 422, body
            assert response.json() == {"error": expected + got}
        # not strict JSON (NaN, a number too big for a float, nesting deeper than the parser goes): 422, not 500
        for raw, got in (
            (b"not json", "a body that is not JSON"),
            (b'{"value": NaN}', "a body that is not JSON"),
            (b'{"value": Infinity}', "a body that is not JSON"),
            (b'{"value": 1e999}', "Infinity"),
            (b'{"value":' + b"[" * 100_000 + b"]" * 100_000 + b"}", "a body that is not JSON"),
            (b"\xff\xfe", "a body that is not JSON"),
            (b'{"value": 10, "value": 90}', 'a body naming the key "value" twice'),
        ):
            response = await _control(api, "brightness", content=raw)
            assert response.status_code == 422, raw[:20]
            assert response.json() == {"error": expected + got}
        for value in (0, 100, 50.0):
            response = await _control(api, "brightness", json={"value": value})
            assert response.status_code == 202
            assert response.json() == {"accepted": {"command": "brightness", "value": int(value)}}


class BrokenView(PanelView):
    """A display whose state cannot be read (a bug in the host)."""

    def state(self) -> Mapping[str, Any]:
        raise RuntimeError("render state torn: page index 9 of 3")


async def test_an_unexpected_error_is_a_json_500_without_details(tmp_path, caplog):
    async with running_api(store_url_sqlite(tmp_path), display=BrokenView(None)) as api:
        response = await api.client.get("/api/v1/display")
        assert response.status_code == 500
        assert response.json() == {"error": "internal error"}
        assert (await api.client.get("/healthz")).status_code == 200  # the server carries on
    assert "GET /api/v1/display failed" in caplog.text
    assert "render state torn" in caplog.text  # the traceback goes to the log, not to the client
