"""The soak's REST intake (tests/bench/bench_tenants_soak.py): `terugkoppel serve
--no-scheduler` as one or two processes on the seeded database (as the application role),
`POST /api/v1/referrals` with the keys of every tenant in turn, 1 to 32 requests in flight;
with two replicas the client alternates between them (what a load balancer does)."""

from __future__ import annotations

import itertools
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]
LEVELS = (1, 4, 8, 16, 32)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(url: str, port: int) -> subprocess.Popen[bytes]:
    env = dict(
        os.environ,
        TERUGKOPPEL_DATABASE_URL=url,
        TERUGKOPPEL_API_RATE_PER_MINUTE="100000",
        TERUGKOPPEL_API_RATE_BURST="10000",
        TERUGKOPPEL_API_RATE_PER_ADDRESS_PER_MINUTE="1000000",
        TERUGKOPPEL_API_RATE_PER_ADDRESS_BURST="100000",
        TERUGKOPPEL_LOG_LEVEL="ERROR",
    )
    command = [
        str(Path(sys.executable).with_name("terugkoppel")),
        "serve",
        "--no-scheduler",
        "--port",
        str(port),
    ]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def wait_ready(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"serve on {port} stopped ({process.returncode})")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"serve on {port} did not start")


def intake(url: str, keys: list[tuple[str, str]], *, replicas: int, requests: int) -> Any:
    ports = [free_port() for _ in range(replicas)]
    processes = [start(url, port) for port in ports]
    try:
        for port, process in zip(ports, processes, strict=True):
            wait_ready(port, process)
        return _levels(ports, keys, requests)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(30)


def _levels(ports: list[int], keys: list[tuple[str, str]], requests: int) -> dict[str, Any]:
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    clients = [
        httpx.Client(base_url=f"http://127.0.0.1:{p}", timeout=120, limits=limits) for p in ports
    ]
    counter = itertools.count()
    lock = threading.Lock()

    def post(_: int) -> tuple[float, int]:
        with lock:
            n = next(counter)
        tenant, key = keys[n % len(keys)]
        body = {
            "team": f"{tenant}-team-{1 + n % 3}",
            "referrer": f"{tenant}-ref-{1 + n % 10}",
            "external_ref": f"SOAK-{len(ports)}-{n}",
            "consent": "status",
        }
        client = clients[n % len(clients)]
        started = time.perf_counter()
        answer = client.post(
            "/api/v1/referrals", json=body, headers={"Authorization": f"Bearer {key}"}
        )
        return time.perf_counter() - started, answer.status_code

    results: dict[str, Any] = {}
    try:
        with ThreadPoolExecutor(4) as pool:  # warm every replica's pool
            list(pool.map(post, range(20)))
        for in_flight in LEVELS:
            started = time.perf_counter()
            with ThreadPoolExecutor(in_flight) as pool:
                done = list(pool.map(post, range(requests)))
            wall = time.perf_counter() - started
            timings = sorted(d[0] for d in done)
            results[str(in_flight)] = {
                "requests": len(done),
                "throughput_per_s": round(len(done) / wall, 1),
                "p50_ms": round(statistics.median(timings) * 1000, 1),
                "p99_ms": round(timings[max(0, int(len(timings) * 0.99) - 1)] * 1000, 1),
                "status": sorted({d[1] for d in done}),
            }
    finally:
        for client in clients:
            client.close()
    return results
