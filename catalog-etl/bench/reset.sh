#!/usr/bin/env bash
# Empties the content schema and the catalog indices of the LOCAL embedded servers (bench only).
set -euo pipefail
PGPASSWORD=postgres psql -h 127.0.0.1 -p 15432 -U postgres -d content -qc 'DROP SCHEMA IF EXISTS content CASCADE' 2>/dev/null
curl -sf -XDELETE 'http://127.0.0.1:19200/movies,genres,persons?ignore_unavailable=true' >/dev/null
