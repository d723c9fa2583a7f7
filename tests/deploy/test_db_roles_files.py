"""The deployment files connect web and worker as the application role and run only the
migrations as the schema owner, with the roles deploy/postgres/roles.sql creates (parsed
here; tests/deploy/test_pg_roles.py runs the SQL on PostgreSQL)."""

from __future__ import annotations

import re

from sqlalchemy.engine import make_url

from tests.deploy.test_files import DEPLOY, compose, of_kind

INIT = DEPLOY / "postgres" / "init-roles.sh"
ROLES_SQL = DEPLOY / "postgres" / "roles.sql"


def init_variables() -> dict[str, str]:
    return dict(re.findall(r"-v (\w+)=(\S+)", INIT.read_text("utf-8")))


def test_compose_creates_the_roles_and_runs_the_app_as_the_app_role() -> None:
    services = compose()["services"]
    postgres = services["postgres"]
    mounts = dict(volume.split(":", 2)[:2] for volume in postgres["volumes"][1:])
    for source in mounts:
        assert (DEPLOY / source).exists(), source
    assert mounts["./postgres/init-roles.sh"].startswith("/docker-entrypoint-initdb.d/")
    assert "-f /terugkoppel/roles.sql" in INIT.read_text("utf-8")
    assert mounts["./postgres/roles.sql"] == "/terugkoppel/roles.sql"
    variables = init_variables()
    environment = postgres["environment"]

    def password(name: str) -> str:
        return environment[variables[name].strip('"$')]

    for name, role in (("web", "app"), ("worker", "app"), ("import", "app"), ("migrate", "owner")):
        url = make_url(services[name]["environment"]["TERUGKOPPEL_DATABASE_URL"])
        assert url.username == variables[role], name
        assert url.password == password(f"{role}_password"), name
        assert url.database == variables["database"], name
        assert url.username != environment["POSTGRES_USER"], f"{name} runs as the superuser"


def test_k8s_runs_the_app_as_the_app_role_and_the_migration_as_the_owner() -> None:
    secrets = of_kind("Secret")
    app = make_url(secrets["terugkoppel-secrets"]["stringData"]["TERUGKOPPEL_DATABASE_URL"])
    owner = make_url(secrets["terugkoppel-migrate"]["stringData"]["TERUGKOPPEL_DATABASE_URL"])
    variables = init_variables()  # the guide's names, as compose uses them
    assert (app.username, owner.username) == (variables["app"], variables["owner"])
    job = of_kind("Job")["terugkoppel-migrate"]["spec"]["template"]["spec"]["containers"][0]
    assert job["envFrom"][-1] == {"secretRef": {"name": "terugkoppel-migrate"}}
    for name, deployment in of_kind("Deployment").items():
        for container in deployment["spec"]["template"]["spec"]["containers"]:
            refs = [s.get("secretRef", {}).get("name") for s in container.get("envFrom", [])]
            assert "terugkoppel-migrate" not in refs, name


def test_the_roles_sql_keeps_both_roles_below_superuser() -> None:
    sql = ROLES_SQL.read_text("utf-8")
    for role in ("owner", "app"):
        statement = re.search(rf'CREATE ROLE :"{role}"[^;]*;', sql)
        assert statement is not None, role
        assert "NOSUPERUSER" in statement.group() and "NOBYPASSRLS" in statement.group()
