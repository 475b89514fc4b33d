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
    """Log a warning when others, or a group other than this process's own, may read the secrets file at
    ``path``. Group access for the process's own group is how a Kubernetes Secret volume is read by a
    non-root pod (``defaultMode: 0440`` with ``fsGroup`` equal to ``runAsGroup``): no warning then."""
    try:
        info = Path(path).stat()
    except OSError:
        return
    mode = info.st_mode
    foreign_group = info.st_gid != os.getgid() and mode & stat.S_IRWXG
    if mode & stat.S_IRWXO or foreign_group:
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
