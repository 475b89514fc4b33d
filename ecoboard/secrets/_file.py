"""The FILE source: a JSON or YAML file of secrets on disk."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ._manager import require
from ._parse import parse_secrets, read_text
from ._values import SecretValues

log = logging.getLogger(__name__)


def warn_if_exposed(path: str | os.PathLike[str]) -> None:
    """Log a warning when group or others may read the secrets file at ``path``."""
    try:
        mode = Path(path).stat().st_mode
    except OSError:
        return
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        log.warning("secrets file %s is readable by group or others (mode %o); chmod 600 it", path, mode & 0o777)


def read_file_secret(secretdef: Mapping[str, Any]) -> SecretValues:
    """Read ``secretdef["file_name"]`` as ``secretdef["file_type"]`` (JSON or YAML); a malformed entry is
    reported by its line number only."""
    name = require(secretdef, "file_name", "secretdef (FILE)")
    fmt = secretdef.get("file_type") or ("YAML" if str(name).endswith((".yaml", ".yml")) else "JSON")
    what = f"secrets file {name}"
    text = read_text(name, what)
    warn_if_exposed(name)
    return SecretValues(parse_secrets(text, fmt, what))
