"""Provider options (``providers.<kind>.options``): checked against what each provider declares before
anything starts, and read through the same readers during a fetch.

A problem is one line naming the key path and what was expected, e.g.
``providers.mlb.options.next_game_days: expected a whole number from 1 to 60, got 'ten'``; an option the
provider does not read is named with the ones it does.
"""

from __future__ import annotations

from typing import Any

from .._errors import ConfigError
from ..config import Config, ProviderSettings, config_problems
from ._provider import FetchContext, OptionError, OptionReader, Provider
from .providers import get_provider


def _line(kind: str, name: str, error: OptionError) -> str:
    problem = str(error)
    return f"providers.{kind}.options.{name}{'' if problem.startswith(('.', '[')) else ': '}{problem}"


def read_option(ctx: FetchContext, kind: str, name: str, read: OptionReader, default: Any) -> Any:
    """Option ``name`` of ``ctx.settings`` as ``read`` reads it, ``default`` when it is not set.

    A value ``read`` refuses raises :class:`ConfigError` naming ``providers.<kind>.options.<name>``
    (the start-up check has refused it already when the fetcher was started from a configuration).
    """
    if name not in ctx.settings.options:
        return default
    try:
        return read(ctx.settings.options[name])
    except OptionError as exc:
        raise ConfigError(_line(kind, name, exc)) from None


def option_errors(kind: str, settings: ProviderSettings, provider: Provider) -> list[str]:
    """The problems of ``settings.options`` for ``provider``, one line each (empty when there are none)."""
    errors = []
    for name, value in settings.options.items():
        read = provider.options.get(name)
        if read is None:
            takes = "it takes no options"
            if provider.options:
                takes = f"expected one of {', '.join(sorted(provider.options))}"
            errors.append(f"providers.{kind}.options.{name}: unknown option of provider {provider.name}; {takes}")
            continue
        try:
            read(value)
        except OptionError as exc:
            errors.append(_line(kind, name, exc))
    return errors


def check_provider_options(config: Config, source: str | None = None) -> None:
    """Refuse provider options the providers do not read as written, before any fetcher starts.

    Every configured kind is checked (enabled or not, as the loader checks every key). Raises one
    :class:`ConfigError` line ``<source>: <problem>[; <problem>...]``; ``source`` is the configuration
    file (``None``: the built-in defaults). A kind whose provider is unknown is left to
    :func:`~ecoboard.fetchers.provider_for`, which names the choices.
    """
    errors = []
    for kind, settings in config.providers.items():
        try:
            provider = get_provider(kind, settings.provider)
        except ConfigError:
            continue
        errors += option_errors(kind, settings, provider)
    if errors:
        raise config_problems(errors, source)
