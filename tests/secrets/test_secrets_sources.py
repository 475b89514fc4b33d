"""FILE, ENVIRONMENT and KUBERNETES sources: formats, key maps, missing keys, malformed input."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from ecoboard import SecretError
from ecoboard.secrets import SecretManager

from ._k8s_api import FakeKubernetes, kubeconfig_for

VALUES = {"owmkey": "abc123owm", "dbpass": "hunter2-db", "control_token": "ctl-xyz-789"}


def _write(path: Path, text: str, mode: int = 0o600) -> str:
    path.write_text(text)
    path.chmod(mode)
    return str(path)


# --- FILE -----------------------------------------------------------------------------------------
def test_file_json_and_yaml(tmp_path: Path) -> None:
    json_file = _write(tmp_path / "s.json", json.dumps(VALUES))
    yaml_file = _write(tmp_path / "s.yaml", "owmkey: abc123owm\ndbpass: hunter2-db\ncontrol_token: ctl-xyz-789\n")
    manager = SecretManager({"SOURCE": "FILE"})
    assert manager.read({"file_name": json_file, "file_type": "JSON"}) == VALUES
    assert manager.read({"file_name": yaml_file, "file_type": "YAML"}) == VALUES


def test_file_errors_name_the_input_not_the_value(tmp_path: Path) -> None:
    manager = SecretManager({"SOURCE": "FILE"})
    broken = _write(tmp_path / "broken.json", '{"owmkey": "abc123owm",')
    with pytest.raises(SecretError) as err:
        manager.read({"file_name": broken, "file_type": "JSON"})
    assert str(err.value) == f"secrets file {broken}: not valid JSON (line 1, column 24)"
    with pytest.raises(SecretError) as err:
        manager.read({"file_name": str(tmp_path / "absent.json"), "file_type": "JSON"})
    assert (
        str(err.value) == f"secrets file {tmp_path / 'absent.json'}: cannot read {tmp_path / 'absent.json'}: "
        "No such file or directory"
    )
    listy = _write(tmp_path / "list.yaml", "- abc123owm\n")
    with pytest.raises(SecretError) as err:
        manager.read({"file_name": listy, "file_type": "YAML"})
    assert str(err.value) == f"secrets file {listy}: expected a mapping of secret names to values, got list"
    with pytest.raises(SecretError) as err:
        manager.read({"file_name": listy, "file_type": "TOML"})
    assert "expected a format JSON or YAML, got 'TOML'" in str(err.value)
    with pytest.raises(SecretError) as err:
        manager.read({"file_type": "JSON"})
    assert str(err.value) == "secretdef (FILE): missing key 'file_name'"
    for exc in (err.value,):
        assert "abc123owm" not in str(exc)


def test_file_readable_by_others_warns(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    exposed = _write(tmp_path / "s.json", json.dumps(VALUES), mode=0o644)
    SecretManager({"SOURCE": "FILE"}).read({"file_name": exposed, "file_type": "JSON"})
    assert f"secrets file {exposed} is readable by group or others (mode 644)" in caplog.text
    caplog.clear()
    private = _write(tmp_path / "p.json", json.dumps(VALUES), mode=0o600)
    SecretManager({"SOURCE": "FILE"}).read({"file_name": private, "file_type": "JSON"})
    assert "readable by group or others" not in caplog.text


def test_file_readable_by_the_process_own_group_only_does_not_warn(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A Kubernetes Secret volume with defaultMode 0440 and fsGroup = runAsGroup: the pod's own group."""
    own = _write(tmp_path / "own.yaml", "control_token: abc123owm\n", mode=0o440)
    assert os.stat(own).st_gid == os.getgid()
    SecretManager({"SOURCE": "FILE"}).read({"file_name": own, "file_type": "YAML"})
    assert caplog.text == ""
    other = os.getgid() + 1
    os.chown(own, -1, other)  # the tests run as root: hand the file to another group
    SecretManager({"SOURCE": "FILE"}).read({"file_name": own, "file_type": "YAML"})
    assert f"secrets file {own} is readable by group or others (mode 440)" in caplog.text


def test_unknown_source_and_bad_cfg() -> None:
    with pytest.raises(SecretError) as err:
        SecretManager({"SOURCE": "VAULT"})
    assert str(err.value) == "secretcfg: SOURCE: expected one of FILE, ENVIRONMENT, KUBERNETES, KUBEVAULT, got 'VAULT'"
    with pytest.raises(SecretError) as err:
        SecretManager({})
    assert str(err.value) == "secretcfg: missing key 'SOURCE'"


