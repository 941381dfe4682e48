"""The preview's web application: ``site/`` under the base path, and the build error while a build has failed.

A plain WSGI callable with no sockets; ``serve.py`` puts it behind livereload's
server, which adds the reload script to every HTML page.
"""

from __future__ import annotations

import html
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from explainer.errors import Problem

BUILD_COOKIE = "explainer-build"


@dataclass(frozen=True)
class Outcome:
    """The last build as the preview shows it: which one, under which path, and what went wrong."""

    run: str
    generation: int
    base_path: str = "/"
    problems: tuple[Problem, ...] = ()

    @property
    def failed(self) -> bool:
        """True when the last build stopped on errors."""
        return bool(self.problems)

    @property
    def token(self) -> str:
        """What a page served now carries, so a browser that loaded an older build can be told to reload."""
        return f"{self.run}.{self.generation}"


@dataclass(frozen=True)
class Located:
    """Where a request path leads: a file to send, a redirect, or nowhere (404)."""

    status: int
    file: Path | None = None
    location: str | None = None


def _is_unsafe(part: str) -> bool:
    """A path segment that could step outside ``site/`` or mean something else on some system."""
    return part in (".", "..") or any(c in part for c in "\\\x00:")


def locate(site: Path, base_path: str, path: str) -> Located:
    """Map a decoded URL path to a file under ``site``; traversal, absolute paths and unknown paths are 404."""
    if not path.startswith(base_path):
        if path in ("/", base_path.rstrip("/")):
            return Located(302, location=base_path)
        return Located(404)
    rest = path[len(base_path):]
    parts = rest.split("/")
    if rest.startswith("/") or any(_is_unsafe(p) for p in parts):
        return Located(404)
    root = site.resolve()
    target = root.joinpath(*[p for p in parts if p])
    if target.is_dir():
        if rest and not rest.endswith("/"):
            return Located(301, location=path + "/")
        target = target / "index.html"
    # Resolving follows symbolic links, so the check is on where the file really is.
    real = target.resolve()
    if root not in real.parents or not real.is_file():
        return Located(404)
    return Located(200, file=real)


def error_page(problems: Iterable[Problem]) -> str:
    """A page that lists build errors as ``path:line: message``; it reloads like any page once fixed."""
    items = "\n".join(
        f"<li><code>{html.escape(p.path)}:{p.line}</code>: {html.escape(p.message)}</li>" for p in problems
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed · explainer</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 48rem; padding: 0 1rem; color: #222; }}
h1 {{ color: #a00; font-size: 1.5rem; }}
li {{ margin: .5rem 0; }}
code {{ background: #fee; padding: .1rem .3rem; border-radius: 3px; }}
</style>
</head>
<body>
<h1>The build failed</h1>
<ul class="build-errors">
{items}
</ul>
<p>The page comes back by itself after the next save that builds.</p>
</body>
</html>
"""


def _content_type(path: Path) -> str:
    """The Content-Type for a file, with a charset for text."""
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    text = kind.startswith("text/") or kind in ("application/javascript", "application/xml", "application/json")
    return f"{kind}; charset=utf-8" if text else kind


StartResponse = Callable[[str, list[tuple[str, str]]], object]
WsgiApp = Callable[[dict, StartResponse], list[bytes]]

_REASONS = {200: "OK", 301: "Moved Permanently", 302: "Found", 404: "Not Found",
            405: "Method Not Allowed", 500: "Internal Server Error"}


def make_app(site: Path, outcome: Callable[[], Outcome]) -> WsgiApp:
    """A WSGI app serving ``site`` under the current outcome's base path, or its errors for pages."""

    def app(environ: dict, start_response: StartResponse) -> list[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        if method not in ("GET", "HEAD"):
            start_response("405 Method Not Allowed", [("Allow", "GET, HEAD"), ("Content-Type", "text/plain")])
            return [b"method not allowed\n"]
        # Read the outcome before the file: the file is then at least as new as
        # the token, so a stale token can only cause an extra reload, never a missed one.
        now = outcome()
        found, data = _read(site, now.base_path, environ.get("PATH_INFO") or "/")
        headers = [("Cache-Control", "no-store")]
        if found.location:
            start_response(f"{found.status} {_REASONS[found.status]}",
                           headers + [("Location", found.location), ("Content-Type", "text/plain; charset=utf-8")])
            return [f"see {found.location}\n".encode()]
        page = found.file is None or found.file.suffix == ".html"
        if page and now.failed:
            status, body, kind = 500, error_page(now.problems).encode(), "text/html; charset=utf-8"
        elif found.file is not None and data is not None:
            status, body, kind = 200, data, _content_type(found.file)
        else:
            missing = site / "404.html"
            body = missing.read_bytes() if missing.is_file() else b"<!DOCTYPE html><title>Not found</title>"
            status, kind = 404, "text/html; charset=utf-8"
        headers.append(("Content-Type", kind))
        if kind.startswith("text/html"):
            headers.append(("Set-Cookie", f"{BUILD_COOKIE}={now.token}; Path=/; SameSite=Strict"))
        start_response(f"{status} {_REASONS[status]}", headers)
        return [b"" if method == "HEAD" else body]

    return app


def _read(site: Path, base_path: str, path: str, tries: int = 3) -> tuple[Located, bytes | None]:
    """Where ``path`` leads and the file's bytes, read whole.

    A rebuild may swap the site folder between finding a file and reading it
    (the old folder is then removed): the path is looked up again in the new one.
    """
    for _ in range(tries):
        found = locate(site, base_path, path)
        if found.file is None:
            return found, None
        try:
            return found, found.file.read_bytes()
        except OSError:
            continue
    return Located(404), None


def stale(cookie: str | None, current: Outcome) -> bool:
    """True when a browser's page came from an older build (or another run) than ``current``."""
    if not cookie or "." not in cookie:
        return False
    run, _, generation = cookie.partition(".")
    return run != current.run or not generation.isdigit() or int(generation) < current.generation


def mime_types() -> None:
    """Make sure the types the site uses are known, whatever the system's tables say."""
    for suffix, kind in ((".xml", "application/xml"), (".js", "application/javascript"), (".css", "text/css"),
                         (".svg", "image/svg+xml"), (".woff2", "font/woff2"), (".webp", "image/webp")):
        mimetypes.add_type(kind, suffix)


mime_types()
