"""Resolve a provider's API key from the configured secret source (never logged, never shown)."""

from __future__ import annotations

from .._errors import ConfigError, SecretError
from ..config import Config
from ._provider import Provider


def resolve_api_key(config: Config, provider: Provider) -> str | None:
    """The API key named by ``providers.<kind>.api_key_secret``, read through ``secrets``.

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
    from ..secrets import SecretManager

    with SecretManager(config.secrets.secretcfg) as manager:
        values = manager.read(config.secrets.secretdef)
    if name not in values:
        raise SecretError(f"providers.{provider.kind}.api_key_secret: the secret has no key {name!r}")
    return str(values[name])
