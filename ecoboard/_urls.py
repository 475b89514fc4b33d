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


_CONNINFO_PAIR = re.compile(r"(?<![\w.-])([A-Za-z_][\w.-]*)\s*=\s*('(?:[^'\\]|\\.)*'?|\S*)")
"""One ``key=value`` pair of a libpq conninfo string (``host=h password='a b'``); a value may be quoted."""

_FRAGMENT_SPLIT = re.compile(r"[@/?#]+")
"""Where a parser may cut a password written unencoded in a URL (libpq and urllib disagree there)."""

MIN_FRAGMENT = 4
"""A shorter secret, or piece of a cut one, is not replaced where it shows (it would mangle the text): a
message showing one is withheld instead (see :func:`scrub`)."""

WITHHELD = "(the message is not shown: it may quote the password or a part of it)"


def _conninfo_spans(text: str) -> list[tuple[int, int]]:
    """The values of the secret-like keys of a libpq ``key=value`` conninfo string (``password=...``)."""
    return [m.span(2) for m in _CONNINFO_PAIR.finditer(text) if m.group(2) and is_secret_param(m.group(1))]


def _secret_spans(url: str) -> list[tuple[int, int, bool]]:
    """Where the secrets of ``url`` are, as ``(start, end, whole_userinfo)``, in order.

    After ``scheme://``, the password is what lies between the first ``:`` and the ``@`` before the
    first ``/`` (libpq's reading, which also takes an unencoded ``#`` or ``?`` into the password).
    When the URL has several ``@``, or one after that ``/``, parsers disagree on where the user name
    and password end (an unencoded ``@`` or ``/`` in the password): the whole user info, everything
    up to the last ``@``, is the secret (``whole_userinfo``). Then each non-empty value of a
    secret-like parameter in the query that follows. Without ``://`` (a libpq conninfo string), the
    values of secret-like keys.
    """
    spans: list[tuple[int, int, bool]] = []
    scheme = url.find("://")
    if scheme < 0:
        spans += [(a, b, False) for a, b in _conninfo_spans(url)]
    start = 0 if scheme < 0 else scheme + 3
    slash = url.find("/", start)
    slash = len(url) if slash < 0 else slash
    first_at, last_at = url.find("@", start), url.rfind("@", start)
    if last_at > slash or first_at != last_at:
        spans.append((start, last_at, True))
        start = last_at + 1
    elif last_at >= 0 and (colon := url.find(":", start, last_at)) >= 0:
        spans.append((colon + 1, last_at, False))
        start = last_at + 1
    query = url.find("?", start)
    if query >= 0:
        end = url.find("#", query)
        end = len(url) if end < 0 else end
        pos = query + 1
        for item in url[query + 1 : end].split("&"):
            name, sep, value = item.partition("=")
            if sep and value and is_secret_param(name):
                spans.append((pos + len(name) + 1, pos + len(item), False))
            pos += len(item) + 1
    merged: list[tuple[int, int, bool]] = []  # a conninfo value and a query value may be the same text
    for start, end, whole in sorted(span for span in spans if span[1] > span[0]):
        if merged and start < merged[-1][1]:
            first, last_end, last_whole = merged.pop()
            merged.append((first, max(end, last_end), whole or last_whole))
        else:
            merged.append((start, end, whole))
    return merged


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    shown, last = [], 0
    for start, end in spans:
        shown += [text[last:start], MASK]
        last = end
    return "".join([*shown, text[last:]])


def redact_url(url: str) -> str:
    """``url`` as messages, logs and the API show it: the password of ``user:password@`` (the whole
    user info when parsers could read it differently, see :func:`_secret_spans`) and the value of every
    secret-like query parameter (:func:`is_secret_param`) replaced by ``***``, the rest as written. A
    libpq ``key=value`` conninfo string is shown with its secret-like values (``password=``) masked."""
    return _masked(url, [(start, end) for start, end, _ in _secret_spans(url)])


def redact_urls_in(text: str) -> str:
    """``text`` with every URL in it shown by :func:`redact_url` (a URL runs up to the next white space),
    and the value of every secret-like ``key=value`` outside them masked."""
    shown, last = [], 0
    for match in _URL_IN_TEXT.finditer(text):
        between = text[last : match.start()]
        shown += [_masked(between, _conninfo_spans(between)), redact_url(match.group())]
        last = match.end()
    rest = text[last:]
    return "".join([*shown, _masked(rest, _conninfo_spans(rest))])


def _unquoted(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return re.sub(r"\\(.)", r"\1", value[1:-1])
    return value


def _written_secrets(url: str) -> list[str]:
    """Each secret of ``url`` as written: a password (of the whole user info, the part after its
    first ``:``), a secret-like query or conninfo value (unquoted)."""
    found = []
    for start, end, whole_userinfo in _secret_spans(url):
        text = url[start:end]
        if whole_userinfo:  # the password is what follows the first ":" (none: only a user name)
            text = text.partition(":")[2]
        found.append(_unquoted(text))
    return [text for text in found if text]


def _whole_secrets(url: str) -> set[str]:
    """Each secret of ``url`` as written and percent-decoded."""
    return {text for value in _written_secrets(url) for text in (value, unquote(value), unquote_plus(value))}


def url_secrets(url: str) -> tuple[str, ...]:
    """The secrets of ``url`` as written and percent-decoded, and every piece a parser could cut one as
    written into (at an unencoded ``@``, ``/``, ``?`` or ``#``), longest first: the texts a library's
    message about this URL must not show."""
    pieces = {piece for text in _written_secrets(url) for piece in _FRAGMENT_SPLIT.split(text)}
    return tuple(sorted((_whole_secrets(url) | pieces) - {""}, key=len, reverse=True))


def scrub(text: str, url: str) -> str:
    """``text`` (a library's message about ``url``, which may quote a part of it) with each of
    :func:`url_secrets` replaced by ``***``; :data:`WITHHELD` instead when one shorter than
    :data:`MIN_FRAGMENT` shows (replacing it would mangle the words around it)."""
    for secret in url_secrets(url):
        if len(secret) >= MIN_FRAGMENT:
            text = text.replace(secret, MASK)
        elif secret in text:
            return WITHHELD
    return text


def safe_cause(exc: BaseException, url: str) -> BaseException | None:
    """``exc`` (a library's exception about ``url``) to chain with ``raise ... from``, or ``None`` when its
    text shows a secret of ``url`` or a piece of one (a traceback would print it)."""
    text = f"{exc!s} {exc!r}"
    return None if any(secret in text for secret in url_secrets(url)) else exc


def pop_query_param(url: str, name: str) -> tuple[str, str | None]:
    """``(url without the parameter, its last value or None)``; other parameters keep their order."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    values = [v for k, v in query if k == name]
    rest = urlencode([(k, v) for k, v in query if k != name])
    return urlunsplit(parts._replace(query=rest)), (values[-1] if values else None)
