"""``ecoboard secrets check|encrypt|rotate`` as a user runs them; no value ever reaches the output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import hvac
import pytest
import yaml

from ._k8s_api import FakeKubernetes
from .conftest import NAMESPACE, SECRETDEF, kubevault_cfg

PLAINTEXT = {"owmkey": "cli-owm-key-5566", "control_token": "cli-control-7788"}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ecoboard", "-v", "secrets", *args], capture_output=True, text=True, timeout=60
    )


def _files(tmp_path: Path, cfg: dict[str, object], name: str) -> tuple[str, str]:
    cfg_file = tmp_path / f"{name}-cfg.yaml"
    cfg_file.write_text(yaml.safe_dump(cfg))
    def_file = tmp_path / "secretdef.json"
    def_file.write_text(json.dumps(SECRETDEF))
    return str(cfg_file), str(def_file)


def test_cli_encrypt_check_rotate_never_prints_values(vault: hvac.Client, k8s: FakeKubernetes, tmp_path: Path) -> None:
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps(PLAINTEXT))
    admin_cfg, secretdef = _files(tmp_path, kubevault_cfg(vault.url, k8s, admin=True), "admin")
    reader_cfg, _ = _files(tmp_path, kubevault_cfg(vault.url, k8s), "reader")
    outputs = []

    printed = _run("encrypt", admin_cfg, secretdef, "--from", str(plain), "--print")
    outputs.append(printed)
    assert printed.returncode == 0, printed.stderr
    manifest = yaml.safe_load(printed.stdout)
    assert manifest["kind"] == "Secret" and manifest["metadata"]["namespace"] == NAMESPACE
    assert (NAMESPACE, "ecoboard-secrets") not in k8s.secrets  # --print writes nothing

    wrote = _run("encrypt", admin_cfg, secretdef, "--from", str(plain))
    outputs.append(wrote)
    assert wrote.returncode == 0, wrote.stderr
    assert wrote.stdout == "ok: wrote Secret ecoboard/ecoboard-secrets and verified it reads back\n"

    check = _run("check", reader_cfg, secretdef)
    outputs.append(check)
    assert check.returncode == 0, check.stderr
    assert check.stdout == "ok: 2 key(s): control_token, owmkey\n"

    rotated = _run("rotate", admin_cfg, secretdef)
    outputs.append(rotated)
    assert json.loads(rotated.stdout) == {"latest_version": 2, "min_decryption_version": 1}
    raised = _run("rotate", admin_cfg, secretdef, "--min-decryption-version")
    outputs.append(raised)
    assert json.loads(raised.stdout) == {"latest_version": 3, "min_decryption_version": 3}
    outputs.append(_run("check", reader_cfg, secretdef))
    assert outputs[-1].stdout == "ok: 2 key(s): control_token, owmkey\n"

    for proc in outputs:
        for value in PLAINTEXT.values():
            assert value not in proc.stdout and value not in proc.stderr


def test_cli_failure_is_one_line(tmp_path: Path) -> None:
    cfg = tmp_path / "cfg.json"
    cfg.write_text('{"SOURCE": "FILE"}')
    definition = tmp_path / "def.json"
    definition.write_text(json.dumps({"file_name": str(tmp_path / "absent.json"), "file_type": "JSON"}))
    proc = _run("check", str(cfg), str(definition))
    assert proc.returncode == 2
    assert proc.stderr == (
        f"ecoboard secrets: error: secrets file {tmp_path / 'absent.json'}: cannot read "
        f"{tmp_path / 'absent.json'}: No such file or directory\n"
    )
    assert "Traceback" not in proc.stderr


def _one_line_refusal(*args: str) -> str:
    proc = _run(*args)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr.count("\n") == 1
    return proc.stderr


def test_cli_refuses_a_wrong_secretcfg_in_one_line(k8s: FakeKubernetes, tmp_path: Path) -> None:
    cfg = {**kubevault_cfg("http://127.0.0.1:9", k8s), "token_expiration_seconds": "abc"}
    assert _one_line_refusal("check", *_files(tmp_path, cfg, "ttl")) == (
        "ecoboard secrets: error: secretcfg (KUBEVAULT): token_expiration_seconds: expected a whole number of "
        "seconds from 600 to 4294967296, got 'abc'\n"
    )
    cfg_file, secretdef = _files(tmp_path, {**kubevault_cfg("http://127.0.0.1:9", k8s), "rolee": "x"}, "typo")
    assert _one_line_refusal("check", cfg_file, secretdef).startswith(
        "ecoboard secrets: error: secretcfg (KUBEVAULT): unknown key 'rolee'; expected one of SOURCE, "
    )
    twice = tmp_path / "twice-cfg.yaml"
    twice.write_text(Path(cfg_file).read_text() + "role: ecoboard-admin\n")
    line = twice.read_text().count("\n")
    assert _one_line_refusal("check", str(twice), secretdef) == (
        f"ecoboard secrets: error: secretcfg {twice}: line {line}: a key named twice in one mapping "
        "(the line is not shown: it may hold a secret)\n"
    )
    assert k8s.token_requests == 0


@pytest.mark.parametrize(
    ("plaintext", "kind"),
    [
        ({"owmkey": "cli-owm-key-5566", "nested": {"dbpass": "hunter2-db"}}, "a mapping"),
        ({"port": 987654321}, "a number"),
        ({"hosts": ["ctl-xyz-789"]}, "a list"),
        ({"enabled": True}, "a boolean"),
    ],
)
def test_cli_encrypt_refuses_a_value_that_is_not_text_naming_its_key(
    k8s: FakeKubernetes, tmp_path: Path, plaintext: dict[str, object], kind: str
) -> None:
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps(plaintext))
    key = list(plaintext)[-1]
    admin_cfg, secretdef = _files(tmp_path, kubevault_cfg("http://127.0.0.1:9", k8s, admin=True), "admin")
    assert _one_line_refusal("encrypt", admin_cfg, secretdef, "--from", str(plain), "--print") == (
        f"ecoboard secrets: error: plaintext file {plain}: key {key!r}: expected text, got {kind}\n"
    )
    assert k8s.token_requests == 0  # refused before Kubernetes or Vault is asked
