"""Start-up time and memory of `terugkoppel serve`, without and with Teams configured.

    .venv/bin/python tests/bench/bench_serve_startup.py [--runs 5]

Each run starts a fresh `terugkoppel serve --no-scheduler` process on SQLite in a temporary
folder and measures the wall time from starting the process until GET /healthz answers
200, and the process's peak resident memory (VmHWM from /proc) at that moment. With Teams
the app id, password and tenant are set (and every Microsoft address points at
127.0.0.1: start-up contacts none of them), so the Teams SDK and msgraph-sdk are imported.
Prints one JSON object: median and max per configuration, and the difference.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

BIN = Path(sys.executable).parent
TEAMS = {
    "TERUGKOPPEL_TEAMS_APP_ID": "00000000-0000-4000-8000-00000000b07a",
    "TERUGKOPPEL_TEAMS_APP_PASSWORD": "bench-password",
    "TERUGKOPPEL_TEAMS_TENANT_ID": "7d1c2b3a-0000-4000-8000-0000000000aa",
    "TERUGKOPPEL_TEAMS_LOGIN_URL": "https://127.0.0.1:9",
    "TERUGKOPPEL_TEAMS_OPENID_METADATA_URL": "https://127.0.0.1:9/v1/.well-known/openidconfiguration",
    "TERUGKOPPEL_GRAPH_URL": "http://127.0.0.1:9/v1.0",
    "TERUGKOPPEL_TEAMS_SERVICE_URL": "http://127.0.0.1:9/",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM")


def one_run(teams: bool) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        port = free_port()
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "TERUGKOPPEL_DATABASE_URL": f"sqlite:///{folder}/bench.db",
            "TERUGKOPPEL_CONSOLE_OUTPUT": "false",
            **(TEAMS if teams else {}),
        }
        started = time.perf_counter()
        process = subprocess.Popen(
            [str(BIN / "terugkoppel"), "serve", "--no-scheduler", "--port", str(port)],
            cwd=folder,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            deadline = started + 60
            while True:
                if process.poll() is not None:
                    raise RuntimeError(process.stderr.read().decode() if process.stderr else "")
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.perf_counter() > deadline:
                    raise RuntimeError("no /healthz within 60 s")
                time.sleep(0.01)
            elapsed = time.perf_counter() - started
            rss = peak_rss_mib(process.pid)
            if teams:  # the endpoint is mounted: unsigned requests are refused, not 503
                answer = httpx.post(f"http://127.0.0.1:{port}/api/messages", json={"type": "x"})
                assert answer.status_code == 401, answer.status_code
        finally:
            process.terminate()
            process.wait(10)
        return elapsed, rss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    one_run(False)  # warm the file system cache once
    result: dict[str, object] = {"runs": runs, "what": "terugkoppel serve --no-scheduler, SQLite"}
    for name, teams in (("without_teams", False), ("with_teams", True)):
        times, memory = zip(*(one_run(teams) for _ in range(runs)), strict=True)
        result[name] = {
            "startup_seconds_median": round(statistics.median(times), 3),
            "startup_seconds_max": round(max(times), 3),
            "max_rss_mib_median": round(statistics.median(memory), 1),
            "max_rss_mib_max": round(max(memory), 1),
        }
    without, with_ = result["without_teams"], result["with_teams"]
    assert isinstance(without, dict) and isinstance(with_, dict)
    result["teams_costs"] = {
        "startup_seconds": round(
            with_["startup_seconds_median"] - without["startup_seconds_median"], 3
        ),
        "rss_mib": round(with_["max_rss_mib_median"] - without["max_rss_mib_median"], 1),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
