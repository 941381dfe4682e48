"""A busy preview: 50 live-reload tabs and 100 page requests at a time while an editor saves 20 times a second.

Bounded: 30 s of saves in bursts (20 saves within a fifth of a second, once a second, so the preview rebuilds
after each burst; every fifth burst edits a template too, so the whole site is swapped while pages are read), requests only to 127.0.0.1, every loop ends by itself. Checked: every request answers whole
(no 5xx, no reset, never half a page), no save is lost (every tab ends on the last version), the server's memory
stays flat and it stops cleanly on SIGTERM. The figures are printed for the README.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
import signal
import threading
import time
from pathlib import Path

import pytest

from explainer.build import build
from explainer.config import load_settings
from tests.conftest import small_site
from tests.fault_support import story
from tests.preview_server import start

TABS = 50
FETCHERS = 100
SECONDS = 30
SAVES_PER_BURST = 20
PAGES = ["/", "/story-0/", "/story-1/", "/story-2/", "/entities/sergei-lavrov/", "/feed.xml", "/static/style.css"]
VERSION = re.compile(rb"story 0 says, version (\d+)")


def rss_mb(pid: int) -> float:
    """The resident memory of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Editor(threading.Thread):
    """Saves story 0 in bursts, half the saves in place and half as an editor's atomic rename."""

    def __init__(self, root: Path):
        super().__init__(name="editor", daemon=True)
        self.root = root
        self.version = 1
        self.last_save = 0.0
        self.saves = 0

    def save(self) -> None:
        self.version += 1
        self.saves += 1
        target = self.root / "content/articles/story-0.md"
        if self.version % 2:
            story(self.root, 0, edit=f", version {self.version}")
        else:
            story(self.root.parent / "scratch", 0, edit=f", version {self.version}")
            os.replace(self.root.parent / "scratch/content/articles/story-0.md", target)
        self.last_save = time.monotonic()

    def save_template(self, mark: int) -> None:
        template = self.root / "templates/article.html"
        text = re.sub(r' data-mark="\d+"', "", template.read_text())
        template.write_text(text.replace("<article ", f'<article data-mark="{mark}" ', 1))
        self.saves += 1

    def run(self) -> None:
        started = time.monotonic()
        for second in range(SECONDS):
            for n in range(SAVES_PER_BURST):
                if n == 0 and second % 5 == 4:
                    self.save_template(second)  # every page is rendered again and the whole site swapped
                else:
                    self.save()
                time.sleep(0.01)
            time.sleep(max(0.0, started + second + 1 - time.monotonic()))


async def _fetch(client, port: int, path: str, cookie: str = ""):
    from tornado.httpclient import HTTPRequest

    request = HTTPRequest(f"http://127.0.0.1:{port}{path}", headers={"Cookie": cookie} if cookie else {},
                          request_timeout=60, follow_redirects=False)
    return await client.fetch(request, raise_error=False)


def _whole(path: str, body: bytes) -> bool:
    """A page is whole when it ends as a page ends (a half-written file would not)."""
    if path.endswith(".css"):
        return len(body) > 0
    return body.rstrip().endswith(b"</html>" if not path.endswith(".xml") else b"</feed>")


