"""Read the secrets an ecoboard configuration refers to, once, at start-up."""

from __future__ import annotations

from ..config import Config
from ._manager import SecretManager
from ._values import SecretValues


def load_secrets(config: Config) -> SecretValues:
    """The secrets named by ``config.secrets`` (``file``, or ``secretcfg`` + ``secretdef``); empty if none."""
    settings = config.secrets
    if settings.file:
        fmt = "YAML" if settings.file.endswith((".yaml", ".yml")) else "JSON"
        with SecretManager({"SOURCE": "FILE"}) as manager:
            return manager.read({"file_name": settings.file, "file_type": fmt})
    if not settings.secretcfg:
        return SecretValues()
    with SecretManager(settings.secretcfg) as manager:
        return manager.read(settings.secretdef)
