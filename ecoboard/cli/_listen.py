"""The API's listen address, checked before anything starts: a host this machine cannot listen on is the
host's problem (``api.host`` or ``--host``), not the port's."""

from __future__ import annotations

import socket

from .._errors import ConfigError


def bind_probe(host: str, port: int, *, reuse: bool = False) -> None:
    """Bind a throwaway TCP socket to ``host``:``port`` as the API will (an empty host: every address);
    raises ``OSError`` (``socket.gaierror`` for a name that does not resolve)."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    with socket.socket(family, kind, proto) as probe:
        if reuse:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the API's own bind does
        probe.bind(address)


def check_host(host: str, setting: str) -> None:
    """Refuse ``host`` when this machine cannot listen on it (a name that does not resolve, an address of
    another machine), naming ``setting``: ``api.host`` or ``--host``."""
    try:
        bind_probe(host, 0)
    except OSError as exc:
        raise ConfigError(f"{setting}: cannot listen on {host!r}: {exc.strerror or exc}") from None
