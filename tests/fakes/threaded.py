"""Runs an aiohttp application on 127.0.0.1 from a background thread with its own loop."""

from __future__ import annotations

import asyncio
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from aiohttp import web


@contextmanager
def serve_app(app: web.Application, *, tls: ssl.SSLContext | None = None) -> Iterator[str]:
    """Yields the base URL (http or https, no trailing slash) while the app serves."""
    loop = asyncio.new_event_loop()
    started = threading.Event()
    state: dict[str, object] = {}

    async def start() -> web.AppRunner:
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0, ssl_context=tls).start()
        return runner

    def run() -> None:
        asyncio.set_event_loop(loop)
        try:
            runner = loop.run_until_complete(start())
        except BaseException as exc:
            state["error"] = exc
            started.set()
            return
        host, port = runner.addresses[0][:2]
        state["url"] = f"{'https' if tls else 'http'}://{host}:{port}"
        started.set()
        loop.run_forever()
        loop.run_until_complete(runner.cleanup())
        loop.close()

    thread = threading.Thread(target=run, name="fake-server", daemon=True)
    thread.start()
    if not started.wait(10):
        raise RuntimeError("fake server did not start within 10 s")
    if "error" in state:
        raise state["error"]  # type: ignore[misc]
    try:
        yield str(state["url"])
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
