"""KUBEVAULT end to end: a real OpenBao (transit + Kubernetes auth) and the local Kubernetes API."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import hvac
import pytest

from ecoboard import SecretError
from ecoboard.secrets import SecretManager, encrypt_file, rotate

from ._k8s_api import FakeKubernetes
from .conftest import NAMESPACE, SECRETDEF, TRANSIT_KEY, kubevault_cfg

PLAINTEXT = {"owmkey": "owm-0123456789abcdef", "control_token": "tok-SeCrEt-42", "dbpass": "p@ss wörd"}


def _plain_file(tmp_path: Path) -> str:
    path = tmp_path / "plain.json"
    path.write_text(json.dumps(PLAINTEXT))
    return str(path)


def _encrypted(vault: hvac.Client, k8s: FakeKubernetes, tmp_path: Path) -> None:
    """PLAINTEXT encrypted into the Secret of SECRETDEF by the admin role."""
    with SecretManager(kubevault_cfg(vault.url, k8s, admin=True)) as admin:
        encrypt_file(admin, SECRETDEF, _plain_file(tmp_path))


def test_encrypt_store_read_round_trip(vault: hvac.Client, k8s: FakeKubernetes, tmp_path: Path) -> None:
    url = vault.url
    with SecretManager(kubevault_cfg(url, k8s, admin=True)) as admin:
        manifest = encrypt_file(admin, SECRETDEF, _plain_file(tmp_path))
    stored = k8s.secrets[(NAMESPACE, "ecoboard-secrets")]
    assert manifest["metadata"] == {
        "name": "ecoboard-secrets",
        "namespace": NAMESPACE,
        "labels": {"app.kubernetes.io/part-of": "ecoboard", "ecoboard/transit-key": TRANSIT_KEY},
    }
    ciphertext = __import__("base64").b64decode(stored["data"]["secrets.json"]).decode()
    assert ciphertext.startswith("vault:v1:")
    assert "owm-0123456789abcdef" not in json.dumps(stored)
    with SecretManager(kubevault_cfg(url, k8s)) as reader:
        assert dict(reader.read(SECRETDEF)) == PLAINTEXT
    # the service-account token came from TokenRequest and OpenBao checked it with TokenReview
    assert k8s.token_requests >= 2
    assert k8s.reviews >= 2


def _denied(action: str) -> str:
    return (
        f"vault: {action}: permission denied to role 'ecoboard' (its session token is valid: a policy of the "
        "role refuses this action or this transit key)"
    )


def test_a_permission_denied_with_a_valid_token_is_that_error_without_a_second_login(
    vault: hvac.Client, k8s: FakeKubernetes, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="ecoboard.secrets")
    _encrypted(vault, k8s, tmp_path)
    caplog.clear()
    before = k8s.token_requests
    with SecretManager(kubevault_cfg(vault.url, k8s)) as reader:
        with pytest.raises(SecretError) as err:
            encrypt_file(reader, SECRETDEF, _plain_file(tmp_path))
        assert str(err.value) == _denied("encrypt with transit key 'ecoboard'")
        with pytest.raises(SecretError) as err:
            rotate(reader, SECRETDEF)
        # the reader may decrypt, so rotate gets as far as the rotation itself
        assert str(err.value) == _denied("rotate transit key 'ecoboard'")
        with pytest.raises(SecretError) as err:
            reader.read({**SECRETDEF, "transit_key": "nokey"})
        assert str(err.value) == _denied("decrypt with transit key 'nokey'")
    assert k8s.token_requests == before + 1  # one login for the three refusals
    assert [r.getMessage() for r in caplog.records if r.name.startswith("ecoboard")] == [
        "vault: logged in with Kubernetes auth as role ecoboard"
    ]


def test_rotate_keeps_old_ciphertext_until_min_version_raised(
    vault: hvac.Client, k8s: FakeKubernetes, tmp_path: Path
) -> None:
    url = vault.url
    with SecretManager(kubevault_cfg(url, k8s, admin=True)) as admin:
        encrypt_file(admin, SECRETDEF, _plain_file(tmp_path))
        old_ciphertext = admin.kubevault().read_ciphertext(SECRETDEF)
        result = rotate(admin, SECRETDEF)
        assert (result.latest_version, result.min_decryption_version) == (2, 1)
        new_ciphertext = admin.kubevault().read_ciphertext(SECRETDEF)
        assert old_ciphertext.startswith("vault:v1:") and new_ciphertext.startswith("vault:v2:")
        # old ciphertext still decrypts after a plain rotation
        assert json.loads(admin.kubevault().decrypt(TRANSIT_KEY, old_ciphertext)) == PLAINTEXT
        result = rotate(admin, SECRETDEF, raise_min=True)
        assert (result.latest_version, result.min_decryption_version) == (3, 3)
        with pytest.raises(SecretError) as err:
            admin.kubevault().decrypt(TRANSIT_KEY, old_ciphertext)
        assert "decrypt with transit key 'ecoboard'" in str(err.value)
    with SecretManager(kubevault_cfg(url, k8s)) as reader:
        assert dict(reader.read(SECRETDEF)) == PLAINTEXT


def test_logs_in_again_when_the_vault_token_expired(
    vault: hvac.Client, k8s: FakeKubernetes, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="ecoboard.secrets")
    _encrypted(vault, k8s, tmp_path)
    with SecretManager(kubevault_cfg(vault.url, k8s)) as reader:
        session = reader.kubevault()
        assert dict(reader.read(SECRETDEF)) == PLAINTEXT
        logins = k8s.token_requests
        vault.auth.token.revoke(session._vault.token)  # the session token is now invalid, as after its TTL
        assert dict(reader.read(SECRETDEF)) == PLAINTEXT
        assert k8s.token_requests == logins + 1
    assert (
        "ecoboard.secrets._kubevault",
        logging.INFO,
        "vault: the session token is no longer valid (expired or "
        "revoked) during decrypt with transit key 'ecoboard'; logging in again",
    ) in caplog.record_tuples


def test_close_revokes_the_vault_token(vault: hvac.Client, k8s: FakeKubernetes, tmp_path: Path) -> None:
    _encrypted(vault, k8s, tmp_path)
    manager = SecretManager(kubevault_cfg(vault.url, k8s))
    manager.read(SECRETDEF)
    token = manager.kubevault()._vault.token
    manager.close()
    with pytest.raises(hvac.exceptions.Forbidden):
        vault.auth.token.lookup(token)


def test_missing_secret_and_wrong_role_are_clear(vault: hvac.Client, k8s: FakeKubernetes, tmp_path: Path) -> None:
    _encrypted(vault, k8s, tmp_path)
    with SecretManager(kubevault_cfg(vault.url, k8s)) as reader, pytest.raises(SecretError) as err:
        reader.read({**SECRETDEF, "secret_name": "nope"})
    assert str(err.value) == "kubernetes: Secret ecoboard/nope not found"
    cfg = {**kubevault_cfg(vault.url, k8s), "role": "ecoboard-admin"}  # reader SA is not bound to the admin role
    with SecretManager(cfg) as wrong, pytest.raises(SecretError) as err:
        wrong.read(SECRETDEF)
    assert "Kubernetes login as role 'ecoboard-admin'" in str(err.value)


def test_no_secret_value_in_logs(
    vault: hvac.Client, k8s: FakeKubernetes, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with SecretManager(kubevault_cfg(vault.url, k8s, admin=True)) as admin:
        encrypt_file(admin, SECRETDEF, _plain_file(tmp_path))
        rotate(admin, SECRETDEF)
    with SecretManager(kubevault_cfg(vault.url, k8s)) as reader:
        values = reader.read(SECRETDEF)
        assert "owm-0123456789abcdef" not in repr(values)
    text = caplog.text
    assert "vault: logged in with Kubernetes auth as role ecoboard" in text
    for value in PLAINTEXT.values():
        assert value not in text
