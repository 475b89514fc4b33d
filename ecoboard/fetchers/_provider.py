"""The provider contract: what one adapter (one kind from one provider) declares.

A provider is data plus three pure functions. The fetcher framework (EXTRACT, LOAD) runs them;
the functions never do I/O:

- ``requests(ctx)`` lists the HTTP GETs one fetch needs, each with a name;
- ``follow_up(answers, ctx)`` (optional) lists more GETs that depend on those answers (the MLB
  providers ask for the days after an empty day). A follow-up adds to a fetch and never fails it:
  when one fails, its answer is left out of ``answers`` and the failure is logged once;
- ``transform(responses, ctx)`` turns the parsed JSON answers (by request name) into the kind's
  normalized ``data`` (docs/records.md) or raises :class:`ecoboard.PayloadError`;
- ``next_poll(data, ctx)`` says how many seconds to wait before the next fetch (C29: fast while a
  game is live or about to start, slow otherwise).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..config import Config, ProviderSettings


@dataclass(frozen=True)
class FetchContext:
    """Everything a provider function may read: the instant, the config, its settings, its API key."""

    now: datetime
    config: Config
    settings: ProviderSettings
    api_key: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class RequestSpec:
    """One HTTP GET of a fetch. ``secret_params`` are sent but never logged or shown in errors."""

    name: str
    url: str
    params: Mapping[str, str] = field(default_factory=dict)
    secret_params: Mapping[str, str] = field(default_factory=dict, repr=False)
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Provider:
    """One adapter: ``kind`` from provider ``name`` (the record's ``source``)."""

    kind: str
    name: str
    requests: Callable[[FetchContext], list[RequestSpec]]
    transform: Callable[[Mapping[str, Any], FetchContext], dict[str, Any]]
    next_poll: Callable[[Mapping[str, Any], FetchContext], float]
    default_base_url: str
    needs_api_key: bool = False
    follow_up: Callable[[Mapping[str, Any], FetchContext], list[RequestSpec]] | None = None
