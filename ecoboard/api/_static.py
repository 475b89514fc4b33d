"""The built dashboard (``web/dist``) at ``/``, with single-page-app fallback to ``index.html``.

The fallback route never matches a path under ``/api`` (see :class:`DashboardPath`), so the router
answers API paths alone: an unknown one is a 404, a known one asked with the wrong method a 405.

Where it is looked for: ``ApiDeps.web_dist``, else ``$ECOBOARD_WEB_DIST``, else ``web/dist`` of the
source checkout the ``ecoboard`` package runs from (an editable install, ``make run``). An installed
package (the Pi's venv, the cluster image) has no ``web/dist`` beside it: its installer sets
``ECOBOARD_WEB_DIST``. When there is none, ``/`` says how to build it or where to point the variable.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from quart import Blueprint, Response, send_from_directory
from werkzeug.exceptions import NotFound
from werkzeug.routing import PathConverter

from ._context import this_app


class DashboardPath(PathConverter):
    """A path like ``<path:...>`` that is not ``api`` nor under ``api/``: those belong to the API routes."""

    regex = r"(?!api(?:/|$))[^/].*?"


bp = Blueprint("dashboard", __name__)
bp.record_once(lambda state: state.app.url_map.converters.update(dashboard_path=DashboardPath))

ENV_WEB_DIST = "ECOBOARD_WEB_DIST"


def checkout_web_dist(package: Path) -> Path | None:
    """``web/dist`` of the source checkout holding the ``package`` directory, or ``None`` when the
    package is installed (no ``pyproject.toml`` beside it: ``site-packages`` has no ``web/dist``)."""
    root = package.parent
    return root / "web" / "dist" if (root / "pyproject.toml").is_file() else None


DEFAULT_WEB_DIST = checkout_web_dist(Path(__file__).resolve().parents[1])

_NOT_BUILT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>ecoboard</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;background:#111;color:#eee;max-width:40em;margin:2em auto;
padding:0 1em}}
code,pre{{background:#222;padding:.1em .3em;border-radius:4px}}a{{color:#8cf}}</style></head>
<body><h1>ecoboard</h1>
<p>The dashboard has not been built yet (looked in <code>{where}</code>). Build it once with Node 20 and npm:</p>
<pre>cd web &amp;&amp; npm ci &amp;&amp; npm run build</pre>
<p>then reload this page. An installed ecoboard (not a source checkout) serves the directory named by
<code>ECOBOARD_WEB_DIST</code>: set it to a built <code>web/dist</code>.
The API works without it: <a href="/api/v1/records">/api/v1/records</a>,
<a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p></body></html>
"""


def web_dist() -> Path | None:
    """The directory the dashboard is served from (it may not exist), ``None`` when nothing names one."""
    configured = this_app().deps.web_dist
    if configured is not None:
        return configured
    env = os.environ.get(ENV_WEB_DIST)
    return Path(env) if env else DEFAULT_WEB_DIST


async def _index(dist: Path | None) -> Response:
    if dist is None or not (dist / "index.html").is_file():
        where = dist if dist is not None else f"${ENV_WEB_DIST}, which is not set"
        return Response(_NOT_BUILT.format(where=where), content_type="text/html; charset=utf-8")
    response = await send_from_directory(dist, "index.html")
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/")
async def index() -> Response:
    """The dashboard, or how to build it."""
    return await _index(web_dist())


@bp.get("/<dashboard_path:path>")
async def asset(path: str) -> Response:
    """A file of the built dashboard; any other page path gets ``index.html`` (client-side routes)."""
    dist = web_dist()
    if dist is not None and ".." not in PurePosixPath(path).parts and (dist / path).is_file():
        response = await send_from_directory(dist, path)
        if path.startswith("assets/"):  # Vite's content-hashed files never change
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response
    if PurePosixPath(path).suffix:  # a missing file, not a page route
        raise NotFound()
    return await _index(dist)
