"""store.url and bus.url are checked when the config loads, and again wherever a URL arrives otherwise
(``open_store``, ``open_bus``, a URL read from a secret): one line naming where it was set, the key,
the URL with its secrets masked and what is wrong, never a piece of the password."""

from __future__ import annotations

import inspect

import pytest
import redis
import redis.connection

from ecoboard import ConfigError
from ecoboard._url_checks import CERT_REQS, REDIS_URL_OPTIONS, REDISS_URL_OPTIONS, check_secret_url
from ecoboard.bus import open_bus
from ecoboard.config import parse_config
from ecoboard.store import open_store

SECRET = "PWleak11"
REDIS_TAKES = (
    "prefix and redis-py's db, username, password, client_name, socket_timeout, socket_connect_timeout, "
    "socket_keepalive, socket_read_size, retry_on_timeout, health_check_interval, max_connections"
)


def _error(key: str, url: str) -> str:
    section = key.split(".", maxsplit=1)[0]
    with pytest.raises(ConfigError) as refused:
        parse_config(
            {"mode": "cluster", "store": {"url": "postgresql://h/db"}, section: {"url": url}},
            source="board.yaml",
            environ={},
        )
    return str(refused.value)


@pytest.mark.parametrize(
    ("url", "detail"),
    [
        (
            "redis://127.0.0.1:6391/0?prefx=board1",
            f"unknown query parameter 'prefx'; a redis:// URL takes {REDIS_TAKES}; rediss:// also takes the ssl_* "
            "options",
        ),
        (
            "redis://h/0?foo=bar&prefix=b1",
            f"unknown query parameter 'foo'; a redis:// URL takes {REDIS_TAKES}; "
            "rediss:// also takes the ssl_* options",
        ),
        (
            "redis://h/0?ssl_ca_certs=/ca.pem",
            f"unknown query parameter 'ssl_ca_certs'; a redis:// URL takes "
            f"{REDIS_TAKES}; rediss:// also takes the ssl_* options",
        ),
        (
            "rediss://h/0?timeout=3",
            f"unknown query parameter 'timeout'; a rediss:// URL takes {REDIS_TAKES}, "
            "ssl_cert_reqs, ssl_ca_certs, ssl_ca_path, ssl_certfile, ssl_keyfile, ssl_password, ssl_ciphers, "
            "ssl_check_hostname",
        ),
        ("redis://h/0?db=abc", "query parameter 'db': expected a whole number of 0 or more"),
        ("redis://h/0?db=-1", "query parameter 'db': expected a whole number of 0 or more"),
        (
            "redis://h/0?health_check_interval=-5",
            "query parameter 'health_check_interval': expected a whole number of 0 or more",
        ),
        ("redis://h/0?max_connections=-5", "query parameter 'max_connections': expected a positive whole number"),
        ("redis://h/0?max_connections=0", "query parameter 'max_connections': expected a positive whole number"),
        ("redis://h/0?socket_read_size=0", "query parameter 'socket_read_size': expected a positive whole number"),
        ("redis://h/0?socket_timeout=-1", "query parameter 'socket_timeout': expected a number of 0 or more"),
        ("rediss://h/0?ssl_cert_reqs=bogus", "query parameter 'ssl_cert_reqs': expected none, optional or required"),
        ("rediss://h/0?ssl_cert_reqs=Required", "query parameter 'ssl_cert_reqs': expected none, optional or required"),
        (
            "redis://h/0?socket_keepalive=maybe",
            "query parameter 'socket_keepalive': expected true or false (yes/no, y/n, t/f and 1/0 are read too, in "
            "any case)",
        ),
        ("redis://h/abc", "the database after the host must be a number, as in redis://host:6379/0"),
        ("redis://h:99999/0", "invalid port: expected a number from 0 to 65535"),
        ("redis://h:abc/0", "invalid port: expected a number from 0 to 65535"),
        ("redis://h:6379,h2/0", "invalid port: expected a number from 0 to 65535"),
    ],
)
def test_bus_url_problems_are_one_line(url: str, detail: str) -> None:
    assert _error("bus.url", url) == (
        f"board.yaml: bus.url: expected memory:// or a redis:// URL, got {url!r} ({detail})"
    )


