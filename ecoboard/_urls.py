"""Small URL helpers shared by the store, the bus, the config and the fetchers: show a URL without its
secrets, take out our own query parameters before handing a URL to a library."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, unquote_plus, urlencode, urlsplit, urlunsplit

SECRET_PARAM_WORDS = ("pass", "pwd", "secret", "token", "key", "auth")
"""A query parameter whose name contains one of these (any case) holds a secret: ``password``,
``sslpassword``, ``passwd``, ``pwd``, ``client_secret``, ``token``, ``api_key``, ``apikey``, ``auth``..."""

MASK = "***"

_URL_IN_TEXT = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S+")


def is_secret_param(name: str) -> bool:
    """Whether a URL query parameter called ``name`` holds a secret (see :data:`SECRET_PARAM_WORDS`)."""
    lowered = unquote_plus(name).lower()
    return any(word in lowered for word in SECRET_PARAM_WORDS)


def _secret_spans(url: str) -> list[tuple[int, int]]:
    """Where the secrets of ``url`` are, as ``(start, end)`` indexes, in order.

    The password is what lies between the first ``:`` and the last ``@`` before the first ``/`` after
    ``scheme://`` (libpq's reading, which also takes an unencoded ``#`` or ``?`` into the password);
    then each non-empty value of a secret-like parameter in the query that follows.
    """
    spans: list[tuple[int, int]] = []
    start = url.find("://")
    start = 0 if start < 0 else start + 3
    slash = url.find("/", start)
    at = url.rfind("@", start, len(url) if slash < 0 else slash)
    colon = url.find(":", start, at) if at >= 0 else -1
    if colon >= 0:
        spans.append((colon + 1, at))
        start = at + 1
    query = url.find("?", start)
    if query >= 0:
        end = url.find("#", query)
        end = len(url) if end < 0 else end
        pos = query + 1
        for item in url[query + 1 : end].split("&"):
            name, sep, value = item.partition("=")
            if sep and value and is_secret_param(name):
                spans.append((pos + len(name) + 1, pos + len(item)))
            pos += len(item) + 1
    return [(a, b) for a, b in spans if b > a]


def redact_url(url: str) -> str:
    """``url`` as messages, logs and the API show it: the password of ``user:password@`` and the value
    of every secret-like query parameter (:func:`is_secret_param`) replaced by ``***``, the rest as written."""
    shown, last = [], 0
    for start, end in _secret_spans(url):
        shown += [url[last:start], MASK]
        last = end
    return "".join([*shown, url[last:]])


def redact_urls_in(text: str) -> str:
    """``text`` with every URL in it shown by :func:`redact_url` (a URL runs up to the next white space)."""
    return _URL_IN_TEXT.sub(lambda m: redact_url(m.group()), text)


def url_secrets(url: str) -> tuple[str, ...]:
    """The secrets of ``url`` as written and percent-decoded, longest first: the texts a library's
    message about this URL must not show."""
    raw = [url[start:end] for start, end in _secret_spans(url)]
    found = {text for value in raw for text in (value, unquote(value), unquote_plus(value)) if text}
    return tuple(sorted(found, key=len, reverse=True))


def scrub(text: str, url: str) -> str:
    """``text`` (a library's message about ``url``, which may quote a part of it) with each of
    :func:`url_secrets` replaced by ``***``."""
    for secret in url_secrets(url):
        text = text.replace(secret, MASK)
    return text


def safe_cause(exc: BaseException, url: str) -> BaseException | None:
    """``exc`` (a library's exception about ``url``) to chain with ``raise ... from``, or ``None`` when its
    text shows a secret of ``url`` (a traceback would print it)."""
    text = f"{exc!s} {exc!r}"
    return None if any(secret in text for secret in url_secrets(url)) else exc


def pop_query_param(url: str, name: str) -> tuple[str, str | None]:
    """``(url without the parameter, its last value or None)``; other parameters keep their order."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    values = [v for k, v in query if k == name]
    rest = urlencode([(k, v) for k, v in query if k != name])
    return urlunsplit(parts._replace(query=rest)), (values[-1] if values else None)
