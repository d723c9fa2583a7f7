"""The deployment files, parsed (no Docker engine or cluster here): every command, option,
port, probe path and setting they name exists in the project, and the hardening holds."""

from __future__ import annotations

import functools
import json
import re
import shlex
import shutil
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from pydantic import SecretStr
from sqlalchemy import create_engine

from bot.main.asgi import create_app
from bot.main.cli import app as cli_app
from bot.main.settings import Settings, env_name
from bot.main.wiring import build
from bot.main.worker_http import worker_app
from reminders.metrics import registry_for
from store.db import make_engine, upgrade

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
# Standard variables the deployment may set besides terugkoppel's own settings.
STANDARD = {
    "SSL_CERT_FILE",
    "PATH",
    "PYTHONUNBUFFERED",
    "PYTHONDONTWRITEBYTECODE",
    "PIP_NO_CACHE_DIR",
    "PIP_DISABLE_PIP_VERSION_CHECK",
}
APP_UID = 10001


# -- what the project offers ---------------------------------------------------------------


def setting_names() -> set[str]:
    return {env_name(field) for field in Settings.model_fields}


def assert_cli(arguments: list[str]) -> Any:
    """Parses a `terugkoppel` command line the way the CLI would, without running it; returns
    the (click) context with the parsed options. Typer carries its own copy of click, so
    groups are recognised by what they do rather than by class."""
    command: Any = typer.main.get_command(cli_app)
    rest = list(arguments)
    while hasattr(command, "list_commands"):
        assert rest, f"{arguments}: a verb is missing"
        name = rest.pop(0)
        sub = command.get_command(command.context_class(command), name)
        assert sub is not None, f"{arguments}: terugkoppel has no verb {name!r}"
        command = sub
    return command.make_context(command.name or "?", rest)


def option(context: Any, name: str) -> Any:
    return context.params[name]


@functools.cache
def http_paths() -> frozenset[str]:
    settings = Settings(_env_file=None, api_keys=SecretStr("x:y"))  # type: ignore[call-arg]
    container = build(settings, engine=create_engine("sqlite://"))
    app = create_app(container, scheduler=False)
    return frozenset(getattr(route, "path", "") for route in app.routes)


@functools.cache
def worker_paths() -> frozenset[str]:
    folder = tempfile.mkdtemp(prefix="terugkoppel-paths-")
    engine = make_engine(f"sqlite:///{folder}/paths.db")
    upgrade(engine)
    app = worker_app(engine, registry_for(engine))
    found = set()
    for path in ("/healthz", "/readyz", "/metrics"):
        status: list[str] = []

        def start(line: str, headers: object, *_: object, into: list[str] = status) -> None:
            into.append(line)

        app({"PATH_INFO": path, "REQUEST_METHOD": "GET"}, start)
        if not status[0].startswith("404"):
            found.add(path)
    engine.dispose()
    shutil.rmtree(folder, ignore_errors=True)
    return frozenset(found)


# -- Dockerfile ------------------------------------------------------------------------------


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    instructions: list[tuple[str, str]] = []
    pending = ""
    for raw in (DEPLOY / "Dockerfile").read_text("utf-8").splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line = pending + line
        pending = ""
        keyword, _, rest = line.partition(" ")
        instructions.append((keyword.upper(), rest.strip()))
    return instructions


def stages() -> list[list[tuple[str, str]]]:
    found: list[list[tuple[str, str]]] = []
    for keyword, rest in dockerfile():
        if keyword == "FROM":
            found.append([])
        found[-1].append((keyword, rest))
    return found


def exec_form(arguments: str) -> list[str]:
    value = json.loads(arguments)
    assert isinstance(value, list), f"exec form expected: {arguments}"
    return [str(part) for part in value]


def test_dockerfile_is_multi_stage_on_a_pinned_base() -> None:
    bases = [rest.split()[0] for keyword, rest in dockerfile() if keyword == "FROM"]
    assert len(bases) >= 2
    for base in bases:
        image, _, tag = base.partition(":")
        assert image == "python"
        # a full version (3.11.11-slim-bookworm), never "latest" or a floating "3.11"
        assert re.fullmatch(r"\d+\.\d+\.\d+-slim-\w+", tag.split("@")[0]), base
    runtime = stages()[-1]
    assert any(k == "COPY" and rest.startswith("--from=build") for k, rest in runtime)
    assert not any(k == "RUN" and "pip install" in rest for k, rest in runtime)


