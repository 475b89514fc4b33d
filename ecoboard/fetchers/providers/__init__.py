"""The provider registry. Each module here defines one or more :class:`~ecoboard.fetchers.Provider`
objects in a module-level ``PROVIDERS`` tuple; this package collects them by ``(kind, name)``.
Provider modules are pure (no I/O, no httpx): the fetcher framework performs their requests.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from ..._errors import ConfigError
from .._provider import Provider


@cache
def all_providers() -> dict[tuple[str, str], Provider]:
    """Every registered provider, keyed by ``(kind, provider name)``."""
    found: dict[tuple[str, str], Provider] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for provider in module.PROVIDERS:
            key = (provider.kind, provider.name)
            if key in found:
                raise RuntimeError(f"provider {key} is registered twice")
            found[key] = provider
    return found


def get_provider(kind: str, name: str) -> Provider:
    """The provider ``name`` for ``kind``; a :class:`ConfigError` lists the choices when unknown."""
    providers = all_providers()
    try:
        return providers[(kind, name)]
    except KeyError:
        choices = sorted(n for k, n in providers if k == kind)
        expected = ", ".join(choices) if choices else "(none registered)"
        raise ConfigError(f"providers.{kind}.provider: expected one of {expected}, got {name!r}") from None


__all__ = ["all_providers", "get_provider"]