@pytest.mark.parametrize(
    ("url", "shown", "detail"),
    [
        (
            f"postgresql://u:{SECRET}@[::1/eco",
            "postgresql://u:***@[::1/eco",
            "invalid IPv6 host: a '[' without its ']'",
        ),
        ("postgresql://[::1", "postgresql://[::1", "invalid IPv6 host: a '[' without its ']'"),
        (
            f"postgresql://u:{SECRET}@[::1]x/eco",
            "postgresql://u:***@[::1]x/eco",
            "invalid IPv6 host: text after its ']'",
        ),
        (
            f"postgresql://u:{SECRET}@h:99999/eco",
            "postgresql://u:***@h:99999/eco",
            "invalid port: expected a number from 0 to 65535",
        ),
        (
            f"postgresql://u:{SECRET}@h:abc/eco",
            "postgresql://u:***@h:abc/eco",
            "invalid port: expected a number from 0 to 65535",
        ),
        (
            f"postgresql://u:{SECRET}@h1:5432,h2:5x/eco",
            "postgresql://u:***@h1:5432,h2:5x/eco",
            "invalid port: expected a number from 0 to 65535",
        ),
        (
            "postgresql://u:PW@leak9@127.0.0.1:5492/eco",
            "postgresql://***@127.0.0.1:5492/eco",
            "an '@' besides the one after user:password; write an '@', '/', '?' or '#' in a user name or password "
            "as %40, %2F, %3F or %23",
        ),
        (
            "postgresql://u:PW/leak12@h/db",
            "postgresql://***@h/db",
            "an '@' besides the one after user:password; write an '@', '/', '?' or '#' in a user name or password "
            "as %40, %2F, %3F or %23",
        ),
        (
            "postgresql://u:PW#leak12@h/db",
            "postgresql://u:***@h/db",
            "an '@' besides the one after user:password; write an '@', '/', '?' or '#' in a user name or password "
            "as %40, %2F, %3F or %23",
        ),
    ],
)
def test_store_url_problems_are_one_line(url: str, shown: str, detail: str) -> None:
    message = _error("store.url", url)
    assert message == f"board.yaml: store.url: expected a sqlite: or postgresql: URL, got {shown!r} ({detail})"
    for piece in (SECRET, "leak9", "leak12", "PW@", "PW/", "PW#"):
        assert piece not in message


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("host=127.0.0.1 password=PWleak18", "host=127.0.0.1 password=***"),
        ("host=127.0.0.1 password='PW leak18' user=u", "host=127.0.0.1 password=*** user=u"),
        ("host=127.0.0.1 password=PW'leak18 user=u", "host=127.0.0.1 password=*** user=u"),
        ("mysql://u:PW/leak12@h/db", "mysql://***@h/db"),
        ("postgresql:h/db", "postgresql:h/db"),
    ],
)
def test_a_url_of_no_store_is_shown_masked(url: str, shown: str) -> None:
    assert _error("store.url", url) == f"board.yaml: store.url: expected a sqlite: or postgresql: URL, got {shown!r}"


def test_the_environment_variable_is_named() -> None:
    with pytest.raises(ConfigError) as refused:
        parse_config({}, source="board.yaml", environ={"ECOBOARD__BUS__URL": "redis://:PW@[::1/0"})
    assert str(refused.value) == (
        "environment variable ECOBOARD__BUS__URL: bus.url: expected memory:// or a redis:// URL, "
        "got 'redis://:***@[::1/0' (invalid IPv6 host: a '[' without its ']')"
    )