def test_dockerfile_runs_as_an_unprivileged_user_with_our_entrypoint() -> None:
    runtime = dict(stages()[-1])
    user = runtime["USER"].split(":")
    assert int(user[0]) == APP_UID and int(user[1]) != 0
    assert exec_form(runtime["ENTRYPOINT"]) == ["terugkoppel"]
    context = assert_cli(exec_form(runtime["CMD"]))
    assert runtime["EXPOSE"] == str(option(context, "port"))
    health = " ".join(exec_form(runtime["HEALTHCHECK"].split(" CMD ", 1)[1]))
    url = re.search(r"http://127\.0\.0\.1:(\d+)(/\w+)", health)
    assert url is not None and url.group(1) == runtime["EXPOSE"]
    assert url.group(2) in http_paths()


def test_dockerfile_copies_what_exists_and_sets_only_real_settings() -> None:
    for keyword, rest in dockerfile():
        if keyword == "COPY" and not rest.startswith("--from"):
            *sources, _ = shlex.split(rest)
            for source in sources:
                assert (ROOT / source).exists(), source
        if keyword == "ENV":
            for name in re.findall(r"(\w+)=", rest):
                assert name in setting_names() | STANDARD, name
    ignored = (ROOT / ".dockerignore").read_text("utf-8").split()
    assert ".env" in ignored and ".venv" in ignored and ".git" in ignored


# -- docker compose ----------------------------------------------------------------------------


def compose() -> dict[str, Any]:
    data = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def app_services() -> Iterator[tuple[str, dict[str, Any]]]:
    for name, service in compose()["services"].items():
        if service.get("image", "").startswith("terugkoppel"):
            yield name, service


def test_compose_has_web_worker_postgres_and_a_mail_catcher() -> None:
    services = compose()["services"]
    assert {"web", "worker", "postgres", "mailpit", "migrate"} <= set(services)
    for name in ("postgres", "mailpit"):
        assert re.search(r":v?\d+\.\d+(\.\d+)?", services[name]["image"]), name
    build_ = services["web"]["build"]
    assert (DEPLOY / build_["context"] / build_["dockerfile"]).resolve() == DEPLOY / "Dockerfile"


def test_compose_commands_ports_settings_and_health_checks_exist() -> None:
    services = compose()["services"]
    paths = http_paths()
    for name, service in app_services():
        if "entrypoint" in service:  # the one-shot certs service runs a script, not the CLI
            continue
        context = assert_cli(service["command"])
        environment = service["environment"]
        for variable in environment:
            assert variable in setting_names() | STANDARD, f"{name}: {variable}"
        for dependency in service.get("depends_on", {}):
            assert dependency in services, f"{name} depends on unknown {dependency}"
        published = [int(p.rsplit(":", 1)[1]) for p in service.get("ports", [])]
        if context.command.name == "serve":
            assert published == [option(context, "port")]
        if context.command.name == "worker":
            assert published == [int(environment["TERUGKOPPEL_METRICS_PORT"])]
            check = " ".join(service["healthcheck"]["test"])
            url = re.search(r"127\.0\.0\.1:(\d+)(/\w+)", check)
            assert url is not None and int(url.group(1)) == published[0]
            assert url.group(2) in worker_paths()
        if context.command.name == "serve":
            assert "/healthz" in paths  # the image's HEALTHCHECK applies
    assert assert_cli(services["migrate"]["command"]).command.name == "upgrade"
    # the mail catcher's certificate: what compose mounts, the certs service's script writes
    certs = services["certs"]
    mounts = dict(v.split(":")[:2] for v in certs["volumes"])
    script_path = certs["entrypoint"][1]
    source = next(s for s, target in mounts.items() if target == script_path)
    script = (DEPLOY / source).read_text("utf-8")
    written = set(re.findall(r'"(\w+\.(?:crt|key|pem))"', script))
    for value in services["mailpit"]["environment"].values():
        if str(value).startswith("/certs/"):
            assert value.removeprefix("/certs/") in written, value
    web_env = dict(app_services())["web"]["environment"]
    assert web_env["SSL_CERT_FILE"].removeprefix("/certs/") in written
    for name in ("web", "worker", "mailpit"):
        assert services[name]["depends_on"]["certs"]["condition"] == (
            "service_completed_successfully"
        ), name
        assert "dev-certs:/certs:ro" in services[name]["volumes"], name
    # the example directory: the import service reads a file that exists, before web starts
    importer = services["import"]
    file = assert_cli(importer["command"]).params
    mounted = dict(v.split(":")[:2] for v in importer["volumes"])
    (example,) = [s for s, target in mounted.items() if target in str(file.values())]
    assert (DEPLOY / example).is_file()
    assert services["web"]["depends_on"]["import"]["condition"] == "service_completed_successfully"
    smtp = web_env["TERUGKOPPEL_SMTP_URL"]
    assert smtp.startswith("smtp://") and smtp.rsplit(":", 1)[1] == "1025"


