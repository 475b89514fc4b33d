"""The ENVIRONMENT source: a key map {secret_key: ENV_VAR} read from the process environment in
place or from a ``.env`` / ``somefile.env`` file (parsed with python-dotenv).

Errors never show the text of either file: a malformed line is named by its line number, a missing
variable by the key that maps to it and that key's line (were the key map a file of secrets by
mistake, its values would be secrets)."""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from typing import Any

from dotenv import dotenv_values
from dotenv.parser import parse_stream

from .._errors import SecretError
from ._file import warn_if_exposed
from ._manager import require
from ._parse import ENV_NAME, NOT_SHOWN, read_text, secret_entries
from ._values import SecretValues


def _key_map(def_file: str, fmt: str) -> list[tuple[str, str, int]]:
    """``(secret key, variable name, line)`` of each entry of the key map, every one checked."""
    what = f"environment key map {def_file}"
    entries = secret_entries(read_text(def_file, what), fmt, what)
    for _key, variable, line in entries:
        if not isinstance(variable, str) or not ENV_NAME.fullmatch(variable):
            raise SecretError(
                f"{what}: line {line}: expected an environment variable name (letters, digits and '_') "
                f"as the value ({NOT_SHOWN})"
            )
    return entries


def _env_file(env_file: str) -> dict[str, str | None]:
    """The variables of a ``.env`` file; a line that is not ``NAME=value`` is named by its number."""
    what = f"env file {env_file}"
    text = read_text(env_file, what)
    warn_if_exposed(env_file)
    for binding in parse_stream(io.StringIO(text)):
        if binding.key is None and not binding.error:
            continue  # a blank line or a comment
        if binding.error or binding.value is None or not ENV_NAME.fullmatch(binding.key or ""):
            original = binding.original.string  # starts with the blank lines before the statement
            line = binding.original.line + original[: len(original) - len(original.lstrip())].count("\n")
            raise SecretError(f"{what}: line {line}: expected NAME=value ({NOT_SHOWN})")
    return dotenv_values(stream=io.StringIO(text))


def read_environment_secret(secretdef: Mapping[str, Any]) -> SecretValues:
    """Return the mapped keys only; a variable missing from the environment is an error naming its key."""
    def_file = require(secretdef, "env_def_file", "secretdef (ENVIRONMENT)")
    fmt = secretdef.get("definition_type") or ("YAML" if str(def_file).endswith((".yaml", ".yml")) else "JSON")
    key_map = _key_map(def_file, fmt)
    env_file = secretdef.get("env_file")
    environ: Mapping[str, str | None] = _env_file(env_file) if env_file else os.environ
    origin = f"env file {env_file}" if env_file else "the process environment"
    values = SecretValues()
    missing = []
    for key, variable, line in key_map:
        value = environ.get(variable)
        if value is None:
            missing.append(f"{key} (line {line})")
        else:
            values[key] = value
    if missing:
        raise SecretError(f"{origin}: no variable for key(s) {', '.join(missing)} of {def_file}")
    return values
