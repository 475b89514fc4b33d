"""The KUBEVAULT source: a Kubernetes Secret holding Vault transit ciphertext.

Flow of one session: ask the Kubernetes TokenRequest API for a short-lived token of the configured
service account; log in to Vault (or OpenBao) with Kubernetes auth and that token; read the Secret;
decrypt with the transit key; parse the plaintext as JSON. When Vault answers "permission denied"
the session asks Vault whether its token is still valid: if not (expired or revoked) it logs in again
once and retries; if it is, the role's policies refuse the action (the reader role asked to encrypt,
a wrong transit key) and that is the error, without a second login. ``close()`` revokes the Vault
token. Neither tokens nor plaintext appear in errors or logs.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import hvac
import hvac.exceptions
import requests
from kubernetes import client

from .._errors import SecretError
from ._kubernetes import API_ERRORS, kube_api_client, parse_json_secret, read_object_data, translate_api_error
from ._kubevault_cfg import check_kubevault_cfg
from ._manager import require
from ._values import SecretValues

log = logging.getLogger(__name__)
T = TypeVar("T")
_VAULT_ERRORS = (hvac.exceptions.VaultError, requests.RequestException)


def _vault_error(exc: Exception, action: str) -> SecretError:
    if isinstance(exc, requests.RequestException):
        return SecretError(f"vault: {action}: Vault cannot be reached ({type(exc).__name__})")
    first = (getattr(exc, "errors", None) or [""])[0]
    return SecretError(f"vault: {action}: {type(exc).__name__}: {first}".rstrip(": "))


class KubeVault:
    """One Vault session authenticated with a Kubernetes service-account token."""

    def __init__(self, secretcfg: Mapping[str, Any]) -> None:
        cfg = check_kubevault_cfg(secretcfg)
        self._role = cfg.role
        self._service_account = cfg.service_account
        self._namespace = cfg.namespace
        self._audience = cfg.audience
        self._token_seconds = cfg.token_seconds
        self._api_client = kube_api_client(cfg.kube_config)
        self._core = client.CoreV1Api(self._api_client)
        self._vault = hvac.Client(url=cfg.vault_url, verify=cfg.ca_cert or True)
        self._logged_in = False

    # --- authentication -------------------------------------------------------------------------
    def _service_account_token(self) -> str:
        spec = client.V1TokenRequestSpec(
            audiences=[self._audience] if self._audience else [], expiration_seconds=self._token_seconds
        )
        body = client.AuthenticationV1TokenRequest(spec=spec)
        what = f"TokenRequest for ServiceAccount {self._namespace}/{self._service_account}"
        try:
            answer = self._core.create_namespaced_service_account_token(self._service_account, self._namespace, body)
        except API_ERRORS as exc:
            raise translate_api_error(exc, what) from None
        token = getattr(answer.status, "token", None)
        if not token:
            raise SecretError(f"kubernetes: {what}: the answer carries no token")
        return token

    def login(self) -> None:
        """Log in to Vault with Kubernetes auth using a fresh short-lived service-account token."""
        jwt = self._service_account_token()
        try:
            self._vault.auth.kubernetes.login(role=self._role, jwt=jwt, use_token=True)
        except _VAULT_ERRORS as exc:
            raise _vault_error(exc, f"Kubernetes login as role {self._role!r}") from None
        self._logged_in = True
        log.info("vault: logged in with Kubernetes auth as role %s", self._role)

    def _token_valid(self) -> bool:
        """Whether Vault still accepts this session's token (``lookup-self``, allowed by Vault's default
        policy); a token refused there has expired or been revoked."""
        try:
            self._vault.auth.token.lookup_self()
        except hvac.exceptions.Forbidden:
            return False
        except _VAULT_ERRORS as exc:
            raise _vault_error(exc, "look up the session token") from None
        return True

    def _denied(self, action: str) -> SecretError:
        return SecretError(
            f"vault: {action}: permission denied to role {self._role!r} (its session token is valid: "
            "a policy of the role refuses this action or this transit key)"
        )

    def _call(self, action: str, fn: Callable[[], T]) -> T:
        """``fn()`` with a session; a "permission denied" with a token Vault no longer accepts logs in
        again once, with a token it still accepts is a :class:`SecretError` saying permission denied."""
        if not self._logged_in:
            self.login()
        try:
            return fn()
        except hvac.exceptions.Forbidden:
            if self._token_valid():
                raise self._denied(action) from None
            log.info(
                "vault: the session token is no longer valid (expired or revoked) during %s; logging in again", action
            )
        except _VAULT_ERRORS as exc:
            raise _vault_error(exc, action) from None
        self.login()
        try:
            return fn()
        except hvac.exceptions.Forbidden:
            raise self._denied(action) from None
        except _VAULT_ERRORS as exc:
            raise _vault_error(exc, action) from None

    def close(self) -> None:
        """Revoke this session's Vault token (errors are logged, not raised)."""
        if self._logged_in:
            try:
                self._vault.auth.token.revoke_self()
            except _VAULT_ERRORS as exc:
                log.warning("vault: could not revoke the session token (%s)", type(exc).__name__)
            self._logged_in = False
            self._vault.token = None
        self._api_client.close()

    # --- transit --------------------------------------------------------------------------------
    def encrypt(self, transit_key: str, plaintext: bytes) -> str:
        """Transit-encrypt ``plaintext`` with the latest key version; returns ``vault:vN:...``."""
        b64 = base64.b64encode(plaintext).decode("ascii")
        answer = self._call(
            f"encrypt with transit key {transit_key!r}",
            lambda: self._vault.secrets.transit.encrypt_data(name=transit_key, plaintext=b64),
        )
        return answer["data"]["ciphertext"]

    def decrypt(self, transit_key: str, ciphertext: str) -> bytes:
        """Transit-decrypt ``ciphertext``; a SecretError when the key version is no longer allowed."""
        answer = self._call(
            f"decrypt with transit key {transit_key!r}",
            lambda: self._vault.secrets.transit.decrypt_data(name=transit_key, ciphertext=ciphertext),
        )
        return base64.b64decode(answer["data"]["plaintext"])

    def rewrap(self, transit_key: str, ciphertext: str) -> str:
        """Re-encrypt ``ciphertext`` under the latest key version without exposing the plaintext."""
        answer = self._call(
            f"rewrap with transit key {transit_key!r}",
            lambda: self._vault.secrets.transit.rewrap_data(name=transit_key, ciphertext=ciphertext),
        )
        return answer["data"]["ciphertext"]

    def rotate(self, transit_key: str) -> int:
        """Rotate the transit key; returns the new latest version."""
        self._call(f"rotate transit key {transit_key!r}", lambda: self._vault.secrets.transit.rotate_key(transit_key))
        return self.key_versions(transit_key)[0]

    def key_versions(self, transit_key: str) -> tuple[int, int]:
        """``(latest_version, min_decryption_version)`` of the transit key."""
        answer = self._call(
            f"read transit key {transit_key!r}", lambda: self._vault.secrets.transit.read_key(transit_key)
        )
        data = answer["data"]
        return int(data["latest_version"]), int(data["min_decryption_version"])

    def set_min_decryption_version(self, transit_key: str, version: int) -> None:
        """Refuse ciphertext older than ``version`` from now on."""
        self._call(
            f"configure transit key {transit_key!r}",
            lambda: self._vault.secrets.transit.update_key_configuration(transit_key, min_decryption_version=version),
        )

    # --- secrets --------------------------------------------------------------------------------
    def read_ciphertext(self, secretdef: Mapping[str, Any]) -> str:
        """The ciphertext held under ``read_key`` of the Secret named by ``secretdef``."""
        key = require(secretdef, "read_key", "secretdef (KUBEVAULT)")
        data, what = read_object_data(self._core, secretdef)
        if key not in data:
            raise SecretError(f"kubernetes: {what} has no key {key!r} (keys: {', '.join(sorted(data))})")
        return data[key].strip()

    def read(self, secretdef: Mapping[str, Any]) -> SecretValues:
        """Read, decrypt and JSON-parse the secret described by ``secretdef``."""
        transit_key = require(secretdef, "transit_key", "secretdef (KUBEVAULT)")
        ciphertext = self.read_ciphertext(secretdef)
        plaintext = self.decrypt(transit_key, ciphertext)
        try:
            text = plaintext.decode("utf-8")
        except UnicodeDecodeError:
            raise SecretError(f"vault: {secretdef['secret_name']}: decrypted data is not UTF-8 JSON") from None
        return parse_json_secret(text, f"vault: decrypted {secretdef['namespace']}/{secretdef['secret_name']}")

    def write_secret(self, manifest: Mapping[str, Any]) -> None:
        """Create the Secret described by ``manifest``, or replace it when it exists."""
        meta = manifest["metadata"]
        what = f"Secret {meta['namespace']}/{meta['name']}"
        try:
            try:
                self._core.replace_namespaced_secret(meta["name"], meta["namespace"], dict(manifest))
            except client.exceptions.ApiException as exc:
                if exc.status != 404:
                    raise
                self._core.create_namespaced_secret(meta["namespace"], dict(manifest))
        except API_ERRORS as exc:
            raise translate_api_error(exc, what) from None
