"""The ENVIRONMENT source: a key map {secret_key: ENV_VAR} read from the process environment in
place or from a ``.env`` / ``somefile.env`` file (parsed with python-dotenv)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from dotenv import dotenv_values

from .._errors import SecretError
from ._file import warn_if_exposed
from ._manager import require
from ._parse import as_mapping, parse_document, read_text
from ._values import SecretValues


def read_environment_secret(secretdef: Mapping[str, Any]) -> SecretValues:
    """Return the mapped keys only; a variable missing from the environment is an error naming it."""
    def_file = require(secretdef, "env_def_file", "secretdef (ENVIRONMENT)")
    fmt = secretdef.get("definition_type") or ("YAML" if str(def_file).endswith((".yaml", ".yml")) else "JSON")
    what = f"environment key map {def_file}"
    key_map = as_mapping(parse_document(read_text(def_file, what), fmt, what), what)
    env_file = secretdef.get("env_file")
    if env_file:
        read_text(env_file, f"env file {env_file}")  # a clear error when it is missing or unreadable
        warn_if_exposed(env_file)
        environ: Mapping[str, str | None] = dotenv_values(env_file, encoding="utf-8")
        origin = f"env file {env_file}"
    else:
        environ = os.environ
        origin = "the process environment"
    values = SecretValues()
    missing = []
    for key, variable in key_map.items():
        if not isinstance(variable, str) or not variable:
            raise SecretError(f"{what}: {key}: expected an environment variable name, got {variable!r}")
        value = environ.get(variable)
        if value is None:
            missing.append(variable)
        else:
            values[key] = value
    if missing:
        raise SecretError(f"{origin}: missing variable(s) {', '.join(missing)} named in {def_file}")
    return values
