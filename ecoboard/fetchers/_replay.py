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
matches nothing gets a 404 whose text body names the files that were looked for.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import yaml

from .._errors import ConfigError

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


def _load_index(root: Path) -> list[_Entry]:
    index = root / "index.yaml"
    if not index.is_file():
        return []
    try:
        raw = yaml.safe_load(index.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:
        raise ConfigError(f"{index}: not valid YAML: {exc}") from None
    if not isinstance(raw, list):
        raise ConfigError(f"{index}: expected a list of entries")
    entries = []
    for i, item in enumerate(raw):
        if not isinstance(item, Mapping) or "url" not in item or ("file" in item) == ("body" in item):
            raise ConfigError(f"{index}: [{i}]: expected a mapping with url and one of file or body")
        url = httpx.URL(str(item["url"]))
        entries.append(
            _Entry(
                host=url.host,
                path=url.path,
                params={str(k): str(v) for k, v in (item.get("params") or {}).items()},
                status=int(item.get("status", 200)),
                headers={str(k): str(v) for k, v in (item.get("headers") or {}).items()},
                file=root / str(item["file"]) if "file" in item else None,
                body=str(item["body"]) if "body" in item else None,
            )
        )
    return entries


class ReplayTransport(httpx.AsyncBaseTransport):
    """An ``httpx`` transport that serves recorded files instead of the network."""

    def __init__(self, directory: str | Path) -> None:
        self.root = Path(directory)
        if not self.root.is_dir():
            raise ConfigError(f"replay directory {self.root} does not exist")
        self.entries = _load_index(self.root)
        self.requests: list[httpx.URL] = []

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
                    return httpx.Response(entry.status, headers=dict(entry.headers), text=entry.body)
                assert entry.file is not None
                return _file_response(entry.status, entry.file, entry.headers, request.url)
        path = self.default_file(request.url)
        if path is not None and path.is_file():
            return _file_response(200, path, {}, request.url)
        looked = f"{path.relative_to(self.root)}" if path is not None else "(an unsafe path)"
        where = " or index.yaml" if self.entries else ""
        return _text(404, f"replay: no recorded response for GET {_public(request.url)} in {self.root} "
                          f"(looked for {looked}{where})")


def _public(url: httpx.URL) -> str:
    return str(url.copy_with(query=None))


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
