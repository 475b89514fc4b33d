"""Resolve the secrets a fetch needs: the provider's API key and the store/bus URLs when they are
secrets. Values are never logged or shown; errors name the key, never the value."""

from __future__ import annotations

from .._errors import ConfigError, SecretError
from ..config import Config
from ._provider import Provider


def missing_key_problem(config: Config, provider: Provider) -> str | None:
    """The problem line when ``provider`` needs an API key and ``providers.<kind>.api_key_secret`` names
    none (a configuration error), else ``None``."""
    settings = config.providers.get(provider.kind)
    if provider.needs_api_key and not (settings and settings.api_key_secret):
        return (
            f"providers.{provider.kind}.api_key_secret: expected the name of the secret holding the "
            f"{provider.name} API key, got nothing"
        )
    return None


def resolve_api_key(config: Config, provider: Provider) -> str | None:
    """The API key named by ``providers.<kind>.api_key_secret``, read through ``ecoboard.secrets``.

    ``None`` for keyless providers without a configured key. Raises :class:`ConfigError` when the
    provider needs a key that is not configured, :class:`SecretError` when it cannot be read.
    """
    settings = config.providers.get(provider.kind)
    name = settings.api_key_secret if settings else None
    if not name:
        problem = missing_key_problem(config, provider)
        if problem is not None:
            raise ConfigError(problem)
        return None
    from ..secrets import load_secrets, secret_text

    key = f"providers.{provider.kind}.api_key_secret"
    value = secret_text(load_secrets(config), name, key)
    if value is None:
        raise SecretError(f"{key}: the secret {name!r} is not set")
    return value


def connection_urls(config: Config) -> tuple[str, str]:
    """``(store URL, bus URL)``: ``store.url``/``bus.url``, or the secrets named by ``*.url_secret``."""
    if not (config.store.url_secret or config.bus.url_secret):
        return config.store.url, config.bus.url
    from ..secrets import load_secrets, secret_url

    secrets = load_secrets(config)
    store_url = secret_url(secrets, "store.url_secret", config.store.url_secret, config.store.url)
    bus_url = secret_url(secrets, "bus.url_secret", config.bus.url_secret, config.bus.url)
    return store_url, bus_url

