"""Two `serve` and two `worker` processes on one PostgreSQL, which is restarted in the middle
of a run: /readyz says 503 meanwhile, everything recovers, nothing is lost or sent twice.

The cluster is a private one (tests/deploy/cluster.py), not the shared server on 5432: see
docs/operator-guide.md, "How the restart is tested"."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import pytest
import yaml
from sqlalchemy import text

from store.db import make_engine
from tests.deploy.cluster import PrivateCluster, free_port, postgres_bin
from tests.fakes.slack_server import FakeSlack

API_KEY = "ggd-key-5b1e0c7d9a"
TEAMS = 4
REFERRERS = 8
TERUGKOPPEL = str(Path(sys.executable).parent / "terugkoppel")


def directory() -> dict[str, Any]:
    people = [
        {
            "id": f"prof-{t}",
            "name": f"Professional Achternaam{t}",
            "email": f"prof{t}@team.example",
            "team": f"jt-{t}",
            "roles": ["professional", "coordinator"],
            "slack": f"U0PROF{t}X",
        }
        for t in range(TEAMS)
    ]
    people += [
        {
            "id": f"ref-{r}",
            "name": f"Verwijzer Familienaam{r}",
            "email": f"ref{r}@praktijk.example",
            "organisation": "hap",
            "roles": ["referrer"],
            "slack": f"U0REF{r}X",
        }
        for r in range(REFERRERS)
    ]
    return {
        "organisations": [{"id": "hap", "name": "Huisartsenpraktijk", "kind": "gp"}],
        "teams": [
            {"id": f"jt-{t}", "name": f"Jeugdteam {t}", "intake": {"slack": f"C0INTAKE{t}X"}}
            for t in range(TEAMS)
        ],
        "people": people,
        "contacts": [{"team": "jt-0", "partner": "hap", "primary": "prof-0"}],
    }


@dataclass
class Process:
    name: str
    popen: subprocess.Popen[bytes]
    health: str  # base URL for /healthz and /readyz
    log: Path
    files: list[IO[bytes]] = field(default_factory=list)


def get(url: str, *, timeout: float = 3) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, OSError):
        return 0


def post_referral(base: str, n: int) -> tuple[int, dict[str, Any]]:
    body = json.dumps(
        {
            "team": f"jt-{n % TEAMS}",
            "referrer": f"ref-{n % REFERRERS}",
            "external_ref": f"HAP-{n:04d}",
            "consent": "status",
        }
    ).encode()
    request = urllib.request.Request(
        f"{base}/api/v1/referrals",
        data=body,
        headers={"Authorization": f"Bearer {API_KEY}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return int(answer.status), json.loads(answer.read())
    except urllib.error.HTTPError as exc:
        return exc.code, {"retry_after": exc.headers.get("Retry-After")}
    except (urllib.error.URLError, OSError):
        return 0, {}


def wait_for(condition: Any, *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {seconds} s waiting for {what}")
        time.sleep(0.1)


@pytest.fixture
def cluster() -> Iterator[PrivateCluster]:
    binaries = postgres_bin()
    if binaries is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    private = PrivateCluster(binaries)
    try:
        private.init()
        private.start()
        private.create_database()
        yield private
    finally:
        private.destroy()


def test_two_serve_and_two_worker_processes_survive_a_postgres_restart(
    cluster: PrivateCluster, tmp_path: Path
) -> None:
    started = time.monotonic()
    with FakeSlack.running(min_interval=1.0) as slack:
        env = {
            "PATH": os.environ.get("PATH", ""),
            "TZ": "Europe/Amsterdam",
            "TERUGKOPPEL_DATABASE_URL": cluster.url + "?connect_timeout=3",
            "SLACK_BOT_TOKEN": slack.token,
            "TERUGKOPPEL_SLACK_API_URL": slack.url,
            "TERUGKOPPEL_API_KEYS": f"ggd:{API_KEY}",
            "TERUGKOPPEL_CONSOLE_OUTPUT": "false",
            "TERUGKOPPEL_TICK_SECONDS": "5",
            "TERUGKOPPEL_OUTBOX_LEASE_SECONDS": "5",
            "TERUGKOPPEL_LOG_FORMAT": "json",
            "TERUGKOPPEL_LOG_LEVEL": "INFO",
            "TERUGKOPPEL_SHUTDOWN_GRACE_SECONDS": "5",
        }
        (tmp_path / "directory.yaml").write_text(yaml.safe_dump(directory()), "utf-8")
        for verb in (["db", "upgrade"], ["import", str(tmp_path / "directory.yaml")]):
            subprocess.run([TERUGKOPPEL, *verb], env=env, cwd=tmp_path, check=True, timeout=60)

        processes: list[Process] = []

        def launch(name: str, arguments: list[str], port: int, extra: dict[str, str]) -> None:
            log = tmp_path / f"{name}.log"
            out, err = (tmp_path / f"{name}.out").open("wb"), log.open("wb")
            popen = subprocess.Popen(
                [TERUGKOPPEL, *arguments],
                env={**env, **extra},
                cwd=tmp_path,
                stdout=out,
                stderr=err,
            )
            processes.append(Process(name, popen, f"http://127.0.0.1:{port}", log, [out, err]))

        web = [free_port(), free_port()]
        launch("serve-1", ["serve", "--port", str(web[0])], web[0], {})
        launch("serve-2", ["serve", "--port", str(web[1]), "--no-scheduler"], web[1], {})
        for n in (1, 2):
            port = free_port()
            launch(f"worker-{n}", ["worker"], port, {"TERUGKOPPEL_METRICS_PORT": str(port)})
        try:
            scenario(cluster, processes, slack, web, started)
        finally:
            for process in processes:
                if process.popen.poll() is None:
                    process.popen.kill()
                    process.popen.wait(10)
                for handle in process.files:
                    handle.close()
        check_logs(processes)


def scenario(
    cluster: PrivateCluster,
    processes: list[Process],
    slack: FakeSlack,
    web: list[int],
    started: float,
) -> None:
    bases = [f"http://127.0.0.1:{port}" for port in web]
    for process in processes:
        wait_for(
            lambda p=process: get(f"{p.health}/readyz") == 200,  # type: ignore[misc]
            seconds=30,
            what=f"{process.name} to be ready",
        )
    created: dict[int, int] = {}  # referral id -> attempt number
    pending = list(range(40))
    refused_meanwhile: list[int] = []

    def submit(numbers: list[int]) -> list[int]:
        failed = []
        for n in numbers:
            status, body = post_referral(bases[n % 2], n)
            if status == 201:
                created[body["id"]] = n
            else:
                failed.append(n)
                refused_meanwhile.append(status)
        return failed

    assert submit(pending[:15]) == []  # before the restart

    cluster.stop()
    down_at = time.monotonic()
    for process in processes:
        wait_for(
            lambda p=process: get(f"{p.health}/readyz") == 503,  # type: ignore[misc]
            seconds=10,
            what=f"{process.name} to report not ready",
        )
        assert get(f"{process.health}/healthz") == 200  # alive, just not ready
    retry_later = submit(pending[15:20])  # while the database is away
    assert retry_later == pending[15:20]
    assert set(refused_meanwhile) == {503}  # "try again", never a 500
    time.sleep(max(0.0, 3 - (time.monotonic() - down_at)))
    cluster.start()
    up_at = time.monotonic()

    for process in processes:
        wait_for(
            lambda p=process: get(f"{p.health}/readyz") == 200,  # type: ignore[misc]
            seconds=30,
            what=f"{process.name} to be ready again",
        )
    recovered_after = time.monotonic() - up_at
    assert all(p.popen.poll() is None for p in processes), "a process died in the outage"
    assert submit(retry_later + pending[20:]) == []  # the client retries what got 503

    engine = make_engine(cluster.url)
    try:

        def receipts_sent() -> bool:
            """Every referrer's receipt sent (these go at any hour; intake questions to the
            teams wait for office hours) and nothing else due left unsent."""
            with engine.connect() as connection:
                due_unsent = connection.execute(
                    text(
                        "SELECT count(*) FROM outbox WHERE sent_at IS NULL "
                        "AND failed_at IS NULL AND not_before <= :now"
                    ),
                    {"now": datetime.now(UTC)},
                ).scalar_one()
                receipts = connection.execute(
                    text(
                        "SELECT count(DISTINCT referral_id) FROM outbox "
                        "WHERE key LIKE 'referrer:%' AND sent_at IS NOT NULL"
                    )
                ).scalar_one()
            return due_unsent == 0 and receipts == len(pending)

        wait_for(receipts_sent, seconds=40, what="every receipt to be sent")
        with engine.connect() as connection:
            referrals = connection.execute(text("SELECT public_id FROM referrals")).scalars().all()
            sent_keys = (
                connection.execute(text("SELECT key FROM outbox WHERE sent_at IS NOT NULL"))
                .scalars()
                .all()
            )
            failed = connection.execute(
                text("SELECT count(*) FROM outbox WHERE failed_at IS NOT NULL")
            ).scalar_one()
            receipts = connection.execute(
                text(
                    "SELECT count(DISTINCT referral_id) FROM outbox "
                    "WHERE key LIKE 'referrer:%' AND sent_at IS NOT NULL"
                )
            ).scalar_one()
    finally:
        engine.dispose()

    # nothing lost: every referral answered 201 is stored, and every referrer got a receipt
    assert sorted(referrals) == sorted(created) and len(created) == len(pending)
    assert receipts == len(pending)
    assert failed == 0
    # nothing sent twice: each outbox key reached Slack exactly once
    delivered = slack.by_key()
    assert sorted(delivered) == sorted(sent_keys)
    assert [key for key, count in delivered.items() if count > 1] == []

    metrics = urllib.request.urlopen(f"{bases[0]}/metrics", timeout=5).read().decode()
    assert "terugkoppel_outbox_depth" in metrics

    excerpt = [
        line
        for process in processes[2:]
        for line in urllib.request.urlopen(f"{process.health}/metrics", timeout=5)
        .read()
        .decode()
        .splitlines()
        if line.startswith(("terugkoppel_outbox", "terugkoppel_escalations"))
    ]
    excerpt += [line for line in metrics.splitlines() if 'route="/api/v1/referrals"' in line][:3]

    # SIGTERM: requests and sends in flight finish, claims are released, then exit. uvicorn
    # ends `serve` by re-raising the signal once shut down (exit status -15), as is usual.
    for process in processes:
        process.popen.send_signal(signal.SIGTERM)
    codes = {p.name: p.popen.wait(30) for p in processes}
    assert codes["worker-1"] == codes["worker-2"] == 0
    assert {codes["serve-1"], codes["serve-2"]} <= {0, -signal.SIGTERM}
    for process in processes[:2]:
        assert "Application shutdown complete." in process.log.read_text("utf-8")
    report = {
        "referrals": len(created),
        "refused_while_down": len(refused_meanwhile),
        "slack_messages": sum(delivered.values()),
        "duplicates": sum(count - 1 for count in delivered.values()),
        "ready_again_after_start_s": round(recovered_after, 2),
        "total_s": round(time.monotonic() - started, 1),
    }
    print(json.dumps(report))  # the figures for the operator guide (pytest -s)
    print("\n".join(excerpt))


def check_logs(processes: list[Process]) -> None:
    """Every line JSON; correlation ids present; no secret, name, e-mail or chat id."""
    people = directory()["people"]
    forbidden = {API_KEY, "xoxb-test"}
    forbidden |= {p["email"] for p in people} | {p["slack"] for p in people}
    forbidden |= {p["name"] for p in people} | {p["name"].split()[1] for p in people}
    request_ids = outbox_ids = 0
    for process in processes:
        content = process.log.read_text("utf-8")
        leaked = sorted(value for value in forbidden if value in content)
        assert leaked == [], f"{process.name} logged {leaked}"
        for line in content.splitlines():
            record = json.loads(line)
            request_ids += "request_id" in record
            outbox_ids += "outbox" in record
    assert request_ids > 0 and outbox_ids > 0
