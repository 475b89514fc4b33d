"""Display routes: the panel's state, its live frame as PNG, and control commands (token required).

A control command is published on the bus ``control`` channel; the appliance that drives the panel
consumes it. ``ecoboard api`` in the cluster has no panel of its own, but its commands still reach
the Pi over Redis, so control does not need a local display.
"""

from __future__ import annotations

import hmac
import io
import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

import numpy as np
import trio
from PIL import Image
from quart import Blueprint, Response, request

from .._errors import BusError
from .._record import iso_utc
from ._context import this_app
from ._json import error_response, json_response
from ._params import int_param

bp = Blueprint("display", __name__, url_prefix="/api/v1/display")

COMMANDS = ("pause", "play", "next", "prev", "brightness", "reload")
FRAME_PAGE = "Ecoboard-Page"
FRAME_PAGE_INDEX = "Ecoboard-Page-Index"
FRAME_PAUSED = "Ecoboard-Paused"
FRAME_AT = "Ecoboard-Frame-At"
FRAME_HEADERS = (FRAME_PAGE, FRAME_PAGE_INDEX, FRAME_PAUSED, FRAME_AT)
SCALE_DEFAULT = 4
SCALE_MAX = 16
_NO_DISPLAY = "no display: this API runs without the LED panel"


@bp.get("")
async def state() -> Response:
    """The display's state (page, paused, brightness, frame rate...); 503 when there is no display."""
    display = this_app().deps.display
    if display is None:
        return error_response(503, _NO_DISPLAY)
    return json_response(dict(display.state()))


def _png(frame: np.ndarray, scale: int) -> bytes:
    pixels = np.repeat(np.repeat(frame, scale, axis=0), scale, axis=1)
    out = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(pixels, dtype=np.uint8), "RGB").save(out, format="PNG", compress_level=1)
    return out.getvalue()


def frame_headers(state: Mapping[str, Any]) -> dict[str, str]:
    """What the display showed with this frame, as response headers (the page name percent-encoded)."""
    headers = {
        FRAME_PAGE: quote(str(state.get("page") or ""), safe=""),
        FRAME_PAGE_INDEX: str(state.get("page_index", "")),
        FRAME_PAUSED: "true" if state.get("paused") else "false",
    }
    at = state.get("last_frame_at")
    if at is not None:
        headers[FRAME_AT] = iso_utc(at) if isinstance(at, datetime) else str(at)
    return headers


@bp.get("/frame.png")
async def frame_png() -> Response:
    """The live frame as PNG, each LED ``scale`` × ``scale`` pixels (1..16, default 4).

    The ``Ecoboard-Page``, ``-Page-Index``, ``-Paused`` and ``Ecoboard-Frame-At`` headers describe
    this very frame: a client that shows the page name beside the picture takes it from here, not
    from a separate ``GET /display`` that may be a page-change apart.
    """
    scale = int_param("scale", SCALE_DEFAULT, 1, SCALE_MAX)
    display = this_app().deps.display
    if display is None:
        return error_response(503, _NO_DISPLAY)
    # the frame and the state together, with no checkpoint between: the render loop cannot run in between
    frame, state = display.latest_frame(), display.state()
    if frame is None:
        return error_response(503, "no frame yet")
    # copy on the trio thread (the render loop may reuse its buffer), encode on a worker thread
    png = await trio.to_thread.run_sync(_png, frame.copy(), scale)
    headers = {"Cache-Control": "no-store", **frame_headers(state)}
    return Response(png, content_type="image/png", headers=headers)


def _authorized(token: str) -> bool:
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), token.encode())


def control_refusal() -> Response | None:
    """The 503 (no control token configured) or 401 (not the right bearer token) of a control request,
    ``None`` when it may go on."""
    token = this_app().deps.control_token
    if not token:
        return error_response(503, "control is disabled: no control token is configured")
    if not _authorized(token):
        return error_response(
            401, "a valid 'Authorization: Bearer <token>' header is required", {"WWW-Authenticate": "Bearer"}
        )
    return None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


@dataclass(frozen=True)
class RefusedBody:
    """What :func:`json_body` gives for a body that is not strict JSON, with the words for the 422."""

    reason: str


class _KeyTwice(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``pairs`` as a dict; raises :class:`_KeyTwice` naming the first key (in body order) given twice."""
    counts = Counter(name for name, _ in pairs)
    for name, _ in pairs:
        if counts[name] > 1:
            raise _KeyTwice(name)
    return dict(pairs)


BRIGHTNESS_EXPECTED = 'brightness: expected a JSON body {"value": N} with N a whole number 0..100'
ECHO_MAX = 40
"""Characters of a refused value echoed back in the 422 (a longer one is cut with "...")."""


def json_body(raw: bytes) -> Any:
    """The request body as JSON, or a :class:`RefusedBody` when it is not strict JSON (NaN, Infinity,
    too deep, not UTF-8, a key named twice: which value would count is anyone's guess)."""
    try:
        return json.loads(raw, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except _KeyTwice as exc:
        return RefusedBody(f"a body naming the key {echo(exc.key)} twice")
    except (ValueError, RecursionError):
        return RefusedBody("a body that is not JSON")


def echo(value: Any) -> str:
    """``value`` as JSON text, cut to :data:`ECHO_MAX` characters (for a 422 that says what it got)."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= ECHO_MAX else text[: ECHO_MAX - 3] + "..."


def _brightness(body: Any) -> int | str:
    """The brightness asked for in ``body``, or what was received instead (for the 422)."""
    if isinstance(body, RefusedBody):
        return body.reason
    if not isinstance(body, dict):
        return f"the body {echo(body)}"
    if "value" not in body:
        return "no value"
    value = body["value"]
    if isinstance(value, float) and value.is_integer():  # 50.0 is 50 (NaN and infinities are not integers)
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        return echo(value)
    return value


def unknown_command() -> Response | None:
    """The 404 for ``POST /api/v1/display/<name>`` when ``name`` is no command, with the commands
    there are; ``None`` for any other path."""
    prefix = f"{bp.url_prefix}/"
    name = request.path.removeprefix(prefix)
    if request.method != "POST" or not request.path.startswith(prefix) or not name or "/" in name:
        return None
    return error_response(404, f"unknown command {name!r}", commands=list(COMMANDS))


# only the commands themselves: a catch-all would also take POST /frame.png, which must be a 405
@bp.post(f"/<any({', '.join(COMMANDS)}):command>")
async def control(command: str) -> Response:
    """Publish a control command on the bus; 202 once published.

    503 when no control token is configured (control disabled), 401 without the right
    ``Authorization: Bearer`` token, 422 for a bad brightness body (echoing what was received). An
    unknown command is no route: the app's 404 handler answers it with the list of commands
    (:func:`unknown_command`).
    """
    app = this_app()
    refused = control_refusal()
    if refused is not None:
        return refused
    payload: dict[str, Any] = {"command": command}
    if command == "brightness":
        value = _brightness(json_body(await request.get_data(as_text=False)))
        if isinstance(value, str):
            return error_response(422, f"{BRIGHTNESS_EXPECTED}, got {value}")
        payload["value"] = value
    try:
        await app.deps.bus.publish("control", payload)
    except BusError as exc:
        app.bus_outage.failed(f"{request.method} {request.path}", exc)
        return error_response(503, "the bus is unavailable; the command was not sent")
    app.bus_outage.answered()
    return json_response({"accepted": payload}, status=202)
