-- terugkoppel's database and roles (docs/operator-guide.md, "Database roles").
-- Run once, as a PostgreSQL superuser, with psql:
--
--   psql -v ON_ERROR_STOP=1 \
--        -v owner=terugkoppel_owner -v owner_password='…' \
--        -v app=terugkoppel_app     -v app_password='…' \
--        -v database=terugkoppel -f deploy/postgres/roles.sql
--
-- owner:  owns the schema and runs the migrations (`terugkoppel db upgrade`), nothing else.
-- app:    what web and worker connect as: reads and writes rows, never changes the schema.
--         On the audit trail it may only add and read rows; the migrations take UPDATE,
--         DELETE and TRUNCATE on audit away from every role but the owner, and give the
--         app the owner's terugkoppel_purge_audit() for the five-year retention instead.
-- Neither is a superuser: neither can switch triggers off, so the audit chain, its server
-- time and its append-only rule hold for both (the owner could drop a trigger, which the
-- schema shows; `terugkoppel audit verify` notices any row changed meanwhile).
-- tests/deploy/test_pg_roles.py runs this file.

\set ON_ERROR_STOP 1

CREATE ROLE :"owner" LOGIN PASSWORD :'owner_password'
    NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
CREATE ROLE :"app" LOGIN PASSWORD :'app_password'
    NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT;
CREATE DATABASE :"database" OWNER :"owner";

\connect :"database"

REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"database" TO :"app";
ALTER SCHEMA public OWNER TO :"owner";
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app";

-- What the owner creates from now on (the migrations) is usable by the application.
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
    GRANT EXECUTE ON FUNCTIONS TO :"app";
