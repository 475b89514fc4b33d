"""The provider contract: what one adapter (one kind from one provider) declares.

A provider is data plus three pure functions. The fetcher framework (EXTRACT, LOAD) runs them;
the functions never do I/O:

- ``requests(ctx)`` lists the HTTP GETs one fetch needs, each with a name;
- ``follow_up(answers, ctx)`` (optional) lists more GETs that depend on those answers (the MLB
  providers ask for the days after an empty day, NWS for the forecasts its points answer names).
  A follow-up is required unless its :class:`RequestSpec` says ``required=False``: a failed required
  one fails the fetch as a failed first request does; a failed optional one is left out of
  ``answers`` (the others' answers stay) and the failure is logged once;
- ``transform(responses, ctx)`` turns the parsed JSON answers (by request name) into the kind's
  normalized ``data`` (docs/records.md) or raises :class:`ecoboard.PayloadError`;
- ``next_poll(data, ctx)`` says how many seconds to wait before the next fetch (C29: fast while a
  game is live or about to start, slow otherwise);
- ``explain_status(spec, status)`` (optional) says what an HTTP error status to one of its requests
  means for the user (NWS: a 404 to the points request is a place outside the United States); the
  error then reads ``<provider>: <explanation>`` instead of naming the URL and the status line.

``options`` declares what the provider reads from ``providers.<kind>.options``: each option's reader
turns the value as written into what the provider uses, or raises :class:`OptionError`. The same
reader checks the configuration before anything starts (:func:`ecoboard.fetchers.check_provider_options`)
and reads the value during a fetch (:func:`ecoboard.fetchers._options.read_option`).
"""

from __future__ import annotations

import reprlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..config import Config, ProviderSettings


class OptionError(ValueError):
    """A provider option's value its reader cannot read.

    The message is ``"expected ..., got ..."``, or it continues the key path below the option
    (``".BOS.color: expected ..."``) when the problem is inside a mapping.
    """

    @classmethod
    def expected(cls, expectation: str, value: Any, *, at: str = "") -> OptionError:
        """The error ``<at>: expected <expectation>, got <value>`` (the value shortened when long)."""
        return cls(f"{at}{': ' if at else ''}expected {expectation}, got {reprlib.repr(value)}")


OptionReader = Callable[[Any], Any]
"""Reads one option's value as written in ``ecoboard.yaml`` into what the provider uses; raises :class:`OptionError`."""


@dataclass(frozen=True)
class FetchContext:
    """Everything a provider function may read: the instant, the config, its settings, its API key."""

    now: datetime
    config: Config
    settings: ProviderSettings
    api_key: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class RequestSpec:
    """One HTTP GET of a fetch. ``secret_params`` are sent but never logged or shown in errors.

    ``required`` matters for follow-up requests only (a first request is always required): when a
    required one fails the fetch fails; when an optional one fails the record is written without it.
    """

    name: str
    url: str
    params: Mapping[str, str] = field(default_factory=dict)
    secret_params: Mapping[str, str] = field(default_factory=dict, repr=False)
    headers: Mapping[str, str] = field(default_factory=dict)
    required: bool = True


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
    explain_status: Callable[[RequestSpec, int], str | None] | None = None
    options: Mapping[str, OptionReader] = field(default_factory=dict)
