"""A file that is not a valid secrets, key-map or ``.env`` file (a password file, say) is refused by
file and line number; no error, output or log line shows any of its text."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from ecoboard import SecretError
from ecoboard.cli._main import main
from ecoboard.secrets import SecretManager

from ._k8s_api import FakeKubernetes

FAKE = "S3cr3tHash-90210"
"""The secret-looking text inside each malformed file."""

SHADOW = f"root:$6${FAKE}:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n"
NOT_SHOWN = "(the line is not shown: it may hold a secret)"
BAD_NAME = f"expected a name of letters, digits, '-', '_' or '.' with a value {NOT_SHOWN}"


def _write(path: Path, text: str) -> str:
    path.write_text(text)
    path.chmod(0o600)
    return str(path)


@pytest.fixture(autouse=True)
def _no_fake_secret_logged(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    caplog.set_level(logging.DEBUG)
    yield
    assert FAKE not in caplog.text


def _refusal(secretcfg: dict[str, object], secretdef: dict[str, object]) -> str:
    with pytest.raises(SecretError) as err:
        SecretManager(secretcfg).read(secretdef)
    assert FAKE not in str(err.value)
    return str(err.value)


TWICE = f"a key named twice in one mapping {NOT_SHOWN}"


@pytest.mark.parametrize(
    ("text", "fmt", "line", "problem"),
    [
        (SHADOW, "YAML", 1, BAD_NAME),  # YAML reads each line as a key with no value
        (f"owmkey: abc\n{FAKE}:\n", "YAML", 2, BAD_NAME),  # a name with no value
        (f"owmkey: abc\n'{FAKE} x': 1\n", "YAML", 2, BAD_NAME),  # not a name
        (f'{{"owmkey": "abc",\n "dbpass": "x",\n "{FAKE}=1 2": "v"}}', "JSON", 3, BAD_NAME),
        (f'{{"owmkey": "abc", "{FAKE}": null}}', "JSON", 1, BAD_NAME),
        (f"owmkey: abc\ndbpass: x\nowmkey: {FAKE}\n", "YAML", 3, TWICE),
        (f"owmkey: abc\ndbpass: {{user: a, user: '{FAKE}'}}\n", "YAML", 2, TWICE),  # in a nested mapping too
        (f"<<: {{owmkey: abc}}\nowmkey: x\nowmkey: {FAKE}\n", "YAML", 3, TWICE),
        (f'{{"owmkey": "abc",\n "dbpass": "x",\n "owmkey": "{FAKE}"}}', "JSON", 3, TWICE),
    ],
)
def test_file_source_names_the_malformed_line_only(
    tmp_path: Path, text: str, fmt: str, line: int, problem: str
) -> None:
    path = _write(tmp_path / "secrets", text)
    assert _refusal({"SOURCE": "FILE"}, {"file_name": path, "file_type": fmt}) == (
        f"secrets file {path}: line {line}: {problem}"
    )


def test_yaml_secrets_keep_yes_no_on_off_as_text_and_a_key_may_override_a_merged_one(tmp_path: Path) -> None:
    text = "base: &base {dbpass: no, owmkey: On}\nkeys:\n  <<: *base\n  owmkey: YES\nflag: true\n"
    path = _write(tmp_path / "secrets.yaml", text)
    values = SecretManager({"SOURCE": "FILE"}).read({"file_name": path})
    assert values == {"base": {"dbpass": "no", "owmkey": "On"}, "keys": {"dbpass": "no", "owmkey": "YES"}, "flag": True}
    path = _write(tmp_path / "merged.yaml", "<<: {dbpass: no, owmkey: On}\nowmkey: YES\n")
    assert SecretManager({"SOURCE": "FILE"}).read({"file_name": path}) == {"dbpass": "no", "owmkey": "YES"}


def test_environment_key_map_and_env_file_name_the_malformed_line_only(tmp_path: Path) -> None:
    env = {"SOURCE": "ENVIRONMENT"}
    shadow = _write(tmp_path / "shadow", SHADOW)
    assert _refusal(env, {"env_def_file": shadow, "definition_type": "YAML"}) == (
        f"environment key map {shadow}: line 1: {BAD_NAME}"
    )
    twice = _write(tmp_path / "map.yaml", "owmkey: ECO_OWM\ndbpass: ECO_DB\nowmkey: ECO_OTHER\n")
    assert _refusal(env, {"env_def_file": twice}) == f"environment key map {twice}: line 3: {TWICE}"
    secrets_as_map = _write(tmp_path / "secrets.yaml", f"owmkey: ECO_OWM\ndbpass: '{FAKE}!'\n")
    assert _refusal(env, {"env_def_file": secrets_as_map}) == (
        f"environment key map {secrets_as_map}: line 2: expected an environment variable name "
        f"(letters, digits and '_') as the value {NOT_SHOWN}"
    )
    # a variable name may itself be a secret (a secrets file given as the key map): the key is named
    key_map = _write(tmp_path / "map.json", json.dumps({"owmkey": "ECO_OWM"}, indent=1) + "\n")
    password_like = _write(tmp_path / "pw.json", json.dumps({"owmkey": FAKE.replace("-", "_")}))
    assert _refusal(env, {"env_def_file": password_like, "env_file": _write(tmp_path / "a.env", "ECO_OWM=1\n")}) == (
        f"env file {tmp_path / 'a.env'}: no variable for key(s) owmkey (line 1) of {password_like}"
    )
    for text, line in (
        (f"ECO_OWM=abc\n\n# note\n{SHADOW}", 4),
        (f"ECO_OWM=abc\n{FAKE} is here\n", 2),
        (f"\n\nexport ECO_OWM='x'\n{FAKE}\n", 4),
        (f"ECO-{FAKE}=1\n", 1),
    ):
        env_file = _write(tmp_path / ".env", text)
        assert _refusal(env, {"env_def_file": key_map, "env_file": env_file}) == (
            f"env file {env_file}: line {line}: expected NAME=value {NOT_SHOWN}"
        )


def test_kubernetes_json_secret_names_the_malformed_line_only(k8s: FakeKubernetes) -> None:
    k8s.put_secret("ecoboard", "eco", {"secrets.json": f'{{\n  "owmkey": "abc",\n  "{FAKE} x": "v"\n}}'})
    cfg = {"SOURCE": "KUBERNETES", "kube_config": k8s.kubeconfig_path}  # type: ignore[attr-defined]
    assert _refusal(cfg, {"namespace": "ecoboard", "secret_name": "eco", "read_key": "secrets.json"}) == (
        f"kubernetes: Secret ecoboard/eco key 'secrets.json': line 3: {BAD_NAME}"
    )


def test_secrets_check_prints_no_line_of_a_file_that_is_not_a_secrets_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = _write(tmp_path / "cfg.json", '{"SOURCE": "FILE"}')
    secretdef = _write(
        tmp_path / "def.json", json.dumps({"file_name": _write(tmp_path / "shadow", SHADOW), "file_type": "YAML"})
    )
    assert main(["secrets", "check", cfg, secretdef]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"ecoboard secrets: error: secrets file {tmp_path / 'shadow'}: line 1: {BAD_NAME}\n"
