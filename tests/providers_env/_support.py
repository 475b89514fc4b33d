"""Shared helpers of the environment-provider tests: fixtures, a FetchContext, schema validation."""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from ecoboard.config import parse_config
from ecoboard.fetchers import FetchContext

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SCHEMAS = Path(__file__).resolve().parents[2] / "ecoboard" / "fetchers" / "schemas"


def fixture(relative: str) -> Any:
    """The parsed JSON of a recorded provider answer under tests/fixtures/."""
    return json.loads((FIXTURES / relative).read_text(encoding="utf-8"))


def context(kind: str, now: str = "2024-01-01T12:00:00+00:00", *, api_key: str | None = None,
            **config: Any) -> FetchContext:
    """A FetchContext for ``kind`` built from a parsed config (``config`` are top-level overrides)."""
    cfg = parse_config(config, source="(test)", environ={})
    return FetchContext(now=datetime.fromisoformat(now), config=cfg, settings=cfg.providers[kind], api_key=api_key)


@cache
def _validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def validate(kind: str, data: Any) -> None:
    """Raise when ``data`` does not match ecoboard/fetchers/schemas/<kind>.schema.json."""
    _validator(kind).validate(json.loads(json.dumps(data)))


def transformed(module: Any, answer: Any, **config: Any) -> dict[str, Any]:
    """``module``'s single-request provider run on ``answer`` (with config overrides), schema-checked."""
    provider = module.PROVIDERS[0]
    data = provider.transform({module.REQUEST: answer}, context(provider.kind, **config))
    validate(provider.kind, data)
    return data
