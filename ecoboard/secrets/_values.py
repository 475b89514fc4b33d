"""SecretValues: a dict of secrets that never shows its values in repr, str or logs; and
:func:`secret_text` and :func:`secret_url`, the way a consumer reads a secret it uses as text."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._errors import SecretError
from .._url_checks import check_secret_url
from ._parse import kind_of


class SecretValues(dict[str, Any]):
    """A plain ``dict`` of secrets whose ``repr``/``str`` list only the key names."""

    def __repr__(self) -> str:
        return f"SecretValues(keys={sorted(self)!r})"

    __str__ = __repr__


def secret_text(secrets: Mapping[str, Any], name: str, key: str) -> str | None:
    """The secret ``name`` as text, ``None`` when it is unset or empty; ``key`` (the setting that
    names it, e.g. ``store.url_secret``) leads the error.

    A number is taken as its digits (YAML reads ``token: 1234`` as one); a mapping, list or boolean
    raises :class:`SecretError` naming what it is, never its content.
    """
    value = secrets.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise SecretError(f"{key}: the secret {name!r}: expected text, got {kind_of(value)}")


def secret_url(secrets: Mapping[str, Any], key: str, name: str | None, plain: str) -> str:
    """The store or bus URL in the secret ``name`` (named by the setting ``key``,
    ``store.url_secret`` or ``bus.url_secret``), checked; ``plain`` when no secret is named.

    Raises :class:`SecretError` when the secret is unset or not text, :class:`ConfigError` when
    it is not a URL the store or bus takes (the password masked).
    """
    if not name:
        return plain
    url = secret_text(secrets, name, key)
    if url is None:
        raise SecretError(f"{key}: the secret {name!r} is not set")
    check_secret_url(key, name, url)
    return url
