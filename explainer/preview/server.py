"""``explainer serve``: build, serve ``site/`` on loopback, rebuild and reload the browser on every save.

The edges live here: the listening socket (tornado, with livereload's websocket
for the browser connection) and the watcher thread that polls the sources and
rebuilds. What to serve is ``preview.py``; when to rebuild is ``watch.py``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import secrets
import signal
import socket
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Protocol

from explainer.config import CONFIG_FILE, Settings
from explainer.errors import WARNINGS_SHOWN, BuildError, Problem, summarized
from explainer.preview.app import BUILD_COOKIE, Outcome, WsgiApp, make_app, stale
from explainer.preview.watch import Debounce, Snapshot, changed_paths, snapshot, step

if TYPE_CHECKING:
    from tornado.web import Application



class Report(Protocol):
    """What the preview reads of a build's report."""

    warnings: tuple[Problem, ...]

    def summary(self) -> str:
        """The one-line summary printed after a build."""


class Build(Protocol):
    """The build the command hands in (``build.Builder``): the preview never reaches up into the pipeline."""

    def __call__(self, settings: Settings) -> Report:
        """Build the site (the search index may be left for ``finish``)."""

    def finish(self, settings: Settings) -> str | None:
        """Work a build left for after the reload (the search index); what was done, if anything."""

POLL_SECONDS = 0.1
STOP_SECONDS = 60.0  # how long stopping waits for a rebuild under way
QUIET_SECONDS = 0.15
FAILED_GRACE_SECONDS = 1.0  # how long a failed build waits for the save that may fix it before it is shown
LOOPBACK = ("127.0.0.1", "localhost", "::1")
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)  # the ones ``explainer.signals`` turns into Stopped

# livereload.js finds the websocket from its own URL; the port must be explicit
# because the page may be on a default port, which location.port leaves empty.
LIVE_SCRIPT = (
    b'<script>(function(){var s=document.createElement("script");'
    b'var p=location.port||(location.protocol==="https:"?"443":"80");'
    b's.src="/livereload.js?port="+p;document.head.appendChild(s);})();</script>'
)
RELOAD = {"command": "reload", "path": "*", "liveCSS": False, "liveImg": False}


def local(settings: Settings) -> Settings:
    """The settings for a preview: ``base_url`` cut to its path, so every link stays on the preview server,
    and drafts shown (with their banner) since the preview is where they are read."""
    return dataclasses.replace(settings, base_url=settings.base_path, drafts=True, preview=True)


def sources(settings: Settings) -> tuple[list[Path], list[Path]]:
    """What to watch (content, templates, explainer.toml) and what never to (the output, the cache)."""
    roots = [settings.content, settings.templates, settings.root / CONFIG_FILE]
    return roots, [settings.output, settings.root / settings.cache_dir]


class Live:
    """The outcome pages are served from; the watcher thread replaces it whole after each build."""

    def __init__(self, outcome: Outcome):
        self.outcome = outcome

    def current(self) -> Outcome:
        """The latest outcome."""
        return self.outcome


def rebuild(load: Callable[[], Settings], previous: Outcome, build: Build) -> tuple[Outcome, Settings | None]:
    """Build once; errors become the outcome's problems instead of stopping the server.

    ``build`` is the command's builder, which keeps what each build learned for the next.
    """
    generation = previous.generation + 1
    try:
        settings = local(load())
        report = build(settings)
    except BuildError as exc:
        problems = exc.problems or (Problem("explainer", 1, "the build failed"),)
        for item in problems:
            print(item, file=sys.stderr, flush=True)
        return dataclasses.replace(previous, generation=generation, problems=problems), None
    except Exception as exc:  # a missing model or a bug must not take the preview down
        if not isinstance(exc, OSError):
            traceback.print_exc()
        item = Problem("explainer", 1, f"{type(exc).__name__}: {exc}")
        print(item, file=sys.stderr, flush=True)
        return dataclasses.replace(previous, generation=generation, problems=(item,)), None
    for line in summarized(report.warnings, WARNINGS_SHOWN):
        print(line, file=sys.stderr)
    print(report.summary(), flush=True)
    return Outcome(previous.run, generation, settings.base_path), settings


def _describe(paths: list[str], root: Path) -> str:
    """A short list of changed files, relative to the site."""
    names = [str(Path(p).relative_to(root)) if Path(p).is_relative_to(root) else p for p in paths]
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def settle() -> None:
    """Collect garbage now, between rebuilds, and set what survives aside from the collector.

    The session keeps every article and annotation in memory. Left to the collector, a full
    collection now and then lands inside a rebuild (about 0.1 s at 1,000 articles); done here,
    after the reload is sent, it costs the editor nothing. Unfrozen first, so nothing leaks.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _changes(roots: list[Path], skip: list[Path], built: Snapshot, stop: threading.Event) -> bool:
    """True when the sources differ from ``built`` now or within ``FAILED_GRACE_SECONDS``.

    Asked only after a failed build: an editor that saves in place empties the file first, and
    on a busy machine the rest can come a moment later than the quiet period. Waiting shows a
    real mistake a second late and a save in progress never.
    """
    deadline = time.monotonic() + FAILED_GRACE_SECONDS
    while snapshot(roots, skip) == built:
        if time.monotonic() >= deadline or stop.wait(POLL_SECONDS / 2):
            return False
    return True


def watch(load: Callable[[], Settings], settings: Settings, live: Live, debounce: Debounce,
          reload: Callable[[], None], stop: threading.Event, build: Build) -> None:
    """Poll the sources until ``stop``; after each quiet burst of changes, rebuild and reload the browsers."""
    while not stop.wait(POLL_SECONDS):
        roots, skip = sources(settings)
        before = debounce.built
        debounce, due = step(debounce, snapshot(roots, skip), time.monotonic())
        if not due:
            continue
        seen = debounce.changed_at
        print(f"changed: {_describe(changed_paths(before, debounce.built), settings.root)}", flush=True)
        outcome, fresh = rebuild(load, live.outcome, build)
        if outcome.failed and _changes(roots, skip, debounce.built, stop):
            # A file changed while the build read it, or just after (an editor's save half
            # done: a file emptied, then written): the error may be that half, so pages keep
            # the last build and the next build decides.
            print("a file changed during the build; building again", flush=True)
            continue
        live.outcome = outcome
        settings = fresh or settings
        reload()
        print(f"reload sent {time.monotonic() - seen:.2f} s after the last change was seen", flush=True)
        if fresh is not None:
            done = build.finish(fresh)
            if done:
                print(done, flush=True)
        settle()


def browser_handler(current: Callable[[], Outcome]) -> type:
    """livereload's websocket handler, made to reload at once a page served before the latest build."""
    from livereload.handlers import LiveReloadHandler

    class Handler(LiveReloadHandler):
        def on_message(self, message: str | bytes) -> None:
            super().on_message(message)
            # Joined first, checked second: a build finishing in between is
            # then caught by either this check or the broadcast.
            if self in LiveReloadHandler.waiters and stale(self.get_cookie(BUILD_COOKIE), current()):
                self.send_message(RELOAD)

    return Handler


