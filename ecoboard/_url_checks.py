"""Check a store or bus URL before a library reads it: the config loader, ``open_store``, ``open_bus`` and
the URLs read from secrets all refuse the same URLs, with one line that shows the URL masked.

A URL is refused when urllib cannot split it (a ``[`` without its ``]``), when a port is not a number
from 0 to 65535, or when it has an ``@`` other than the one ending ``user:password@``: an unencoded
``@``, ``/``, ``?`` or ``#`` in a password makes libpq, redis-py and urllib disagree on where the
password ends, and each would then show a piece of it as a host or a port. A bus URL also takes only
the query parameters of :data:`REDIS_URL_OPTIONS` (plus ecoboard's ``prefix``) and a numeric database.
"""

from __future__ import annotations

import math
import re
from urllib.parse import parse_qsl, urlsplit

from ._errors import ConfigError
from ._urls import redact_url

STORE_EXPECTATION = "a sqlite: or postgresql: URL"
BUS_EXPECTATION = "memory:// or a redis:// URL"

REDIS_URL_OPTIONS = {
    "db": "int",
    "username": "text",
    "password": "text",
    "client_name": "text",
    "socket_timeout": "float",
    "socket_connect_timeout": "float",
    "socket_keepalive": "bool",
    "socket_read_size": "positive int",
    "retry_on_timeout": "bool",
    "health_check_interval": "int",
    "max_connections": "positive int",
}
"""The connection options a ``redis://`` URL may set, as redis-py reads them from the query (``from_url``):
``int``, ``positive int`` and ``float`` options are converted by redis-py, ``text`` ones are passed as
written. ``socket_read_size`` and ``max_connections`` must be at least 1 (a read of 0 bytes never
returns data; redis-py takes ``max_connections=0`` as its default of 100), ``db`` and
``health_check_interval`` at least 0."""

REDISS_URL_OPTIONS = {
    "ssl_cert_reqs": "cert_reqs",
    "ssl_ca_certs": "text",
    "ssl_ca_path": "text",
    "ssl_certfile": "text",
    "ssl_keyfile": "text",
    "ssl_password": "text",
    "ssl_ciphers": "text",
    "ssl_check_hostname": "bool",
}
"""The TLS options a ``rediss://`` URL may set as well; ``ssl_cert_reqs`` is one of
:data:`CERT_REQS`, written as redis-py's ``SSLConnection`` compares it (lower case)."""

CERT_REQS = ("none", "optional", "required")
"""The values of ``ssl_cert_reqs`` redis-py takes; any other fails only at the first connection."""

_BOOLEANS = {"0", "1", "f", "t", "n", "y", "false", "true", "no", "yes"}
_KIND_EXPECTED = {
    "int": "a whole number of 0 or more",
    "positive int": "a positive whole number",
    "float": "a number of 0 or more",
    "bool": "true or false (yes/no, y/n, t/f and 1/0 are read too, in any case)",
    "cert_reqs": f"{', '.join(CERT_REQS[:-1])} or {CERT_REQS[-1]}",
}
_PORT = re.compile(r"\d{1,5}")
_REDIS_DB = re.compile(r"/?(\d+)?")


def url_problem_message(key: str, expectation: str, url: str, detail: str) -> str:
    """One line: ``key: expected <expectation>, got '<masked url>' (<detail>)``."""
    suffix = f" ({detail})" if detail else ""
    return f"{key}: expected {expectation}, got {redact_url(url)!r}{suffix}"


def _host_problem(host: str) -> str | None:
    """What is wrong with one ``host[:port]`` of an authority, if anything."""
    if host.startswith("["):
        address, bracket, port = host[1:].partition("]")
        if not bracket or "[" in address:
            return "invalid IPv6 host: a '[' without its ']'"
        if port and not port.startswith(":"):
            return "invalid IPv6 host: text after its ']'"
        port = port[1:]
    elif "[" in host or "]" in host:
        return "invalid IPv6 host: write it as [address]"
    else:
        port = host.partition(":")[2]
    if port and not (_PORT.fullmatch(port) and int(port) <= 65535):
        return "invalid port: expected a number from 0 to 65535"
    return None


def _structure_problem(url: str, *, hosts_separator: str | None) -> str | None:
    """What makes ``url`` unreadable, or read differently by urllib and the database library."""
    at_count = url.count("@")
    try:
        netloc = urlsplit(url).netloc
    except ValueError as exc:
        return "invalid IPv6 host: a '[' without its ']'" if "IPv6" in str(exc) else "invalid host"
    if at_count > 1 or (at_count == 1 and "@" not in netloc):
        return (
            "an '@' besides the one after user:password; write an '@', '/', '?' or '#' in a user name "
            "or password as %40, %2F, %3F or %23"
        )
    hosts = netloc.rpartition("@")[2]
    for host in hosts.split(hosts_separator) if hosts_separator else [hosts]:
        if problem := _host_problem(host):
            return problem
    return None


def _value_problem(name: str, kind: str, value: str) -> str | None:
    if kind in ("int", "positive int"):
        ok = value.isascii() and value.isdigit() and (kind == "int" or int(value) >= 1)
    elif kind == "cert_reqs":
        ok = value in CERT_REQS
    elif kind == "float":
        try:
            ok = math.isfinite(float(value)) and float(value) >= 0
        except ValueError:
            ok = False
    else:
        ok = kind == "text" or value.lower() in _BOOLEANS
    return None if ok else f"query parameter {name!r}: expected {_KIND_EXPECTED[kind]}"


def store_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be a ``store.url`` (``""``: not a URL of a store), or ``None``. A ``sqlite:``
    URL's path is checked when it is opened; a ``postgresql://`` URL's query parameters are libpq's."""
    if url.startswith("sqlite:"):
        return None
    if not url.startswith(("postgresql://", "postgres://")):
        return ""
    return _structure_problem(url, hosts_separator=",")  # libpq takes host1:port1,host2:port2


def bus_url_problem(url: str) -> str | None:
    """Why ``url`` cannot be a ``bus.url`` (``""``: not a URL of a bus), or ``None``."""
    if url.startswith("memory:"):
        return None
    if not url.startswith(("redis://", "rediss://")):
        return ""
    if detail := _structure_problem(url, hosts_separator=None):
        return detail
    parts = urlsplit(url)
    if not _REDIS_DB.fullmatch(parts.path):
        return "the database after the host must be a number, as in redis://host:6379/0"
    options = REDIS_URL_OPTIONS | (REDISS_URL_OPTIONS if parts.scheme == "rediss" else {})
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        if name == "prefix":
            continue
        if name not in options:
            tls = "" if parts.scheme == "rediss" else "; rediss:// also takes the ssl_* options"
            return (
                f"unknown query parameter {name!r}; a {parts.scheme}:// URL takes prefix and redis-py's "
                f"{', '.join(options)}{tls}"
            )
        if problem := _value_problem(name, options[name], value):
            return problem
    return None


_SECRET_KEYS = {
    "store.url_secret": (store_url_problem, STORE_EXPECTATION),
    "bus.url_secret": (bus_url_problem, BUS_EXPECTATION),
}


def check_secret_url(key: str, name: str, url: str) -> None:
    """Raise :class:`ConfigError` naming ``key`` (``store.url_secret`` or ``bus.url_secret``) and the
    secret ``name`` when ``url``, that secret's value, is refused as a store or bus URL."""
    problem, expectation = _SECRET_KEYS[key]
    detail = problem(url)
    if detail is not None:
        raise ConfigError(url_problem_message(f"{key}: the secret {name!r}", expectation, url, detail))
