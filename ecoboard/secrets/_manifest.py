"""The Kubernetes Secret manifest that holds transit ciphertext (no client libraries needed)."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

from ._manager import require


def secret_manifest(secretdef: Mapping[str, Any], ciphertext: str) -> dict[str, Any]:
    """The Kubernetes Secret manifest holding ``ciphertext`` under ``read_key``."""
    encoded = base64.b64encode(ciphertext.encode("ascii")).decode("ascii")
    return {
        "apiVersion": "v1",
        "kind": "Secret",
        "type": "Opaque",
        "metadata": {
            "name": require(secretdef, "secret_name", "secretdef"),
            "namespace": require(secretdef, "namespace", "secretdef"),
            "labels": {"app.kubernetes.io/part-of": "ecoboard", "ecoboard/transit-key": str(secretdef["transit_key"])},
        },
        "data": {require(secretdef, "read_key", "secretdef (KUBEVAULT)"): encoded},
    }
