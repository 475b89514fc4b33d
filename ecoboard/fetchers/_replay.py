"""The replay transport: answer GETs from a directory of recorded responses (offline demo, tests).

Layout of ``DIR`` (documented in the README, "Fetchers" section)::

    DIR/<host>/<url path>.json        the 200 answer for https://<host>/<url path>?<any query>
    DIR/index.yaml                    optional: answers that need a status, headers or a query match

``index.yaml`` is a list of entries, checked in order before the plain layout::

    - url: https://statsapi.mlb.com/api/v1/schedule   # scheme and host and path; the query is ignored...
      params: {date: "2024-04-28"}                     # ...unless given: these must all be present
      file: statsapi.mlb.com/api/v1/schedule-2024-04-28.json   # relative to DIR (or ``body:`` inline text)
      status: 200                                      # default 200
      headers: {Retry-After: "120"}                    # optional

The content type follows the file's suffix (``.json``, ``.html``, else text). A request that
matches nothing gets a 404 whose text body starts with the file to create (the URL without its query
and with its password as ``***``). Every file read lies
inside ``DIR`` once symbolic links are followed: an index entry whose ``file`` leads elsewhere is
refused when the index is read, and a plain-layout file that does is answered with a 404.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import yaml

from .._errors import ConfigError
from .._urls import redact_url, scrub
from ..config._yaml import error_position

_TYPES = {".json": "application/json", ".html": "text/html; charset=utf-8", ".htm": "text/html; charset=utf-8"}


@dataclass(frozen=True)
class _Entry:
    host: str
    path: str
    params: Mapping[str, str] = field(default_factory=dict)
    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    file: Path | None = None
    body: str | None = None

    def matches(self, url: httpx.URL) -> bool:
        if (url.host, url.path.rstrip("/")) != (self.host, self.path.rstrip("/")):
            return False
        return all(url.params.get(k) == v for k, v in self.params.items())


def _read_index(index: Path) -> Any:
    """The parsed ``index.yaml``; a :class:`ConfigError` of one line naming the file otherwise."""
    try:
        text = index.read_bytes().decode("utf-8")
    except OSError as exc:
        raise ConfigError(f"{index}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{index}: not UTF-8 text (byte {exc.start})") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        position = error_position(exc, text)
        where = f" (line {position[0]}, column {position[1]})" if position else ""
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise ConfigError(f"{index}: not valid YAML: {problem}{where}") from None


def _strings(value: Any, where: str) -> dict[str, str]:
    """A mapping of names to scalar values (``params``, ``headers``) as strings."""
    if value is None:
        return {}
    if not isinstance(value, Mapping) or not all(
        isinstance(v, str | int | float) and not isinstance(v, bool) for v in value.values()
    ):
        raise ConfigError(f"{where}: expected a mapping of names to strings or numbers")
    return {str(k): str(v) for k, v in value.items()}


def _inside(root: Path, path: Path) -> bool:
    """Whether ``path`` lies inside the directory ``root`` once every symbolic link is followed."""
    return path.resolve().is_relative_to(root.resolve())


def _entry(root: Path, item: Any, where: str) -> _Entry:
    if not isinstance(item, Mapping):
        raise ConfigError(f"{where}: expected a mapping with url and one of file or body, got {type(item).__name__}")
    unknown = sorted(str(k) for k in item if k not in ("url", "params", "file", "body", "status", "headers"))
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (keys: url, params, file, body, status, headers)")
    if not isinstance(item.get("url"), str) or not item["url"]:
        raise ConfigError(f"{where}.url: expected a URL string")
    if ("file" in item) == ("body" in item):
        raise ConfigError(f"{where}: expected one of file or body")
    for key in ("file", "body"):
        if key in item and not isinstance(item[key], str):
            raise ConfigError(f"{where}.{key}: expected a string, got {type(item[key]).__name__}")
    status = item.get("status", 200)
    if isinstance(status, bool) or not isinstance(status, int) or not 100 <= status <= 599:
        raise ConfigError(f"{where}.status: expected an HTTP status from 100 to 599, got {status!r}")
    try:
        url = httpx.URL(item["url"])
    except httpx.InvalidURL as exc:
        raise ConfigError(f"{where}.url: not a URL ({scrub(str(exc), item['url'])})") from None
    if "file" in item and not _inside(root, root / item["file"]):
        raise ConfigError(
            f"{where}.file: expected a path inside {root} (symbolic links followed), got {item['file']!r}"
        )
    return _Entry(
        host=url.host,
        path=url.path,
        params=_strings(item.get("params"), f"{where}.params"),
        status=status,
        headers=_strings(item.get("headers"), f"{where}.headers"),
        file=root / item["file"] if "file" in item else None,
        body=item.get("body"),
    )


def _load_index(root: Path) -> list[_Entry]:
    index = root / "index.yaml"
    if not index.is_file():
        return []
    raw = _read_index(index)
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise ConfigError(f"{index}: expected a list of entries, got {type(raw).__name__}")
    return [_entry(root, item, f"{index}: [{i}]") for i, item in enumerate(raw)]


class ReplayTransport(httpx.AsyncBaseTransport):
    """An ``httpx`` transport that serves recorded files instead of the network."""

    def __init__(self, directory: str | Path) -> None:
        self.root = Path(directory)
        if not self.root.is_dir():
            problem = "is not a directory" if self.root.exists() else "does not exist"
            raise ConfigError(f"replay directory {self.root} {problem}")
        self.entries = _load_index(self.root)
        self.requests: list[httpx.URL] = []
        self.recordings: list[tuple[httpx.URL, Path]] = []
        """Each request answered from a recording, with the file it came from (``index.yaml`` for a ``body:``)."""

    def default_file(self, url: httpx.URL) -> Path | None:
        """The plain-layout file for ``url``, or ``None`` if the path tries to leave the directory."""
        parts = [p for p in url.path.split("/") if p]
        if not url.host or any(p in (".", "..") or "\\" in p for p in parts) or "/" in url.host:
            return None
        if not parts:
            parts = ["index"]
        return self.root.joinpath(url.host, *parts[:-1], parts[-1] + ".json")

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Answer ``request`` from the recordings (never touches the network)."""
        self.requests.append(request.url)
        if request.method != "GET":
            return _text(405, f"replay: only GET is recorded, got {request.method}")
        for entry in self.entries:
            if entry.matches(request.url):
                if entry.body is not None:
                    self.recordings.append((request.url, self.root / "index.yaml"))
                    return httpx.Response(entry.status, headers=dict(entry.headers), text=entry.body)
                assert entry.file is not None
                return self._file_answer(entry.status, entry.file, entry.headers, request.url)
        path = self.default_file(request.url)
        if path is not None and path.is_file():
            return self._file_answer(200, path, {}, request.url)
        if path is None:
            return _text(404, f"replay: {_public(request.url)} cannot map to a file under {self.root}; "
                              "add an index.yaml entry for it")
        return _text(404, f"replay: create {path} (or an index.yaml entry) to answer GET {_public(request.url)}")

    def _file_answer(self, status: int, path: Path, headers: Mapping[str, str], url: httpx.URL) -> httpx.Response:
        """The answer recorded in ``path``; a 404 when ``path`` leads outside the directory (a symbolic link)."""
        if not _inside(self.root, path):
            return _text(
                404, f"replay: {path} leads outside {self.root}; expected a file inside it to answer GET {_public(url)}"
            )
        self.recordings.append((url, path))
        return _file_response(status, path, headers, url)


def _public(url: httpx.URL) -> str:
    """``url`` as a replay message shows it: without its query, its password as ``***``."""
    return redact_url(str(url.copy_with(query=None)))


def _text(status: int, text: str) -> httpx.Response:
    return httpx.Response(status, headers={"Content-Type": "text/plain; charset=utf-8"}, text=text)


def _file_response(status: int, path: Path, headers: Mapping[str, str], url: httpx.URL) -> httpx.Response:
    try:
        content = path.read_bytes()
    except OSError as exc:
        return _text(500, f"replay: cannot read {path} for {_public(url)}: {exc.strerror}")
    all_headers: dict[str, Any] = {"Content-Type": _TYPES.get(path.suffix, "text/plain; charset=utf-8")}
    all_headers.update(headers)
    return httpx.Response(status, headers=all_headers, content=content)
