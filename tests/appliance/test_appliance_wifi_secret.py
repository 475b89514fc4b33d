"""``ecoboard run`` resolves the wifi page's password from the secrets, never from plain config."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from ecoboard.cli._cmd_run import _resolve_secrets
from ecoboard.config import parse_config
from ecoboard.renderer import prepare_wifi_pages


def test_wifi_password_comes_from_the_secrets_file(tmp_path: Path) -> None:
    secrets_file = tmp_path / "secrets.yaml"
    secrets_file.write_text("wifi_psk: correct horse battery\ncontrol_token: tok-123\n")
    secrets_file.chmod(0o600)
    config = parse_config({
        "secrets": {"file": str(secrets_file)},
        "display": {"pages": [{"page": "clock", "seconds": 5},
                              {"page": "wifi", "seconds": 5, "options": {"ssid": "HomeNet", "security": "WPA",
                                                                         "password_secret": "wifi_psk"}}]},
    }, environ={})
    resolved, token, secrets = _resolve_secrets(config)
    assert token == "tok-123"
    assert resolved.display.pages == config.display.pages  # the config itself never holds the password
    pages = partial(prepare_wifi_pages, secrets=secrets)(config.display.pages)
    wifi = pages[1]
    assert wifi.options["password"] == "correct horse battery"
    assert "correct horse battery" not in repr(pages)
    assert pages[0] == config.display.pages[0]
