"""SecretValues: a dict of secrets that never shows its values in repr, str or logs."""

from __future__ import annotations

from typing import Any


class SecretValues(dict[str, Any]):
    """A plain ``dict`` of secrets whose ``repr``/``str`` list only the key names."""

    def __repr__(self) -> str:
        return f"SecretValues(keys={sorted(self)!r})"

    __str__ = __repr__
