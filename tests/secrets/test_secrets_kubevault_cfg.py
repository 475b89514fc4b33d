"""A KUBEVAULT secretcfg or secretdef that is wrong is refused by key before Kubernetes or Vault is asked."""

from __future__ import annotations

from typing import Any

import hvac
import pytest

from ecoboard import SecretError
from ecoboard.secrets import SecretManager

from ._k8s_api import FakeKubernetes
from .conftest import SECRETDEF, kubevault_cfg

CFG = "secretcfg (KUBEVAULT)"
SECONDS = f"{CFG}: token_expiration_seconds: expected a whole number of seconds from 600 to 4294967296, got"
KEYS = "SOURCE, service_account, namespace, vault_url, role, kube_config, ca_cert, audience, token_expiration_seconds"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"token_expiration_seconds": "abc"}, f"{SECONDS} 'abc'"),
        ({"token_expiration_seconds": 599}, f"{SECONDS} 599"),
        ({"token_expiration_seconds": 2**32 + 1}, f"{SECONDS} 4294967297"),
        ({"token_expiration_seconds": 600.5}, f"{SECONDS} 600.5"),
        ({"token_expiration_seconds": True}, f"{SECONDS} True"),
        ({"token_expiration_seconds": [600]}, f"{SECONDS} a list"),
        ({"rolee": "ecoboard"}, f"{CFG}: unknown key 'rolee'; expected one of {KEYS}"),
        ({"role": None}, f"{CFG}: role: expected text, got null"),
        ({"namespace": 7}, f"{CFG}: namespace: expected text, got a number"),
        ({"vault_url": {"url": "http://x"}}, f"{CFG}: vault_url: expected text, got a mapping"),
        ({"ca_cert": ["a.crt"]}, f"{CFG}: ca_cert: expected text or null, got a list"),
        ({"audience": False}, f"{CFG}: audience: expected text or null, got a boolean"),
    ],
)
def test_a_wrong_secretcfg_key_is_named_before_anything_is_asked(
    k8s: FakeKubernetes, change: dict[str, Any], message: str
) -> None:
    with (
        SecretManager({**kubevault_cfg("http://127.0.0.1:9", k8s), **change}) as manager,
        pytest.raises(SecretError) as err,
    ):
        manager.read(SECRETDEF)
    assert str(err.value) == message
    assert k8s.token_requests == 0


def test_a_missing_secretcfg_key_is_named(k8s: FakeKubernetes) -> None:
    cfg = kubevault_cfg("http://127.0.0.1:9", k8s)
    del cfg["role"]
    with SecretManager(cfg) as manager, pytest.raises(SecretError) as err:
        manager.read(SECRETDEF)
    assert str(err.value) == f"{CFG}: missing key 'role'"


@pytest.mark.parametrize(("given", "lifetime"), [(None, 600), (3600, 3600)])
def test_the_token_lifetime_asked_of_kubernetes(
    vault: hvac.Client, k8s: FakeKubernetes, given: int | None, lifetime: int
) -> None:
    with SecretManager({**kubevault_cfg(vault.url, k8s), "token_expiration_seconds": given}) as manager:
        manager.kubevault().login()
    [claims] = [c for c in k8s.issued.values() if c["sub"] == "system:serviceaccount:ecoboard:ecoboard"]
    assert claims["exp"] - claims["iat"] == lifetime


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"read_key": None}, "secretdef (KUBEVAULT): read_key: expected text, got null"),
        ({"transit_key": None}, "secretdef (KUBEVAULT): transit_key: expected text, got null"),
        ({"read_key": 3}, "secretdef (KUBEVAULT): read_key: expected text, got a number"),
        ({"secret_name": None}, "secretdef: secret_name: expected text, got null"),
    ],
)
def test_a_null_secretdef_key_says_null_not_missing(
    vault: hvac.Client, k8s: FakeKubernetes, change: dict[str, Any], message: str
) -> None:
    with SecretManager(kubevault_cfg(vault.url, k8s)) as manager, pytest.raises(SecretError) as err:
        manager.read({**SECRETDEF, **change})
    assert str(err.value) == message
    assert k8s.token_requests == 0
