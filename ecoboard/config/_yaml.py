"""A strict YAML reader for configuration: YAML 1.2 booleans and no duplicate keys.

PyYAML follows YAML 1.1, where ``NO``, ``yes``, ``on`` and ``off`` are booleans: the New Orleans
Saints (``NO``) would be read as ``False``. Here only ``true``/``false`` (any case) are booleans,
and a mapping that names a key twice is an error instead of "the last one wins".
"""

from __future__ import annotations

import re
from typing import Any

import yaml


class DuplicateKeyError(yaml.YAMLError):
    """A mapping names the same key twice."""

    def __init__(self, key: object, mark: yaml.Mark | None) -> None:
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        super().__init__(f"the key {key!r} appears twice{where}")
        self.problem_mark = mark


class StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans and duplicate keys refused."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue  # ``<<: *defaults``: the keys it brings in may be overridden here
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise DuplicateKeyError(key, key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def error_position(exc: yaml.YAMLError, text: str) -> tuple[int, int] | None:
    """The 1-based ``(line, column)`` where PyYAML found the problem of ``text``, or ``None`` without a
    mark. A problem found at the end of the input (an unclosed ``[``) is marked by PyYAML on the line
    after the last one; it is placed just after the last character of the text instead, so that the
    position is inside the file."""
    mark = getattr(exc, "problem_mark", None)
    if mark is None:
        return None
    content = text.rstrip()
    if mark.index < len(content):
        return mark.line + 1, mark.column + 1
    return content.count("\n") + 1, len(content.rpartition("\n")[2]) + 1


def load_yaml(text: str) -> Any:
    """Parse ``text`` with :class:`StrictLoader`; raises ``yaml.YAMLError`` (with a mark when known)."""
    return yaml.load(text, Loader=StrictLoader)