# --- ENVIRONMENT ----------------------------------------------------------------------------------
KEY_MAP = {"owmkey": "ECO_OWM_KEY", "dbpass": "ECO_DB_PASS"}


@pytest.mark.parametrize("fmt", ["JSON", "YAML"])
def test_environment_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    text = json.dumps(KEY_MAP) if fmt == "JSON" else "owmkey: ECO_OWM_KEY\ndbpass: ECO_DB_PASS\n"
    def_file = _write(tmp_path / f"map.{fmt.lower()}", text)
    monkeypatch.setenv("ECO_OWM_KEY", "abc123owm")
    monkeypatch.setenv("ECO_DB_PASS", "hunter2-db")
    monkeypatch.setenv("ECO_UNMAPPED", "not-returned")
    values = SecretManager({"SOURCE": "ENVIRONMENT"}).read(
        {"env_def_file": def_file, "definition_type": fmt, "env_file": None}
    )
    assert values == {"owmkey": "abc123owm", "dbpass": "hunter2-db"}


@pytest.mark.parametrize("name", [".env", "somefile.env"])
def test_environment_from_env_file(tmp_path: Path, name: str) -> None:
    def_file = _write(tmp_path / "map.json", json.dumps(KEY_MAP))
    env_file = _write(tmp_path / name, 'export ECO_OWM_KEY="abc123owm"\n# comment\nECO_DB_PASS=hunter2-db\n')
    values = SecretManager({"SOURCE": "ENVIRONMENT"}).read(
        {"env_def_file": def_file, "definition_type": "JSON", "env_file": env_file}
    )
    assert values == {"owmkey": "abc123owm", "dbpass": "hunter2-db"}
    assert "ECO_OWM_KEY" not in os.environ  # reading a .env file does not leak into the process environment


def test_environment_missing_variable_is_named(tmp_path: Path) -> None:
    def_file = _write(tmp_path / "map.json", json.dumps(KEY_MAP))
    env_file = _write(tmp_path / ".env", "ECO_OWM_KEY=abc123owm\n")
    with pytest.raises(SecretError) as err:
        SecretManager({"SOURCE": "ENVIRONMENT"}).read(
            {"env_def_file": def_file, "definition_type": "JSON", "env_file": env_file}
        )
    assert str(err.value) == f"env file {env_file}: no variable for key(s) dbpass (line 1) of {def_file}"
    bad_map = _write(tmp_path / "bad.yaml", "owmkey: [1, 2\n")
    with pytest.raises(SecretError) as err:
        SecretManager({"SOURCE": "ENVIRONMENT"}).read({"env_def_file": bad_map, "definition_type": "YAML"})
    assert str(err.value) == f"environment key map {bad_map}: not valid YAML (line 1, column 14)"


# --- KUBERNETES -----------------------------------------------------------------------------------
def _kcfg(k8s: FakeKubernetes) -> dict[str, object]:
    return {"SOURCE": "KUBERNETES", "kube_config": k8s.kubeconfig_path}  # type: ignore[attr-defined]


def test_kubernetes_secret_one_key_and_all_keys(k8s: FakeKubernetes) -> None:
    k8s.put_secret("ecoboard", "eco", {"secrets.json": json.dumps(VALUES), "plain": "just-text"})
    manager = SecretManager(_kcfg(k8s))
    one = manager.read(
        {"namespace": "ecoboard", "secret_name": "eco", "read_type": "SECRET", "read_key": "secrets.json"}
    )
    assert one == VALUES
    every = manager.read({"namespace": "ecoboard", "secret_name": "eco", "read_type": "SECRET", "read_key": None})
    assert every == {"secrets.json": json.dumps(VALUES), "plain": "just-text"}


def test_kubernetes_configmap(k8s: FakeKubernetes) -> None:
    k8s.put_configmap("ecoboard", "eco-config", {"config.json": '{"latitude": "42.35"}', "tz": "America/New_York"})
    manager = SecretManager(_kcfg(k8s))
    assert manager.read(
        {"namespace": "ecoboard", "secret_name": "eco-config", "read_type": "CONFIG_MAP", "read_key": "config.json"}
    ) == {"latitude": "42.35"}
    assert manager.read(
        {"namespace": "ecoboard", "secret_name": "eco-config", "read_type": "CONFIG_MAP", "read_key": None}
    ) == {"config.json": '{"latitude": "42.35"}', "tz": "America/New_York"}


