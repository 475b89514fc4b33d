"""Operator actions on KubeVault secrets: encrypt a JSON file into a Secret, rotate the transit key.

Both verify their work by reading the Secret back through the normal read path.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .._errors import SecretError
from ._manager import SecretManager, require
from ._manifest import secret_manifest
from ._parse import check_text_values, parse_secrets, read_text


def encrypt_file(
    manager: SecretManager, secretdef: Mapping[str, Any], source_file: str, *, write: bool = True
) -> dict[str, Any]:
    """Transit-encrypt the JSON object in ``source_file`` and return the Secret manifest.

    Every value must be text (a secret is a string: a mapping or a number is refused by its key
    before Vault is asked). With ``write`` the Secret is created or replaced, read back and compared
    with the original.
    """
    what = f"plaintext file {source_file}"
    plaintext = parse_secrets(read_text(source_file, what), "JSON", what)
    check_text_values(plaintext, what)
    vault = manager.kubevault()
    transit_key = require(secretdef, "transit_key", "secretdef (KUBEVAULT)")
    ciphertext = vault.encrypt(transit_key, json.dumps(plaintext, sort_keys=True).encode("utf-8"))
    manifest = secret_manifest(secretdef, ciphertext)
    if write:
        vault.write_secret(manifest)
        if dict(vault.read(secretdef)) != plaintext:
            raise SecretError(f"verification failed: Secret {secretdef['secret_name']} does not read back as written")
    return manifest


@dataclass(frozen=True)
class RotationResult:
    """What a rotation did: the new key version and the minimum decryption version after it."""

    latest_version: int
    min_decryption_version: int


def rotate(manager: SecretManager, secretdef: Mapping[str, Any], *, raise_min: bool = False) -> RotationResult:
    """Rotate the transit key, rewrap the Secret's ciphertext to the new version and verify it.

    Only with ``raise_min`` is the minimum decryption version raised to the new version, so that old
    ciphertext stops decrypting.
    """
    vault = manager.kubevault()
    transit_key = require(secretdef, "transit_key", "secretdef (KUBEVAULT)")
    before = dict(vault.read(secretdef))
    latest = vault.rotate(transit_key)
    rewrapped = vault.rewrap(transit_key, vault.read_ciphertext(secretdef))
    vault.write_secret(secret_manifest(secretdef, rewrapped))
    if dict(vault.read(secretdef)) != before:
        raise SecretError(f"verification failed: Secret {secretdef['secret_name']} changed during rotation")
    if raise_min:
        vault.set_min_decryption_version(transit_key, latest)
    return RotationResult(*vault.key_versions(transit_key))
