"""Resolve the secrets a fetch needs: the provider's API key and the store/bus URLs when they are
secrets. Values are never logged or shown; errors name the key, never the value."""

from __future__ import annotations

from .._errors import ConfigError, SecretError
from .._url_checks import check_secret_url
from ..config import Config
from ._provider import Provider


def resolve_api_key(config: Config, provider: Provider) -> str | None:
    """The API key named by ``providers.<kind>.api_key_secret``, read through ``ecoboard.secrets``.

    ``None`` for keyless providers without a configured key. Raises :class:`ConfigError` when the
    provider needs a key that is not configured, :class:`SecretError` when it cannot be read.
    """
    settings = config.providers.get(provider.kind)
    name = settings.api_key_secret if settings else None
    if not name:
        if provider.needs_api_key:
            raise ConfigError(
                f"providers.{provider.kind}.api_key_secret: expected the name of the secret holding the "
                f"{provider.name} API key, got nothing"
            )
        return None
    from ..secrets import load_secrets

    value = load_secrets(config).get(name)
    if not value:
        raise SecretError(f"providers.{provider.kind}.api_key_secret: the secret {name!r} is not set")
    return str(value)


def connection_urls(config: Config) -> tuple[str, str]:
    """``(store URL, bus URL)``: ``store.url``/``bus.url``, or the secrets named by ``*.url_secret``."""
    if not (config.store.url_secret or config.bus.url_secret):
        return config.store.url, config.bus.url
    from ..secrets import load_secrets

    secrets = load_secrets(config)
    urls = []
    for key, name, plain in (("store.url_secret", config.store.url_secret, config.store.url),
                             ("bus.url_secret", config.bus.url_secret, config.bus.url)):
        if name and not secrets.get(name):
            raise SecretError(f"{key}: the secret {name!r} is not set")
        if name:
            check_secret_url(key, name, str(secrets[name]))
        urls.append(str(secrets[name]) if name else plain)
    return urls[0], urls[1]