def test_good_urls_pass() -> None:
    config = parse_config(
        {
            "mode": "cluster",
            "store": {"url": "postgresql://u:p%40ss%2Fw@h1:5432,[::1]:5433/db?sslmode=disable&schema=b1"},
            "bus": {"url": "rediss://:p%40ss@[::1]:6380/2?prefix=b1&ssl_cert_reqs=none&socket_keepalive=yes"},
        },
        environ={},
    )
    assert config.bus.url.startswith("rediss://")


def test_open_store_open_bus_and_secrets_refuse_the_same_urls() -> None:
    with pytest.raises(ConfigError) as refused:
        open_bus("redis://127.0.0.1:6379/0?prefx=b1")
    assert str(refused.value) == (
        "bus.url: expected memory:// or a redis:// URL, got 'redis://127.0.0.1:6379/0?prefx=b1' "
        f"(unknown query parameter 'prefx'; a redis:// URL takes {REDIS_TAKES}; rediss:// also takes the ssl_* "
        "options)"
    )
    with pytest.raises(ConfigError) as refused:
        open_store(f"postgresql://u:{SECRET}@[::1/eco")
    assert str(refused.value) == (
        "store.url: expected a sqlite: or postgresql: URL, got 'postgresql://u:***@[::1/eco' "
        "(invalid IPv6 host: a '[' without its ']')"
    )
    with pytest.raises(ConfigError) as refused:
        check_secret_url("store.url_secret", "pg_url", "postgresql://u:PW@leak9@h/db")
    assert str(refused.value) == (
        "store.url_secret: the secret 'pg_url': expected a sqlite: or postgresql: URL, got 'postgresql://***@h/db' "
        "(an '@' besides the one after user:password; write an '@', '/', '?' or '#' in a user name or password "
        "as %40, %2F, %3F or %23)"
    )


def test_the_accepted_options_are_those_redis_py_takes_from_a_url() -> None:
    """Each option either is converted by redis-py's URL parser (with the same number type) or is a text
    keyword of the connection class the URL makes; the TLS ones of SSLConnection only."""
    parsers = redis.connection.URL_QUERY_ARGUMENT_PARSERS
    plain = set(inspect.signature(redis.connection.AbstractConnection.__init__).parameters)
    plain |= set(inspect.signature(redis.connection.Connection.__init__).parameters)
    tls = set(inspect.signature(redis.connection.SSLConnection.__init__).parameters)
    for name, kind in REDIS_URL_OPTIONS.items():
        assert name in parsers or (name in plain and kind == "text"), name
        if kind in ("int", "positive int", "float"):
            assert parsers[name] is {"int": int, "positive int": int, "float": float}[kind], name
    for name in REDISS_URL_OPTIONS:
        assert name in tls and name not in plain, name


def test_every_accepted_option_really_connects() -> None:
    """The shared Redis of the test setup, reached with every option set in the URL."""
    options = "&".join(
        f"{name}={value}"
        for name, value in {
            "db": "1",
            "client_name": "ecoboard-test",
            "socket_timeout": "4.5",
            "socket_connect_timeout": "3",
            "socket_keepalive": "true",
            "socket_read_size": "65536",
            "retry_on_timeout": "no",
            "health_check_interval": "0",
            "max_connections": "5",
        }.items()
    )
    url = f"redis://127.0.0.1:6379/0?{options}"
    open_bus(url)  # accepted
    client = redis.Redis.from_url(url)
    try:
        assert client.ping() is True
        assert client.client_getname() == "ecoboard-test"
    finally:
        client.close()


def test_the_certificate_requirements_are_those_redis_py_takes() -> None:
    """Each value of ``ssl_cert_reqs`` the config accepts makes a redis-py TLS connection; a refused one
    is refused by redis-py too (at the first connection, which is why the config checks it first)."""
    for value in CERT_REQS:
        redis.connection.SSLConnection(ssl_cert_reqs=value)
    for value in ("bogus", "Required", ""):
        with pytest.raises(redis.RedisError, match="Invalid SSL Certificate Requirements Flag"):
            redis.connection.SSLConnection(ssl_cert_reqs=value)