def reload_browsers() -> None:
    """Tell every connected browser to reload (runs on the server's loop)."""
    from livereload.handlers import LiveReloadHandler

    LiveReloadHandler.reload_waiters("*")


def application(app: WsgiApp, current: Callable[[], Outcome]) -> Application:
    """The tornado application: livereload's websocket and script, then the site."""
    from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
    from livereload.server import LiveScriptContainer
    from livereload.watcher import Watcher
    from tornado import web

    # reload_waiters logs the watcher's last path and sends live_css; we do our own watching.
    LiveReloadHandler.watcher = Watcher()
    LiveReloadHandler.live_css = False
    return web.Application([
        (r"/livereload", browser_handler(current)),
        (r"/livereload\.js", LiveReloadJSHandler),
        (r".*", web.FallbackHandler, {"fallback": LiveScriptContainer(app, LIVE_SCRIPT)}),
    ])


def _listen(host: str, port: int) -> list[socket.socket]:
    """Bind the port first, so a port in use is reported before any build."""
    from tornado.netutil import bind_sockets

    try:
        return bind_sockets(port, host)
    except OSError as exc:
        raise OSError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None


def _address(host: str, port: int, base_path: str) -> str:
    """The URL to open: all-interfaces addresses are shown as loopback, which is one of them."""
    shown = {"0.0.0.0": "127.0.0.1", "": "127.0.0.1", "::": "[::1]"}.get(host, f"[{host}]" if ":" in host else host)
    return f"http://{shown}:{port}{base_path}"


async def _run(settings: Settings, live: Live, sockets: list[socket.socket],
               start_watching: Callable[[Callable[[], None]], threading.Event]) -> None:
    """Serve on the bound sockets, start the watcher, and wait until cancelled."""
    import logging

    from tornado.httpserver import HTTPServer
    from tornado.ioloop import IOLoop

    logging.getLogger("tornado.access").disabled = True  # one line per request drowns the build output
    server = HTTPServer(application(make_app(settings.output, live.current), live.current))
    server.add_sockets(sockets)
    host, port = sockets[0].getsockname()[:2]
    print(f"serving {settings.output} at {_address(host, port, settings.base_path)} (Ctrl-C stops)", flush=True)
    loop = IOLoop.current()
    stop = start_watching(lambda: loop.add_callback(reload_browsers))
    # The loop takes the stop signals while it runs: a handler that raises can land in
    # a weakref callback or a finalizer, where Python drops the exception and the
    # server would go on serving. The loop's handler only sets an event.
    stopping, running = asyncio.Event(), asyncio.get_running_loop()
    previous = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}
    for signum in STOP_SIGNALS:
        running.add_signal_handler(signum, stopping.set)
    try:
        await stopping.wait()
    finally:
        for signum, handler in previous.items():
            running.remove_signal_handler(signum)
            signal.signal(signum, handler)
        stop.set()
        server.stop()


def serve(load: Callable[[], Settings], host: str, port: int, build: Build) -> int:
    """Build with ``build``, then serve and rebuild on every change until interrupted."""
    settings = local(load())
    if host not in LOOPBACK:
        print(f"warning: serving on {host}, not loopback: anyone who can reach this machine can read the preview",
              file=sys.stderr, flush=True)
    sockets = _listen(host, port)
    # Snapshot before the first build, so a save during it leads to another.
    debounce = Debounce.start(snapshot(*sources(settings)), QUIET_SECONDS)
    first, fresh = rebuild(lambda: settings, Outcome(secrets.token_hex(4), 0, settings.base_path), build)
    done = build.finish(fresh) if fresh is not None else None
    if done:
        print(done, flush=True)
    settle()
    live = Live(first)

    watcher: list[threading.Thread] = []

    def start_watching(reload: Callable[[], None]) -> threading.Event:
        stop = threading.Event()
        watcher.append(threading.Thread(target=watch, args=(load, fresh or settings, live, debounce, reload, stop,
                                                            build), name="explainer-watch", daemon=True))
        watcher[0].start()
        return stop

    try:
        asyncio.run(_run(settings, live, sockets, start_watching))
    except KeyboardInterrupt:
        pass  # a signal that came before the loop took them
    # A rebuild under way finishes first (its stop is already set), so site/ is never left half written.
    for thread in watcher:
        thread.join(STOP_SECONDS)
    print("stopped", flush=True)
    return 0
