-- One PostgreSQL role per service, each reaching only its own database: auth-service's users and
-- signing keys are out of reach of recsys-service and catalog-etl, and recsys-training reads the
-- likes and writes the model, nothing else.
--
-- Run by a superuser with psql, once per server and again at will (it creates what is missing and
-- sets the passwords it is given):
--   psql -v ON_ERROR_STOP=1 -d postgres \
--     -v auth_user=auth -v auth_password="$AUTH_POSTGRES_PASSWORD" \
--     -v catalog_user=catalog -v catalog_password="$CATALOG_POSTGRES_PASSWORD" \
--     -v recsys_user=recsys -v recsys_password="$RECSYS_POSTGRES_PASSWORD" \
--     -v training_user=recsys_training -v training_password="$TRAINING_POSTGRES_PASSWORD" \
--     -f deploy/postgres-roles.sql
-- local_run.sh runs this same file through embedded-infra's PostgresRoles (which reads the psql
-- subset used here: :'variable', :"variable", \connect, \gexec), and the compose deployment through
-- deploy/postgres-init.sh.
--
-- The training job's privileges on recsys' tables are not given here: recsys-service's migrations
-- create those tables, and its Flyway callback afterMigrate__training_privileges.sql grants them.

-- Roles that log in and nothing more: no superuser, no new databases or roles, no inherited rights.
SELECT format('CREATE ROLE %I', :'auth_user') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'auth_user') \gexec
ALTER ROLE :"auth_user" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION PASSWORD :'auth_password';
SELECT format('CREATE ROLE %I', :'catalog_user') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'catalog_user') \gexec
ALTER ROLE :"catalog_user" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION PASSWORD :'catalog_password';
SELECT format('CREATE ROLE %I', :'recsys_user') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'recsys_user') \gexec
ALTER ROLE :"recsys_user" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION PASSWORD :'recsys_password';
SELECT format('CREATE ROLE %I', :'training_user') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'training_user') \gexec
ALTER ROLE :"training_user" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION PASSWORD :'training_password';

-- Each database is its service's: it owns it (so its Flyway migrations create schemas and tables),
-- and nobody else may connect (PUBLIC may by default). The training job connects to recsys only.
SELECT 'CREATE DATABASE auth' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'auth') \gexec
SELECT 'CREATE DATABASE content' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'content') \gexec
SELECT 'CREATE DATABASE recsys' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'recsys') \gexec
ALTER DATABASE auth OWNER TO :"auth_user";
ALTER DATABASE content OWNER TO :"catalog_user";
ALTER DATABASE recsys OWNER TO :"recsys_user";
REVOKE ALL ON DATABASE auth, content, recsys FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE auth TO :"auth_user";
GRANT CONNECT, TEMPORARY ON DATABASE content TO :"catalog_user";
GRANT CONNECT, TEMPORARY ON DATABASE recsys TO :"recsys_user";
GRANT CONNECT ON DATABASE recsys TO :"training_user";

-- Inside each database: only its service creates objects in the public schema (PostgreSQL before 15
-- lets everyone), and what a superuser created there before the roles existed (every service logged
-- in as postgres then) becomes the service's, so that an existing platform keeps its data and its
-- migrations go on. Sequences of identity and serial columns follow their tables.
\connect auth
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT ALL ON SCHEMA public TO :"auth_user";
SELECT format('ALTER SCHEMA %I OWNER TO %I', nspname, :'auth_user') FROM pg_namespace
 WHERE nspowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
   AND nspname <> 'public' AND nspname <> 'information_schema' AND nspname NOT LIKE 'pg\_%' \gexec
SELECT format('ALTER %s %s OWNER TO %I', CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
              c.oid::regclass, :'auth_user')
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user) AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
   AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\_%'
   AND NOT (c.relkind = 'S' AND EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))) \gexec

\connect content
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT ALL ON SCHEMA public TO :"catalog_user";
SELECT format('ALTER SCHEMA %I OWNER TO %I', nspname, :'catalog_user') FROM pg_namespace
 WHERE nspowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
   AND nspname <> 'public' AND nspname <> 'information_schema' AND nspname NOT LIKE 'pg\_%' \gexec
SELECT format('ALTER %s %s OWNER TO %I', CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
              c.oid::regclass, :'catalog_user')
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user) AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
   AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\_%'
   AND NOT (c.relkind = 'S' AND EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))) \gexec

\connect recsys
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT ALL ON SCHEMA public TO :"recsys_user";
SELECT format('ALTER SCHEMA %I OWNER TO %I', nspname, :'recsys_user') FROM pg_namespace
 WHERE nspowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
   AND nspname <> 'public' AND nspname <> 'information_schema' AND nspname NOT LIKE 'pg\_%' \gexec
SELECT format('ALTER %s %s OWNER TO %I', CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
              c.oid::regclass, :'recsys_user')
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user) AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
   AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\_%'
   AND NOT (c.relkind = 'S' AND EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))) \gexec