def test_compose_app_containers_are_hardened() -> None:
    for name, service in app_services():
        assert service["read_only"] is True, name
        assert service["cap_drop"] == ["ALL"], name
        assert "no-new-privileges:true" in service["security_opt"], name
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), f"{name} publishes {port} on every address"


# -- Kubernetes ------------------------------------------------------------------------------


def manifests() -> list[dict[str, Any]]:
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text("utf-8"))
    documents = []
    for resource in kustomization["resources"]:
        path = K8S / resource
        assert path.exists(), resource
        documents += [d for d in yaml.safe_load_all(path.read_text("utf-8")) if d]
    listed = {K8S / r for r in kustomization["resources"]}
    assert listed == set(K8S.glob("*.yaml")) - {K8S / "kustomization.yaml"}
    return documents


def of_kind(kind: str) -> dict[str, dict[str, Any]]:
    return {d["metadata"]["name"]: d for d in manifests() if d["kind"] == kind}


def pod_specs() -> Iterator[tuple[str, dict[str, Any]]]:
    for kind in ("Deployment", "Job"):
        for name, document in of_kind(kind).items():
            yield name, document["spec"]["template"]["spec"]


def test_k8s_has_two_web_two_workers_a_migration_job_and_budgets() -> None:
    deployments = of_kind("Deployment")
    assert deployments["terugkoppel-web"]["spec"]["replicas"] == 2
    assert deployments["terugkoppel-worker"]["spec"]["replicas"] == 2
    job = of_kind("Job")["terugkoppel-migrate"]
    container = job["spec"]["template"]["spec"]["containers"][0]
    assert assert_cli(container["args"]).command.name == "upgrade"
    budgets = of_kind("PodDisruptionBudget")
    for deployment in deployments.values():
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
        assert any(
            b["spec"]["selector"]["matchLabels"].items() <= labels.items()
            and b["spec"]["minAvailable"] < deployment["spec"]["replicas"]
            for b in budgets.values()
        ), f"no PodDisruptionBudget for {deployment['metadata']['name']}"
    service = of_kind("Service")["terugkoppel-web"]
    web_labels = deployments["terugkoppel-web"]["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= web_labels.items()


def test_k8s_commands_ports_probes_and_settings_exist() -> None:
    configmaps, secrets = of_kind("ConfigMap"), of_kind("Secret")
    known = setting_names() | STANDARD
    for document in configmaps.values():
        assert set(document["data"]) <= known
    for document in secrets.values():
        assert set(document["stringData"]) <= known
        assert all(value for value in document["stringData"].values())  # empty counts as set
    paths = {"serve": http_paths(), "worker": worker_paths()}
    for name, spec in pod_specs():
        for container in spec["containers"]:
            context = assert_cli(container["args"])
            verb = context.command.name or "?"
            environment = {e["name"]: e.get("value") for e in container.get("env", [])}
            assert set(environment) <= known, name
            for source in container.get("envFrom", []):
                if "configMapRef" in source:
                    assert source["configMapRef"]["name"] in configmaps
                if "secretRef" in source:
                    assert source["secretRef"]["name"] in secrets
            ports = {p["name"]: p["containerPort"] for p in container.get("ports", [])}
            if verb == "serve":
                assert ports == {"http": option(context, "port")}
            if verb == "worker":
                assert ports == {"metrics": int(environment["TERUGKOPPEL_METRICS_PORT"])}
            for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
                if probe in container:
                    get = container[probe]["httpGet"]
                    assert get["port"] in ports, f"{name} {probe}"
                    assert get["path"] in paths[verb], f"{name} {probe} {get['path']}"
            if verb in paths:
                assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
                assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"


def test_k8s_pods_are_least_privilege_with_resources() -> None:
    for name, spec in pod_specs():
        assert spec["automountServiceAccountToken"] is False, name
        assert spec["securityContext"]["runAsNonRoot"] is True, name
        assert spec["securityContext"]["runAsUser"] == APP_UID, name
        for container in spec["containers"]:
            security = container["securityContext"]
            assert security["allowPrivilegeEscalation"] is False, name
            assert security["readOnlyRootFilesystem"] is True, name
            assert security["capabilities"]["drop"] == ["ALL"], name
            for kind in ("requests", "limits"):
                assert {"cpu", "memory"} <= set(container["resources"][kind]), name
    grace = Settings(_env_file=None).shutdown_grace_seconds  # type: ignore[call-arg]
    for document in of_kind("Deployment").values():
        assert document["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] > grace + 5


# -- settings documentation and dependencies --------------------------------------------------


def test_env_example_lists_every_setting_and_nothing_else() -> None:
    text = (ROOT / ".env.example").read_text("utf-8")
    listed = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", text, re.MULTILINE))
    assert sorted(setting_names() - listed) == []
    assert sorted(listed - setting_names() - STANDARD) == []


def test_readme_settings_table_names_every_setting() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert sorted(name for name in setting_names() if f"`{name}`" not in readme) == []


def pyproject_dependencies() -> list[Requirement]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    return [Requirement(line) for line in data["project"]["dependencies"]]


def lock_entries() -> dict[str, tuple[str, list[str]]]:
    """{name: (version, [sha256, …])}: requirement lines joined at their `\\` first."""
    text = (DEPLOY / "requirements.lock").read_text("utf-8").replace("\\\n", " ")
    entries = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            requirement, *options = line.split()
            name, _, version = requirement.partition("==")
            assert version, f"not pinned: {line}"
            hashes = [o.removeprefix("--hash=sha256:") for o in options]
            assert all(o.startswith("--hash=sha256:") for o in options), line
            entries[canonicalize_name(name)] = (version, hashes)
    return entries


def lock() -> dict[str, str]:
    return {name: version for name, (version, _) in lock_entries().items()}


def test_every_dependency_has_a_lower_bound_and_a_pin_that_satisfies_it() -> None:
    pins = lock()
    for requirement in pyproject_dependencies():
        assert any(s.operator in (">=", "==", "~=") for s in requirement.specifier), (
            f"{requirement.name} has no lower bound"
        )
        pinned = pins.get(canonicalize_name(requirement.name))
        assert pinned is not None, f"{requirement.name} is not in deploy/requirements.lock"
        assert requirement.specifier.contains(pinned, prereleases=True), requirement


def test_the_lock_covers_every_runtime_dependency_transitively() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("lock", DEPLOY / "lock_requirements.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    needed = set(module.runtime_closure())
    missing = sorted(needed - set(lock()))
    assert missing == [], f"run: .venv/bin/python deploy/lock_requirements.py > {missing}"


@pytest.mark.parametrize("verb", ["serve --port 0", "worker", "check", "db upgrade"])
def test_the_cli_parser_used_here_refuses_what_does_not_exist(verb: str) -> None:
    assert_cli(verb.split())
    with pytest.raises(Exception, match="No such option"):
        assert_cli([*verb.split(), "--no-such-option"])
    with pytest.raises(AssertionError):
        assert_cli(["serve-all"])


def test_k8s_ingress_exposes_only_the_public_routes_at_the_public_url() -> None:
    """The Ingress sends each path to a route the app has (or the e-mail link pages), never
    /metrics or the probes, and its host is TERUGKOPPEL_PUBLIC_URL's, so mail links work."""
    from bot.app.links import LINK_PATH

    (ingress,) = of_kind("Ingress").values()
    (config,) = of_kind("ConfigMap").values()
    service = of_kind("Service")["terugkoppel-web"]
    public = config["data"]["TERUGKOPPEL_PUBLIC_URL"]
    (rule,) = ingress["spec"]["rules"]
    assert public == f"https://{rule['host']}"
    assert rule["host"] in ingress["spec"]["tls"][0]["hosts"]
    routes = http_paths() | {LINK_PATH + "{token}"}
    exposed = []
    for path in rule["http"]["paths"]:
        backend = path["backend"]["service"]
        assert backend["name"] == "terugkoppel-web"
        assert backend["port"]["name"] in {p["name"] for p in service["spec"]["ports"]}
        if path["pathType"] == "Exact":
            matched = [path["path"]] if path["path"] in routes else []
        else:
            matched = [r for r in routes if r.startswith(path["path"] + "/")]
        assert matched, path["path"]
        exposed += matched
    assert not {"/metrics", "/healthz", "/readyz"} & set(exposed)
