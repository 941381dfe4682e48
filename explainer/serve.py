"""``explainer serve``: build, serve ``site/`` on loopback, rebuild and reload on every save."""

from __future__ import annotations

import sys

from explainer.build import build
from explainer.config import Settings
from explainer.errors import BuildError


def _rebuild(settings: Settings) -> None:
    """Build once, printing problems instead of stopping the server."""
    try:
        report = build(settings)
        for warning in report.warnings:
            print(warning, file=sys.stderr)
        print(report.summary())
    except BuildError as exc:
        for item in exc.problems:
            print(item, file=sys.stderr)


def serve(settings: Settings, host: str, port: int) -> int:
    """Serve until interrupted."""
    from livereload import Server

    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: serving on {host}: anyone who can reach this machine can read the preview",
              file=sys.stderr)
    _rebuild(settings)
    server = Server()
    for watched in (settings.content, settings.templates, settings.root / "explainer.toml"):
        server.watch(str(watched), lambda: _rebuild(settings))
    server.serve(host=host, port=port, root=str(settings.output))
    return 0
