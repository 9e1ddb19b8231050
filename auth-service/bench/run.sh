#!/usr/bin/env bash
# Login throughput and the cost of validating a token, against a running auth-service
# (./local_run.sh start postgres && ./local_run.sh start auth-service).
#   auth-service/bench/run.sh [seconds per run, default 20]
# Prints medians of 3 runs after a warm-up. Needs wrk (Debian's package; installed when missing).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../../scripts/bench.sh"
url=${AUTH_URL:-http://127.0.0.1:8081}
management_url=${AUTH_MANAGEMENT_URL:-http://127.0.0.1:8091}
seconds=${1:-20}
clients=16
export BENCH_USERS=16

command -v wrk >/dev/null || { sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo; $sudo apt-get install -y -qq wrk >/dev/null; }
curl -fsS "$management_url/actuator/health/readiness" >/dev/null || { echo "auth-service is not answering at $url" >&2; exit 1; }

for i in $(seq 0 $((BENCH_USERS - 1))); do
  curl -s -o /dev/null -X POST "$url/api/v1/auth/register" -H 'Content-Type: application/json' \
    -d "{\"login\":\"bench-$i\",\"password\":\"bench-password-$i\"}"
done
token=$(curl -fsS -X POST "$url/api/v1/auth/login" -H 'Content-Type: application/json' -H 'X-Forwarded-For: 10.255.255.1' \
  -d '{"login":"bench-0","password":"bench-password-0"}' | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "could not log in as bench-0" >&2; exit 1; }

# wrk -s SCRIPT with env → "rps p50_ms p99_ms non2xx requests"
run() { # name script path connections [token]
  BENCH_TOKEN=${5:-} wrk -t2 -c"$4" -d"${seconds}s" --latency -s "$here/$2" "$url$3" | sed -n 's/^RESULT //p'
}
measure() { # label script path connections [token]
  local label=$1 rps=() p50=() p99=() errors=0 line
  run "$@" >/dev/null # warm-up
  for _ in 1 2 3; do
    line=$(run "$@")
    read -r r a b e _ <<<"$line"
    rps+=("$r"); p50+=("$a"); p99+=("$b"); errors=$((errors + e))
  done
  printf '%-34s %10s req/s   p50 %7s ms   p99 %7s ms   non-2xx %d\n' "$label" \
    "$(printf '%s\n' "${rps[@]}" | median)" "$(printf '%s\n' "${p50[@]}" | median)" "$(printf '%s\n' "${p99[@]}" | median)" "$errors"
}

echo "auth-service at $url: ${seconds}s per run, medians of 3 after a warm-up, $(nproc) cores"
measure "login (argon2id), 16 clients" login.lua "" $clients "$token"
measure "JWKS, no token, 16 clients" token.lua /.well-known/jwks.json $clients
measure "JWKS + token check, 16 clients" token.lua /.well-known/jwks.json $clients "$token"
