"""The HTTP API and live dashboard feed: quart-trio on hypercorn's trio worker (see README)."""

from ._app import create_app
from ._context import EcoboardApp
from ._deps import ApiDeps, DisplayView, HealthFn
from ._serve import serve_api
from ._sse import decode_event_id, encode_event_id

__all__ = [
    "ApiDeps",
    "DisplayView",
    "EcoboardApp",
    "HealthFn",
    "create_app",
    "decode_event_id",
    "encode_event_id",
    "serve_api",
]
