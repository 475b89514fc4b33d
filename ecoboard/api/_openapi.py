"""The hand-written OpenAPI 3.1 document of every route (a test checks none is missing)."""

from __future__ import annotations

from typing import Any

from quart import Blueprint, Response

from .._version import __version__
from ._json import json_response

bp = Blueprint("openapi", __name__)


def _json(schema_ref: str, description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": schema_ref}}}}


_ERROR = "#/components/schemas/Error"
_RECORD = "#/components/schemas/Record"
_KIND = {
    "name": "kind",
    "in": "path",
    "required": True,
    "schema": {"type": "string"},
    "description": "weather, aqi, mlb, nfl, sun_moon",
}
_BEARER = [{"bearer": []}]

_PATHS: dict[str, Any] = {
    "/api/v1/records": {
        "get": {
            "summary": "The latest record of every kind that has one",
            "responses": {
                "200": {
                    "description": "{kind: record}",
                    "content": {
                        "application/json": {"schema": {"type": "object", "additionalProperties": {"$ref": _RECORD}}}
                    },
                }
            },
        }
    },
    "/api/v1/records/{kind}": {
        "get": {
            "summary": "The latest record of one kind",
            "parameters": [_KIND],
            "responses": {
                "200": _json(_RECORD, "the record"),
                "404": _json(_ERROR, "unknown kind (with the list of kinds) or no record yet"),
            },
        }
    },
    "/api/v1/records/{kind}/history": {
        "get": {
            "summary": "Recent records of one kind, newest first",
            "parameters": [
                _KIND,
                {
                    "name": "limit",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100},
                },
            ],
            "responses": {
                "200": {
                    "description": "the history",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["kind", "records"],
                                "properties": {
                                    "kind": {"type": "string"},
                                    "records": {"type": "array", "items": {"$ref": _RECORD}},
                                },
                            }
                        }
                    },
                },
                "404": _json(_ERROR, "unknown kind"),
                "422": _json(_ERROR, "bad limit"),
            },
        }
    },
    "/api/v1/environment": {
        "get": {
            "summary": "Weather, air quality and sun/moon together (null when a kind has no record)",
            "responses": {
                "200": {
                    "description": "the environment",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    k: {"oneOf": [{"$ref": _RECORD}, {"type": "null"}]}
                                    for k in ("weather", "aqi", "sun_moon")
                                },
                            }
                        }
                    },
                }
            },
        }
    },
    "/api/v1/events": {
        "get": {
            "summary": "Server-Sent Events: one `record` event per update",
            "description": (
                "Starts with `retry: 3000`, then the current record of every kind the client has not seen, "
                "then one `record` event (data: the record JSON, as in /records/{kind}) per update. "
                "A `: keep-alive` comment follows every 15 s of silence. Each event's `id` is the version "
                "vector of everything the client has seen, `weather.12-aqi.5-mlb.40`; on reconnect the "
                "browser sends it as `Last-Event-ID` and receives exactly the kinds that changed since."
            ),
            "parameters": [
                {"name": "Last-Event-ID", "in": "header", "schema": {"type": "string"}},
                {
                    "name": "last_event_id",
                    "in": "query",
                    "schema": {"type": "string"},
                    "description": "the same, for a new EventSource resuming from a stored id",
                },
            ],
            "responses": {
                "200": {
                    "description": "the event stream",
                    "content": {"text/event-stream": {"schema": {"type": "string"}}},
                }
            },
        }
    },
    "/api/v1/display": {
        "get": {
            "summary": "The LED display's state",
            "responses": {
                "200": _json("#/components/schemas/DisplayState", "the state"),
                "503": _json(_ERROR, "no display (the API runs without the panel)"),
            },
        }
    },
    "/api/v1/display/frame.png": {
        "get": {
            "summary": "The live LED frame as PNG, square pixels",
            "parameters": [
                {
                    "name": "scale",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 1, "maximum": 16, "default": 4},
                }
            ],
            "responses": {
                "200": {
                    "description": "128·scale × 64·scale PNG; the headers describe this frame",
                    "headers": {
                        "Ecoboard-Page": {
                            "description": "the page shown (percent-encoded)",
                            "schema": {"type": "string"},
                        },
                        "Ecoboard-Page-Index": {"description": "its place in the cycle", "schema": {"type": "integer"}},
                        "Ecoboard-Paused": {"schema": {"type": "string", "enum": ["true", "false"]}},
                        "Ecoboard-Frame-At": {
                            "description": "when the frame was shown",
                            "schema": {"type": "string", "format": "date-time"},
                        },
                    },
                    "content": {"image/png": {"schema": {"type": "string", "format": "binary"}}},
                },
                "422": _json(_ERROR, "bad scale"),
                "503": _json(_ERROR, "no display or no frame yet"),
            },
        }
    },
    "/api/v1/display/{command}": {
        "post": {
            "summary": "Send a control command to the display (published on the bus `control` channel)",
            "security": _BEARER,
            "parameters": [
                {
                    "name": "command",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string", "enum": ["pause", "play", "next", "prev", "brightness", "reload"]},
                }
            ],
            "requestBody": {
                "required": False,
                "description": "brightness only",
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["value"],
                            "properties": {"value": {"type": "integer", "minimum": 0, "maximum": 100}},
                        }
                    }
                },
            },
            "responses": {
                "202": {
                    "description": "accepted",
                    "content": {
                        "application/json": {
                            "schema": {"type": "object", "properties": {"accepted": {"type": "object"}}}
                        }
                    },
                },
                "401": _json(_ERROR, "missing or wrong bearer token"),
                "404": _json(_ERROR, "unknown command"),
                "422": _json(_ERROR, "bad brightness body"),
                "503": _json(_ERROR, "control disabled (no token configured) or bus unavailable"),
            },
        }
    },
    "/api/v1/openapi.json": {"get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3.1"}}}},
    "/healthz": {"get": {"summary": "Alive", "responses": {"200": {"description": '{"status": "alive"}'}}}},
    "/readyz": {
        "get": {
            "summary": "Ready: store reachable, recent frame (with a display); per-kind freshness",
            "parameters": [
                {
                    "name": "strict",
                    "in": "query",
                    "schema": {"type": "string", "enum": ["1", "true"]},
                    "description": "also require a fresh record of every enabled kind",
                }
            ],
            "responses": {
                "200": _json("#/components/schemas/Readiness", "ready"),
                "503": _json("#/components/schemas/Readiness", "not ready; `reasons` says why"),
            },
        }
    },
    "/": {
        "get": {
            "summary": "The dashboard (or how to build it)",
            "responses": {"200": {"description": "HTML", "content": {"text/html": {}}}},
        }
    },
    "/{path}": {
        "get": {
            "summary": "A dashboard file, or the dashboard itself for client-side routes (never under /api)",
            "parameters": [{"name": "path", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "the file"}, "404": _json(_ERROR, "no such file")},
        }
    },
}

_SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {"type": "string"},
            "allowed": {"type": "array", "items": {"type": "string"}, "description": "405 only: the methods allowed"},
        },
        "additionalProperties": True,
    },
    "Record": {
        "type": "object",
        "required": ["kind", "version", "fetched_at", "valid_until", "source", "data", "stale"],
        "description": "The normalized data of each kind is documented in docs/records.md.",
        "properties": {
            "kind": {"type": "string"},
            "version": {"type": "integer"},
            "fetched_at": {"type": "string", "format": "date-time"},
            "valid_until": {"type": "string", "format": "date-time"},
            "source": {"type": "string"},
            "data": {"type": "object"},
            "stale": {"type": "boolean", "description": "true once valid_until has passed"},
        },
    },
    "DisplayState": {
        "type": "object",
        "properties": {
            "page": {"type": "string"},
            "page_index": {"type": "integer"},
            "pages": {"type": "array", "items": {"type": "string"}},
            "paused": {"type": "boolean"},
            "brightness": {"type": "integer"},
            "fps": {"type": "number"},
            "frame_time_ms": {"type": "number"},
            "missed_frames": {"type": "integer"},
            "last_frame_at": {"type": ["string", "null"], "format": "date-time"},
        },
    },
    "Readiness": {
        "type": "object",
        "required": ["ready", "reasons"],
        "properties": {
            "ready": {"type": "boolean"},
            "reasons": {"type": "array", "items": {"type": "string"}},
            "store": {"type": "string"},
            "display": {"type": ["object", "null"]},
            "kinds": {"type": "object"},
        },
    },
}

OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "ecoboard API",
        "version": __version__,
        "description": (
            "Records (docs/records.md), live updates over SSE, the LED display and its control. "
            'Every error is JSON, `{"error": message, ...}` (schema Error); a path below asked with a '
            "method it does not list answers 405 with an `Allow` header and `allowed`, the methods it takes."
        ),
    },
    "paths": _PATHS,
    "components": {"schemas": _SCHEMAS, "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
}


@bp.get("/api/v1/openapi.json")
async def openapi() -> Response:
    """The OpenAPI document."""
    return json_response(OPENAPI)
