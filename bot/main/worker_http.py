"""The worker's small HTTP port (TERUGKOPPEL_METRICS_PORT): /healthz, /readyz and /metrics,
so Kubernetes can probe a `worker` the way it probes `serve`."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from prometheus_client import CollectorRegistry, make_wsgi_app
from sqlalchemy import Engine

from store.db import schema_is_current

StartResponse = Callable[..., Any]


def is_ready(engine: Engine) -> bool:
    """Database reachable and the schema at the newest migration."""
    try:
        return schema_is_current(engine)
    except Exception:  # any database failure means: not ready
        return False


def worker_app(engine: Engine, registry: CollectorRegistry) -> Callable[..., Iterable[bytes]]:
    metrics = make_wsgi_app(registry)

    def app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        body: dict[str, object]
        if path == "/metrics":
            return metrics(environ, start_response)  # type: ignore[no-any-return]
        if path == "/healthz":
            status, body = "200 OK", {"status": "ok"}
        elif path == "/readyz":
            ready = is_ready(engine)
            status = "200 OK" if ready else "503 Service Unavailable"
            body = {"ready": ready}
        else:
            status, body = "404 Not Found", {"detail": "not found"}
        content = json.dumps(body).encode()
        start_response(
            status,
            [
                ("Content-Type", "application/json"),
                ("Content-Length", str(len(content))),
                ("X-Content-Type-Options", "nosniff"),
            ],
        )
        return [content]

    return app


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # probes every few seconds
        pass


def serve_worker_http(
    engine: Engine, registry: CollectorRegistry, *, port: int, host: str = "0.0.0.0"
) -> WSGIServer:
    """Serves in a daemon thread; returns the server (its `server_port` when port is 0)."""
    server = make_server(host, port, worker_app(engine, registry), handler_class=_Quiet)
    threading.Thread(target=server.serve_forever, name="worker-http", daemon=True).start()
    return server
