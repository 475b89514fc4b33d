"""The KUBERNETES source: a Secret or ConfigMap read through the official ``kubernetes`` client.

Configuration: in-cluster first (the pod's service account), then the kubeconfig named by
``secretcfg["kube_config"]`` (or the default kubeconfig when ``None``).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from typing import Any

import urllib3
from kubernetes import client, config
from kubernetes.client.exceptions import ApiException
from kubernetes.config.config_exception import ConfigException

from .._errors import SecretError
from ._manager import require
from ._parse import parse_secrets
from ._values import SecretValues

READ_TYPES = ("SECRET", "CONFIG_MAP")


def kube_api_client(kube_config: str | None) -> client.ApiClient:
    """An API client configured in-cluster when possible, else from the kubeconfig."""
    configuration = client.Configuration()
    try:
        config.load_incluster_config(client_configuration=configuration)
    except ConfigException:
        try:
            config.load_kube_config(config_file=kube_config, client_configuration=configuration)
        except (ConfigException, OSError, TypeError) as exc:
            where = kube_config or "the default kubeconfig"
            raise SecretError(f"kubernetes: not in a cluster and cannot load {where}: {type(exc).__name__}") from None
    configuration.retries = 1
    return client.ApiClient(configuration)


def translate_api_error(exc: Exception, what: str) -> SecretError:
    """A SecretError for a kubernetes client failure on ``what`` (status and reason only)."""
    if isinstance(exc, ApiException):
        if exc.status == 404:
            return SecretError(f"kubernetes: {what} not found")
        return SecretError(f"kubernetes: {what}: HTTP {exc.status} {exc.reason}")
    return SecretError(f"kubernetes: {what}: the API server cannot be reached ({type(exc).__name__})")


API_ERRORS = (ApiException, urllib3.exceptions.HTTPError, OSError)


def read_object_data(api: client.CoreV1Api, secretdef: Mapping[str, Any]) -> tuple[dict[str, str], str]:
    """The decoded ``data`` of the Secret or ConfigMap named by ``secretdef``, and a name for errors."""
    namespace = require(secretdef, "namespace", "secretdef")
    name = require(secretdef, "secret_name", "secretdef")
    read_type = str(secretdef.get("read_type") or "SECRET").upper()
    if read_type not in READ_TYPES:
        raise SecretError(f"secretdef: read_type: expected SECRET or CONFIG_MAP, got {read_type!r}")
    what = f"{'Secret' if read_type == 'SECRET' else 'ConfigMap'} {namespace}/{name}"
    try:
        if read_type == "CONFIG_MAP":
            return dict(api.read_namespaced_config_map(name, namespace).data or {}), what
        raw = api.read_namespaced_secret(name, namespace).data or {}
    except API_ERRORS as exc:
        raise translate_api_error(exc, what) from None
    decoded = {}
    for key, value in raw.items():
        try:
            decoded[key] = base64.b64decode(value, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            raise SecretError(f"kubernetes: {what}: key {key!r} is not base64-encoded UTF-8") from None
    return decoded, what


def select_key(data: Mapping[str, str], secretdef: Mapping[str, Any], what: str) -> str | None:
    """The value of ``read_key`` (or ``None`` when all keys are wanted); error if it is absent."""
    read_key = secretdef.get("read_key")
    if read_key is None:
        return None
    if read_key not in data:
        raise SecretError(f"kubernetes: {what} has no key {read_key!r} (keys: {', '.join(sorted(data))})")
    return data[read_key]


def parse_json_secret(text: str, what: str) -> SecretValues:
    """``text`` parsed as a JSON object of secrets."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        raise SecretError(f"{what}: expected a JSON object of secrets") from None
    if not isinstance(value, dict):
        raise SecretError(f"{what}: expected a JSON object of secrets, got {type(value).__name__}")
    return SecretValues(parse_secrets(text, "JSON", what))


def read_kubernetes_secret(secretcfg: Mapping[str, Any], secretdef: Mapping[str, Any]) -> SecretValues:
    """One key JSON-parsed (``read_key``), or every key as text (``read_key`` null)."""
    with kube_api_client(secretcfg.get("kube_config")) as api_client:
        data, what = read_object_data(client.CoreV1Api(api_client), secretdef)
    text = select_key(data, secretdef, what)
    if text is None:
        return SecretValues(data)
    return parse_json_secret(text, f"kubernetes: {what} key {secretdef['read_key']!r}")
