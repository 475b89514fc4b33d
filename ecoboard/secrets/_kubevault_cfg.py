"""The KUBEVAULT ``secretcfg``, checked whole before anything is contacted: an unknown key (a typo
such as ``rolee``) is refused by name, a required key must be text, ``token_expiration_seconds`` a
whole number of seconds that Kubernetes' TokenRequest accepts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .._errors import SecretError
from ._manager import require
from ._parse import kind_of

WHAT = "secretcfg (KUBEVAULT)"
REQUIRED = ("service_account", "namespace", "vault_url", "role")
OPTIONAL = ("kube_config", "ca_cert", "audience", "token_expiration_seconds")
KEYS = ("SOURCE", *REQUIRED, *OPTIONAL)

TOKEN_SECONDS = (600, 2**32)
"""The service-account token lifetimes the TokenRequest API accepts (at least 10 minutes)."""
DEFAULT_TOKEN_SECONDS = 600


@dataclass(frozen=True)
class KubeVaultCfg:
    """A checked KUBEVAULT ``secretcfg``."""

    service_account: str
    namespace: str
    vault_url: str
    role: str
    kube_config: str | None
    ca_cert: str | None
    audience: str | None
    token_seconds: int


def _optional_text(secretcfg: Mapping[str, Any], key: str) -> str | None:
    value = secretcfg.get(key)
    if value is not None and not isinstance(value, str):
        raise SecretError(f"{WHAT}: {key}: expected text or null, got {kind_of(value)}")
    return value


def _token_seconds(secretcfg: Mapping[str, Any]) -> int:
    value = secretcfg.get("token_expiration_seconds")
    if value is None:
        return DEFAULT_TOKEN_SECONDS
    low, high = TOKEN_SECONDS
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        shown = repr(value) if isinstance(value, str | int | float) else kind_of(value)
        raise SecretError(
            f"{WHAT}: token_expiration_seconds: expected a whole number of seconds from {low} to {high}, got {shown}"
        )
    return value


def check_kubevault_cfg(secretcfg: Mapping[str, Any]) -> KubeVaultCfg:
    """``secretcfg`` checked and typed; a SecretError names the first key that is wrong."""
    unknown = [str(key) for key in secretcfg if key not in KEYS]
    if unknown:
        raise SecretError(f"{WHAT}: unknown key {unknown[0]!r}; expected one of {', '.join(KEYS)}")
    required = {key: require(secretcfg, key, WHAT) for key in REQUIRED}
    optional = {key: _optional_text(secretcfg, key) for key in OPTIONAL if key != "token_expiration_seconds"}
    return KubeVaultCfg(**required, **optional, token_seconds=_token_seconds(secretcfg))