def test_kubernetes_errors(k8s: FakeKubernetes, tmp_path: Path) -> None:
    k8s.put_secret("ecoboard", "eco", {"secrets.json": "not json abc123owm"})
    manager = SecretManager(_kcfg(k8s))
    with pytest.raises(SecretError) as err:
        manager.read({"namespace": "ecoboard", "secret_name": "missing", "read_type": "SECRET", "read_key": "x"})
    assert str(err.value) == "kubernetes: Secret ecoboard/missing not found"
    with pytest.raises(SecretError) as err:
        manager.read({"namespace": "ecoboard", "secret_name": "eco", "read_type": "SECRET", "read_key": "other"})
    assert str(err.value) == "kubernetes: Secret ecoboard/eco has no key 'other' (keys: secrets.json)"
    with pytest.raises(SecretError) as err:
        manager.read({"namespace": "ecoboard", "secret_name": "eco", "read_type": "SECRET", "read_key": "secrets.json"})
    assert str(err.value) == "kubernetes: Secret ecoboard/eco key 'secrets.json': expected a JSON object of secrets"
    assert "abc123owm" not in str(err.value)
    with pytest.raises(SecretError) as err:
        manager.read({"namespace": "ecoboard", "secret_name": "eco", "read_type": "SECRETS", "read_key": None})
    assert str(err.value) == "secretdef: read_type: expected SECRET or CONFIG_MAP, got 'SECRETS'"
    wrong = tmp_path / "wrong-kubeconfig"
    wrong.write_text(k8s.kubeconfig().replace(k8s.admin_token, "not-the-token"))
    with pytest.raises(SecretError) as err:
        SecretManager({"SOURCE": "KUBERNETES", "kube_config": str(wrong)}).read(
            {"namespace": "ecoboard", "secret_name": "eco", "read_type": "SECRET", "read_key": None}
        )
    assert str(err.value) == "kubernetes: Secret ecoboard/eco: HTTP 401 Unauthorized"


def test_kubernetes_unreachable(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.CRITICAL, logger="urllib3")
    cfg = tmp_path / "kc"
    cfg.write_text(kubeconfig_for("http://127.0.0.1:9", "t"))
    with pytest.raises(SecretError) as err:
        SecretManager({"SOURCE": "KUBERNETES", "kube_config": str(cfg)}).read(
            {"namespace": "n", "secret_name": "s", "read_type": "SECRET", "read_key": None}
        )
    assert str(err.value) == "kubernetes: Secret n/s: the API server cannot be reached (MaxRetryError)"


# --- from the ecoboard configuration --------------------------------------------------------------
def test_load_secrets_from_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ecoboard.config import parse_config
    from ecoboard.secrets import load_secrets

    assert load_secrets(parse_config({}, environ={})) == {}
    secrets_file = _write(tmp_path / "secrets.yaml", "owmkey: abc123owm\n")
    assert load_secrets(parse_config({"secrets": {"file": secrets_file}}, environ={})) == {"owmkey": "abc123owm"}
    def_file = _write(tmp_path / "map.json", json.dumps({"owmkey": "ECO_OWM_KEY"}))
    monkeypatch.setenv("ECO_OWM_KEY", "from-env-1")
    config = parse_config(
        {
            "secrets": {
                "secretcfg": {"SOURCE": "ENVIRONMENT"},
                "secretdef": {"env_def_file": def_file, "definition_type": "JSON"},
            }
        },
        environ={},
    )
    assert load_secrets(config) == {"owmkey": "from-env-1"}


def test_non_utf8_files_are_clear_errors(tmp_path: Path) -> None:
    binary = tmp_path / "s.json"
    binary.write_bytes(b"\xff\xfe{}")
    binary.chmod(0o600)
    with pytest.raises(SecretError) as err:
        SecretManager({"SOURCE": "FILE"}).read({"file_name": str(binary), "file_type": "JSON"})
    assert str(err.value) == f"secrets file {binary}: expected UTF-8 text in {binary}, found a byte 0xff at offset 0"
    def_file = _write(tmp_path / "map.json", json.dumps(KEY_MAP))
    with pytest.raises(SecretError) as err:
        SecretManager({"SOURCE": "ENVIRONMENT"}).read(
            {"env_def_file": def_file, "definition_type": "JSON", "env_file": str(binary)}
        )
    assert str(err.value) == f"env file {binary}: expected UTF-8 text in {binary}, found a byte 0xff at offset 0"
