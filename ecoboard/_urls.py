"""Small URL helpers shared by the store, the bus and the fetchers: redact secrets, take out our own
query parameters before handing a URL to a library."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit


def redact_url(url: str) -> str:
    """``url`` with any password replaced by ``***`` (for messages and logs)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@", 1)))


def pop_query_param(url: str, name: str) -> tuple[str, str | None]:
    """``(url without the parameter, its last value or None)``; other parameters keep their order."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    values = [v for k, v in query if k == name]
    rest = urlencode([(k, v) for k, v in query if k != name])
    return urlunsplit(parts._replace(query=rest)), (values[-1] if values else None)
