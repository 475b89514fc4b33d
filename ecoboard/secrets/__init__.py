"""Secrets from files, the environment, Kubernetes Secrets/ConfigMaps, or Vault transit ciphertext
kept in Kubernetes Secrets (KubeVault). See ``docs/secrets.md``."""

from ._from_config import load_secrets
from ._manager import SOURCES, SecretManager
from ._transit_ops import RotationResult, encrypt_file, rotate
from ._values import SecretValues, secret_text, secret_url

__all__ = [
    "SOURCES",
    "RotationResult",
    "SecretManager",
    "SecretValues",
    "encrypt_file",
    "load_secrets",
    "rotate",
    "secret_text",
    "secret_url",
]
