-- The databases of the platform, as embedded-infra creates them for local_run.sh.
CREATE DATABASE auth;
CREATE DATABASE content;
CREATE DATABASE recsys;
