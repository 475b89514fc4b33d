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
    "description": "weather, aqi, mlb, nfl, sun_moon, reminder",
}
_BEARER = [{"bearer": []}]
_STORE_DOWN = _json(_ERROR, "the record store is unavailable (PostgreSQL down or not reachable)")

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
                },
                "503": _STORE_DOWN,
            },
        }
    },
    "/api/v1/records/{kind}": {
        "get": {
            "summary": "The latest record of one kind",
            "parameters": [_KIND],
            "responses": {
                "200": _json(_RECORD, "the record"),
                "404": _json(_ERROR, "unknown kind (with `kinds`, the list of kinds) or no record yet (with `kind`)"),
                "503": _STORE_DOWN,
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
                "404": _json(_ERROR, "unknown kind (with `kinds`, the list of kinds)"),
                "422": _json(_ERROR, "limit is not a whole number from 1 to 1000, or is given more than once"),
                "503": _STORE_DOWN,
            },
        }
    },
    "/api/v1/environment": {
        "get": {
            "summary": "Weather, air quality and sun/moon (null when a kind has no record), and the board's time zone",
            "responses": {
                "200": {
                    "description": "the environment",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["timezone", "weather", "aqi", "sun_moon"],
                                "additionalProperties": False,
                                "properties": {
                                    "timezone": {
                                        "type": "string",
                                        "description": (
                                            "the configured IANA zone (`timezone`): the panel and the dashboard show "
                                            "every time in it, whatever zone a record's own data names"
                                        ),
                                    },
                                    **{
                                        k: {"oneOf": [{"$ref": _RECORD}, {"type": "null"}]}
                                        for k in ("weather", "aqi", "sun_moon")
                                    },
                                },
                            }
                        }
                    },
                },
                "503": _STORE_DOWN,
            },
        }
    },
    "/api/v1/board": {
        "get": {
            "summary": "The board's time zone, units and followed teams, and whether its record store answers",
            "description": (
                "Configuration, not records: answered while the store is down too, so the dashboard shows times "
                "in the board's zone and its teams first. `store` is one ping within 2 s: `unreachable` means the "
                "records shown are the last ones received."
            ),
            "responses": {"200": _json("#/components/schemas/Board", "the board")},
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
                },
                "422": _json(_ERROR, "last_event_id is given more than once"),
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
                "422": _json(_ERROR, "scale is not a whole number from 1 to 16, or is given more than once"),
                "503": _json(_ERROR, "no display (the API runs without the panel) or no frame drawn yet"),
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
                    "description": (
                        "published on the bus; the display applies it within a frame, so a client that shows "
                        "the state reads GET /api/v1/display again"
                    ),
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["accepted"],
                                "properties": {
                                    "accepted": {
                                        "type": "object",
                                        "required": ["command"],
                                        "properties": {
                                            "command": {"type": "string"},
                                            "value": {"type": "integer", "description": "brightness only"},
                                        },
                                    }
                                },
                            }
                        }
                    },
                },
                "401": _json(_ERROR, "missing or wrong bearer token"),
                "404": _json(_ERROR, "unknown command (with `commands`, the commands there are)"),
                "422": _json(_ERROR, "bad brightness body (the error says what was received)"),
                "503": _json(_ERROR, "control disabled (no token configured) or bus unavailable"),
            },
        }
    },
    "/api/v1/reminder/done": {
        "post": {
            "summary": (
                "Mark the reminder page's current window done, or undo it: writes a `reminder` record and "
                "announces it on the bus `update` channel"
            ),
            "security": _BEARER,
            "requestBody": {
                "required": False,
                "description": 'no body marks done, as `{"done": true}` does; `{"done": false}` undoes',
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["done"],
                            "additionalProperties": False,
                            "properties": {"done": {"type": "boolean"}},
                        }
                    }
                },
            },
            "responses": {
                "200": _json(
                    _RECORD,
                    "the `reminder` record written (as GET /api/v1/records/reminder answers it); also when the "
                    "bus is unavailable, since appliances re-read the store",
                ),
                "401": _json(_ERROR, "missing or wrong bearer token"),
                "422": _json(_ERROR, 'a body other than none or {"done": true|false} (the error says what it got)'),
                "503": _json(_ERROR, "control disabled (no token configured) or the store unavailable (nothing kept)"),
            },
        }
    },
    "/api/v1/openapi.json": {
        "get": {
            "summary": "This document",
            "responses": {
                "200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}
            },
        }
    },
    "/healthz": {
        "get": {
            "summary": "Alive",
            "responses": {
                "200": {
                    "description": "the event loop answers",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["status"],
                                "properties": {"status": {"const": "alive"}},
                            }
                        }
                    },
                }
            },
        }
    },
    "/readyz": {
        "get": {
            "summary": "Ready: store reachable, recent frame (with a display); per-kind freshness",
            "description": (
                "Waits at most 2 s for the store: a store that does not answer by then is a 503 with the "
                "reason `store unreachable: the store did not answer within 2 s` (within a probe's timeout)."
            ),
            "parameters": [
                {
                    "name": "strict",
                    "in": "query",
                    "schema": {"type": "string", "enum": ["0", "1", "true", "false"], "default": "0"},
                    "description": "1 or true: also require a fresh record of every enabled kind",
                }
            ],
            "responses": {
                "200": _json("#/components/schemas/Readiness", "ready"),
                "422": _json(_ERROR, "strict is not one of 0, 1, true, false, or is given more than once"),
                "503": _json(
                    "#/components/schemas/Readiness",
                    "not ready (store unreachable, no recent frame...); `reasons` says why",
                ),
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
            "kinds": {"type": "array", "items": {"type": "string"}, "description": "unknown kind: the kinds there are"},
            "kind": {"type": "string", "description": "no record yet: the kind asked for"},
            "commands": {
                "type": "array",
                "items": {"type": "string"},
                "description": "unknown control command: the commands there are",
            },
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
    "Board": {
        "type": "object",
        "required": ["timezone", "units", "teams", "team_aliases", "store"],
        "additionalProperties": False,
        "properties": {
            "timezone": {
                "type": "string",
                "description": "the configured IANA zone (`timezone`) the panel shows every time in",
            },
            "units": {"enum": ["imperial", "metric"], "description": "the configured `units` of the panel"},
            "teams": {
                "type": "object",
                "required": ["mlb", "nfl"],
                "additionalProperties": False,
                "properties": {
                    league: {
                        "type": "array",
                        "items": {"type": "string"},
                        "description": f"`teams.{league}`: abbreviations or provider team ids, as configured",
                    }
                    for league in ("mlb", "nfl")
                },
            },
            "team_aliases": {
                "type": "object",
                "additionalProperties": {"type": "string"},
                "description": "abbreviations the board takes for the same team (`CHW` is `CWS`), either way",
            },
            "store": {"enum": ["ok", "unreachable"], "description": "whether the record store answered now"},
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
            "bus": {
                "enum": ["connecting", "connected", "away"],
                "description": (
                    "the update subscription (on a board in cluster or hybrid mode, its Redis one); `away` "
                    "(lost, or the first attempt failed; until back) is not ready"
                ),
            },
            "display": {"type": ["object", "null"]},
            "records_from": {
                "type": "string",
                "enum": ["store", "memory"],
                "description": "`kinds` describes the store's records, or (store unreachable) those held in memory",
            },
            "kinds": {
                "type": "object",
                "description": "per kind: version, fetched_at, valid_until, fresh; `fetch` for kinds fetched here",
            },
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
            "method it does not list answers 405 with an `Allow` header and `allowed`, the methods it takes; "
            'an unexpected failure answers 500 `{"error": "internal error"}` (logged with its traceback); a '
            "query parameter given more than once answers 422 naming it. "
            "Each route lists every other status it answers."
        ),
    },
    "paths": _PATHS,
    "components": {"schemas": _SCHEMAS, "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
}


@bp.get("/api/v1/openapi.json")
async def openapi() -> Response:
    """The OpenAPI document."""
    return json_response(OPENAPI)