@pytest.mark.slow
def test_a_busy_preview_serves_whole_pages_and_every_tab_reaches_the_last_save(tmp_path):
    from tornado.httpclient import AsyncHTTPClient
    from tornado.websocket import websocket_connect

    root = small_site(tmp_path / "root")
    for n in range(3):
        story(root, n, edit=", version 1" if n == 0 else "")
    build(load_settings(root))
    server = start(root)
    stats = {"requests": 0, "bad": [], "reloads": 0, "rss": []}
    editor = Editor(root)
    try:
        # Warm up: the first edit loads the language model into the server.
        editor.save()
        asyncio.run(_until_version(server.port, editor.version))
        baseline = rss_mb(server.process.pid)

        async def tab(client, n: int, done: asyncio.Event, finals: dict[int, float]) -> None:
            """A browser tab on story 0: load the page, wait for a reload, load it again."""
            from tornado.httpclient import HTTPRequest

            cookie = ""
            while True:
                response = await _fetch(client, server.port, "/story-0/", cookie)
                fetched = time.monotonic()
                stats["requests"] += 1
                if response.code != 200 or not _whole("/story-0/", response.body):
                    stats["bad"].append(("tab", response.code, len(response.body or b"")))
                cookie = (response.headers.get("Set-Cookie") or "").split(";")[0]
                seen = VERSION.search(response.body or b"")
                version = int(seen.group(1)) if seen else 0
                socket = await websocket_connect(HTTPRequest(f"ws://127.0.0.1:{server.port}/livereload",
                                                             headers={"Cookie": cookie}))
                socket.write_message(json.dumps({"command": "hello", "protocols": []}))
                socket.write_message(json.dumps({"command": "info", "url": "/story-0/"}))
                read = None
                while True:
                    read = read or asyncio.ensure_future(socket.read_message())
                    if not done.is_set():
                        waiter = asyncio.ensure_future(done.wait())
                        await asyncio.wait({read, waiter}, return_when=asyncio.FIRST_COMPLETED)
                        waiter.cancel()
                    elif version == editor.version:  # the editor has stopped and this tab shows the last save
                        finals[n] = fetched
                        socket.close()
                        return
                    else:
                        await read
                    if not read.done():
                        continue
                    message, read = read.result(), None
                    if message is None:
                        stats["bad"].append(("socket closed",))
                        break
                    if json.loads(message).get("command") == "reload":
                        stats["reloads"] += 1
                        break
                socket.close()

        async def fetcher(client, stop_at: float) -> None:
            rng = random.Random()
            while time.monotonic() < stop_at:
                path = rng.choice(PAGES)
                try:
                    response = await _fetch(client, server.port, path)
                except Exception as exc:  # a reset or a timeout
                    stats["bad"].append(("fetch", path, repr(exc)))
                    continue
                stats["requests"] += 1
                if response.code != 200 or not _whole(path, response.body):
                    stats["bad"].append((path, response.code, len(response.body or b"")))
                    stats.setdefault("first_bad_body", (response.body or b"")[:2000])
                await asyncio.sleep(0.05)

        async def load() -> tuple[float, dict[int, float]]:
            client = AsyncHTTPClient(force_instance=True, max_clients=TABS + FETCHERS)
            done, finals = asyncio.Event(), {}
            stop_at = time.monotonic() + SECONDS
            tabs = [asyncio.create_task(tab(client, n, done, finals)) for n in range(TABS)]
            fetchers = [asyncio.create_task(fetcher(client, stop_at)) for _ in range(FETCHERS)]
            editor.start()
            while editor.is_alive():
                stats["rss"].append(rss_mb(server.process.pid))
                await asyncio.sleep(1)
            done.set()
            await asyncio.wait_for(asyncio.gather(*fetchers), 120)
            await asyncio.wait_for(asyncio.gather(*tabs), 120)  # bounded: a tab that never reloads fails here
            client.close()
            return editor.last_save, finals

        last_save, finals = asyncio.run(load())
    finally:
        server.process.send_signal(signal.SIGTERM)
        code = server.process.wait(timeout=90)
    output = server.output()
    slowest = max(finals.values()) - last_save
    third = max(1, len(stats["rss"]) // 3)
    first, last = max(stats["rss"][:third]), max(stats["rss"][-third:])
    print(f"\nbusy preview: {editor.saves - 1} saves, {stats['requests']} requests answered, "
          f"{stats['reloads']} reloads; every tab on the last version {slowest:.2f} s after the last save; "
          f"server RSS {baseline:.0f} MB after warm-up, {first:.0f} MB in the first third, {last:.0f} MB in the last")
    assert stats["bad"] == [], (f"{len(stats['bad'])} bad answers, the first {stats['bad'][:3]}; its body: "
                                f"{stats.get('first_bad_body', b'')!r}; server output: {output[-3000:]}")
    assert len(finals) == TABS
    assert last - first < 40, f"memory grew from {first:.0f} MB to {last:.0f} MB"
    assert code == 0 and "stopped" in output and "Traceback" not in output, output[-2000:]


async def _until_version(port: int, version: int) -> None:
    """Wait (bounded) until the preview serves story 0 at ``version``."""
    from tornado.httpclient import AsyncHTTPClient

    client = AsyncHTTPClient(force_instance=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        response = await _fetch(client, port, "/story-0/")
        seen = VERSION.search(response.body or b"")
        if seen and int(seen.group(1)) == version:
            client.close()
            return
        await asyncio.sleep(0.1)
    raise AssertionError("the preview never showed the warm-up save")
