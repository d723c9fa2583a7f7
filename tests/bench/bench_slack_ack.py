"""Ack latency of Slack requests: `terugkoppel serve` (a real process) against a bare Bolt
AsyncApp on uvicorn, in the same run, both talking to one fake Slack Web API process.

    .venv/bin/python tests/bench/bench_slack_ack.py [--requests 400]

Each request is signed as Slack signs it and sent one at a time over a kept-alive
connection, alternating between the two apps so both meet the same load of the machine;
then with 4 and 8 in flight (`--in-flight`: each sender sends its next request when the
last is acked), in alternating rounds per app (issue 22: one at a time hides the queueing);
the time is from sending to the HTTP answer (the ack). terugkoppel does its
work after the ack (a database lookup, a reply to Slack), so the work of one request
overlaps the next: that is part of what is measured. Prints one JSON object. Goal: p99 of
terugkoppel ≤ 1.5 × p99 of the bare app.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

import httpx
from slack_sdk.signature import SignatureVerifier

ROOT = Path(__file__).resolve().parents[2]
SECRET = "bench-signing-secret-0123456789ab"
TOKEN = "xoxb-bench"
BIN = Path(sys.executable).parent


def bare_app(port: int, api_url: str) -> None:
    """The baseline: Bolt's documented minimum, acking a click and a command, with the same
    request verification and lazy-listener mode terugkoppel uses."""
    import uvicorn
    from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
    from slack_bolt.async_app import AsyncApp
    from slack_bolt.authorization import AuthorizeResult
    from slack_sdk.web.async_client import AsyncWebClient
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    async def authorize(
        enterprise_id: str | None, team_id: str | None, user_id: str | None
    ) -> AuthorizeResult:
        return AuthorizeResult(enterprise_id=enterprise_id, team_id=team_id, user_id=user_id)

    app = AsyncApp(
        signing_secret=SECRET,
        client=AsyncWebClient(base_url=api_url),
        authorize=authorize,
        process_before_response=True,
    )

    async def ack(ack):  # type: ignore[no-untyped-def]
        await ack()

    async def nothing(body):  # type: ignore[no-untyped-def]
        return None

    app.action("answer-1")(ack=ack, lazy=[nothing])
    app.command("/wie")(ack=ack, lazy=[nothing])
    handler = AsyncSlackRequestHandler(app)

    async def events(request: Request) -> Response:
        return await handler.handle(request)

    starlette = Starlette(routes=[Route("/slack/events", events, methods=["POST"])])
    uvicorn.run(starlette, host="127.0.0.1", port=port, log_level="warning")


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def process(args: list[str], env: dict[str, str], ready: Callable[[], bool]) -> Iterator[None]:
    proc = subprocess.Popen(
        args, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 30
        while not ready():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"{args[0]} did not start: {proc.stderr.read().decode() if proc.stderr else ''}"
                )
            time.sleep(0.1)
        yield
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def up(url: str) -> Callable[[], bool]:
    def check() -> bool:
        try:
            return httpx.get(url, timeout=0.5).status_code < 500
        except httpx.HTTPError:
            return False

    return check


def requests(kind: str, n: int, response_url: str) -> Iterator[tuple[bytes, str]]:
    """Signed-later bodies: a prompt answer click by Anna, or /wie by Anna."""
    for i in range(n):
        if kind == "click":
            payload = {
                "type": "block_actions",
                "user": {"id": "U0ANNA", "username": "anna", "team_id": "T0FAKE"},
                "team": {"id": "T0FAKE", "domain": "bench"},
                "api_app_id": "A0FAKE",
                "container": {"type": "message", "message_ts": "1.000001", "channel_id": "D0ANNA"},
                "channel": {"id": "D0ANNA"},
                "trigger_id": f"{i}.1.bench",
                "response_url": response_url,
                "actions": [
                    {
                        "action_id": "answer-1",
                        "block_id": "actions",
                        "type": "button",
                        "value": "999999:contact_made",
                        "action_ts": f"{time.time():.6f}{i}",
                    }
                ],
            }
            yield (
                urlencode({"payload": json.dumps(payload)}).encode(),
                "application/x-www-form-urlencoded",
            )
        else:
            fields = {
                "team_id": "T0FAKE",
                "user_id": "U0ANNA",
                "command": "/wie",
                "text": "Huisartsenpraktijk Noord",
                "response_url": response_url,
                "trigger_id": f"{i}.2.bench",
                "api_app_id": "A0FAKE",
            }
            yield urlencode(fields).encode(), "application/x-www-form-urlencoded"


def measure(
    urls: list[str], kind: str, n: int, response_url: str, gap: float
) -> dict[str, list[float]]:
    """`n` requests to each url, interleaved (a, b, b, a, a, b, …) so that both apps see the
    same moments of a noisy machine."""
    verifier = SignatureVerifier(SECRET)
    timings: dict[str, list[float]] = {url: [] for url in urls}
    with httpx.Client(timeout=10) as client:
        for i, (body, content_type) in enumerate(requests(kind, n, response_url)):
            for url in urls if i % 2 == 0 else reversed(urls):
                stamp = str(int(time.time()))
                headers = {
                    "Content-Type": content_type,
                    "X-Slack-Request-Timestamp": stamp,
                    "X-Slack-Signature": verifier.generate_signature(
                        timestamp=stamp, body=body.decode()
                    )
                    or "",
                }
                started = time.perf_counter()
                response = client.post(f"{url}/slack/events", content=body, headers=headers)
                timings[url].append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise RuntimeError(f"{url}: {response.status_code} {response.text}")
                time.sleep(gap)
    return timings


def measure_in_flight(
    url: str, kind: str, n: int, response_url: str, in_flight: int
) -> list[float]:
    """`n` requests to `url` with `in_flight` at a time (each sender sends its next request
    as soon as the previous is acked), so acks queue behind the work of earlier requests."""
    verifier = SignatureVerifier(SECRET)
    bodies = list(requests(kind, n, response_url))
    timings: list[float] = []

    async def run() -> None:
        limits = httpx.Limits(max_connections=in_flight, max_keepalive_connections=in_flight)
        async with httpx.AsyncClient(timeout=10, limits=limits) as client:
            queue = list(reversed(bodies))

            async def sender() -> None:
                while queue:
                    body, content_type = queue.pop()
                    stamp = str(int(time.time()))
                    signature = verifier.generate_signature(timestamp=stamp, body=body.decode())
                    headers = {
                        "Content-Type": content_type,
                        "X-Slack-Request-Timestamp": stamp,
                        "X-Slack-Signature": signature or "",
                    }
                    started = time.perf_counter()
                    response = await client.post(
                        f"{url}/slack/events", content=body, headers=headers
                    )
                    timings.append((time.perf_counter() - started) * 1000)
                    if response.status_code != 200:
                        raise RuntimeError(f"{url}: {response.status_code} {response.text}")

            await asyncio.gather(*(sender() for _ in range(in_flight)))

    asyncio.run(run())
    return timings


def summary(timings: list[float]) -> dict[str, float]:
    ordered = sorted(timings)
    return {
        "p50_ms": round(statistics.median(ordered), 2),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 2),
        "max_ms": round(ordered[-1], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument(
        "--gap-ms", type=float, default=20.0, help="pause between requests (20 ms: 50 a second)"
    )
    parser.add_argument(
        "--in-flight", default="4,8", help="concurrency levels measured after the one-at-a-time run"
    )
    parser.add_argument("--bare", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--api-url", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.bare:
        bare_app(options.bare, options.api_url)
        return

    with tempfile.TemporaryDirectory() as folder:
        fake = subprocess.Popen(
            [sys.executable, "-m", "tests.fakes.slack_server", "--port", "0", "--token", TOKEN],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert fake.stdout is not None
            api_url = fake.stdout.readline().strip()
            response_url = api_url.replace("/api/", "/_response/bench")
            env = {
                **os.environ,
                "TERUGKOPPEL_DATABASE_URL": f"sqlite:///{folder}/bench.db",
                "SLACK_SIGNING_SECRET": SECRET,
                "SLACK_BOT_TOKEN": TOKEN,
                "TERUGKOPPEL_SLACK_API_URL": api_url,
                "TERUGKOPPEL_CONSOLE_OUTPUT": "false",
            }
            subprocess.run(
                [str(BIN / "terugkoppel"), "import", "bot/main/demo/oosterwaard.yaml"],
                env=env,
                cwd=ROOT,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            ours, bare = free_port(), free_port()
            gap = options.gap_ms / 1000
            results: dict[str, object] = {
                "requests": options.requests,
                "gap_ms": options.gap_ms,
                "load_average_before": [round(x, 2) for x in os.getloadavg()],
            }
            with (
                process(
                    [str(BIN / "terugkoppel"), "serve", "--no-scheduler", "--port", str(ours)],
                    env,
                    up(f"http://127.0.0.1:{ours}/healthz"),
                ),
                process(
                    [sys.executable, __file__, "--bare", str(bare), "--api-url", api_url],
                    env,
                    up(f"http://127.0.0.1:{bare}/slack/events"),
                ),
            ):
                for kind in ("click", "command"):
                    ours_url, bare_url = f"http://127.0.0.1:{ours}", f"http://127.0.0.1:{bare}"
                    measure([ours_url, bare_url], kind, 30, response_url, gap)  # warm up
                    timings = measure(
                        [ours_url, bare_url], kind, options.requests, response_url, gap
                    )
                    a, b = summary(timings[ours_url]), summary(timings[bare_url])
                    results[kind] = {
                        "terugkoppel": a,
                        "bare_bolt": b,
                        "p99_ratio": round(a["p99_ms"] / b["p99_ms"], 2),
                        "goal_met": a["p99_ms"] <= 1.5 * b["p99_ms"],
                    }
                    for in_flight in (int(n) for n in options.in_flight.split(",") if n):
                        # alternating rounds, so both apps meet the same moments of the machine
                        ours_t: list[float] = []
                        bare_t: list[float] = []
                        rounds = 4
                        for round_ in range(rounds):
                            first, second = (
                                (ours_url, bare_url) if round_ % 2 == 0 else (bare_url, ours_url)
                            )
                            for url in (first, second):
                                got = measure_in_flight(
                                    url, kind, options.requests // rounds, response_url, in_flight
                                )
                                (ours_t if url == ours_url else bare_t).extend(got)
                        a, b = summary(ours_t), summary(bare_t)
                        results[f"{kind}_in_flight_{in_flight}"] = {
                            "terugkoppel": a,
                            "bare_bolt": b,
                            "p99_ratio": round(a["p99_ms"] / b["p99_ms"], 2),
                            "goal_met": a["p99_ms"] <= 1.5 * b["p99_ms"],
                        }
            results["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
            print(json.dumps(results, indent=2))
        finally:
            fake.terminate()
            fake.wait(10)


if __name__ == "__main__":
    main()
