"""SecretManager: one entry point for every secret source.

``secretcfg`` says which source and how to reach it; ``secretdef`` says which secret. The
dictionaries are those of the original ecosystem, so existing deployments move over unchanged::

    FILE         secretcfg {"SOURCE": "FILE"}
                 secretdef {"file_name": PATH, "file_type": "JSON"|"YAML"}
    ENVIRONMENT  secretcfg {"SOURCE": "ENVIRONMENT"}
                 secretdef {"env_def_file": PATH, "definition_type": "JSON"|"YAML", "env_file": PATH|None}
    KUBERNETES   secretcfg {"SOURCE": "KUBERNETES", "kube_config": PATH|None}
                 secretdef {"namespace", "secret_name", "read_type": "SECRET"|"CONFIG_MAP", "read_key": KEY|None}
    KUBEVAULT    secretcfg {"SOURCE": "KUBEVAULT", "kube_config", "service_account", "namespace",
                            "vault_url", "role", "ca_cert"}
                 secretdef {"transit_key", "namespace", "secret_name", "read_type", "read_key"}

Every read returns a :class:`SecretValues` (a dict whose repr hides the values). Errors are
:class:`ecoboard.SecretError` and name the source and key, never a value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._errors import SecretError
from ._parse import kind_of
from ._values import SecretValues

SOURCES = ("FILE", "ENVIRONMENT", "KUBERNETES", "KUBEVAULT")


def require(mapping: Mapping[str, Any], key: str, what: str) -> str:
    """The text ``mapping[key]``; else a SecretError naming ``what`` and the key: missing, or what it
    holds instead (``expected text, got null``)."""
    if key not in mapping:
        raise SecretError(f"{what}: missing key {key!r}")
    value = mapping[key]
    if not isinstance(value, str):
        raise SecretError(f"{what}: {key}: expected text, got {kind_of(value)}")
    return value


class SecretManager:
    """Reads secrets from the source named by ``secretcfg["SOURCE"]``."""

    def __init__(self, secretcfg: Mapping[str, Any]) -> None:
        if not isinstance(secretcfg, Mapping):
            raise SecretError(f"secretcfg: expected a mapping, got {type(secretcfg).__name__}")
        source = require(secretcfg, "SOURCE", "secretcfg").upper()
        if source not in SOURCES:
            raise SecretError(f"secretcfg: SOURCE: expected one of {', '.join(SOURCES)}, got {source!r}")
        self.source = source
        self._cfg = dict(secretcfg)
        self._vault: Any = None

    def read(self, secretdef: Mapping[str, Any]) -> SecretValues:
        """Read the secret described by ``secretdef`` and return its key/value pairs."""
        if not isinstance(secretdef, Mapping):
            raise SecretError(f"secretdef: expected a mapping, got {type(secretdef).__name__}")
        if self.source == "FILE":
            from ._file import read_file_secret

            return read_file_secret(secretdef)
        if self.source == "ENVIRONMENT":
            from ._environment import read_environment_secret

            return read_environment_secret(secretdef)
        if self.source == "KUBERNETES":
            from ._kubernetes import read_kubernetes_secret

            return read_kubernetes_secret(self._cfg, secretdef)
        return self.kubevault().read(secretdef)

    def kubevault(self) -> Any:
        """The KubeVault session of this manager (KUBEVAULT source only), created on first use."""
        if self.source != "KUBEVAULT":
            raise SecretError(f"secretcfg: SOURCE is {self.source}; this operation needs KUBEVAULT")
        if self._vault is None:
            from ._kubevault import KubeVault

            self._vault = KubeVault(self._cfg)
        return self._vault

    def close(self) -> None:
        """Revoke the Vault token, if one was obtained."""
        if self._vault is not None:
            self._vault.close()
            self._vault = None

    def __enter__(self) -> SecretManager:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
