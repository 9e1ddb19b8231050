#!/usr/bin/env bash
# The async-api benchmark, at 64 connections (wrk -t2 -c64), RUNS times (default 3) of SECONDS
# seconds (default 10), on the demo catalog of the platform ./local_run.sh runs (started when it
# is not running):
#   cached:   GET /api/v1/films/{id}, /films/search, /feed (anonymous) through nginx, once warm;
#   personal: GET /api/v1/feed with the tokens of 20 users through nginx (not cached by design);
#   uncached: the same three straight to a second async-api started with ASYNC_API_CACHE=false;
#   baseline: the search async-api sends, straight to Elasticsearch.
# Prints every run, the medians, and uncached search / Elasticsearch.
#
#   async-api/bench/run.sh [SECONDS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SECONDS_PER_RUN=${1:-10}
RUNS=${2:-3}
export BENCH_DIR=$ROOT/async-api/target/bench
mkdir -p "$BENCH_DIR"
source scripts/jdk.sh
source scripts/bench.sh
AUTH=http://127.0.0.1:${AUTH_PORT:-8081}
NGINX=http://127.0.0.1:${NGINX_PORT:-8080}
ES=${ELASTICSEARCH_URL:-http://127.0.0.1:19200}
UNCACHED_PORT=${UNCACHED_PORT:-18083}
UNCACHED=http://127.0.0.1:$UNCACHED_PORT
# its actuator beside it, not on the running async-api's management port
UNCACHED_MANAGEMENT_PORT=$((UNCACHED_PORT + 10))

if ! command -v wrk >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get install -y -qq wrk >/dev/null
fi
./local_run.sh start >/dev/null

curl -fsS "$ES/movies/_search?size=1000&_source=title" | grep -o '"_id":"[^"]*"' | cut -d'"' -f4 >"$BENCH_DIR/ids.txt"
[ -s "$BENCH_DIR/ids.txt" ] || { echo "no films in $ES/movies: has the demo catalog been loaded?" >&2; exit 1; }
sed 's#^#/api/v1/films/#' "$BENCH_DIR/ids.txt" >"$BENCH_DIR/film-paths.txt"
# Queries: each title's first word of four letters or more, lower case.
curl -fsS "$ES/movies/_search?size=1000&_source=title" | grep -o '"title":"[^"]*"' | cut -d'"' -f4 \
  | tr 'A-Z' 'a-z' | tr -cs 'a-z\n' ' ' | awk '{ for (i = 1; i <= NF; i++) if (length($i) >= 4) { print $i; break } }' \
  | sort -u >"$BENCH_DIR/queries.txt"
sed 's#^#/api/v1/films/search?query=#' "$BENCH_DIR/queries.txt" >"$BENCH_DIR/search-paths.txt"
for page in 0 1 2 3 4; do echo "/api/v1/feed?page=$page&size=20"; done >"$BENCH_DIR/feed-paths.txt"

echo "registering and logging in 20 users ..."
bench_viewers feed-bench 20 "$BENCH_DIR/tokens.txt"

echo "starting an async-api without the cache on :$UNCACHED_PORT ..."
# shellcheck disable=SC2086
ASYNC_API_PORT=$UNCACHED_PORT ASYNC_API_MANAGEMENT_PORT=$UNCACHED_MANAGEMENT_PORT ASYNC_API_CACHE=false "$JAVA_HOME/bin/java" ${SERVICE_JAVA_OPTS:--Xms64m -Xmx256m -XX:+UseSerialGC} \
  -jar async-api/target/async-api.jar >"$BENCH_DIR/uncached.log" 2>&1 &
UNCACHED_PID=$!
trap 'kill $UNCACHED_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$UNCACHED_MANAGEMENT_PORT/actuator/health/readiness" >/dev/null 2>&1 && break; sleep 1; done

load() { # URL PATHS_FILE [token] [script]
  PATHS_FILE=$2 WITH_TOKEN=${3:-} wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" -s "async-api/bench/${4:-get.lua}" "$1" \
    | sed -n 's/^RESULT \([0-9]*\) req\/s p50 [0-9.]* ms p99 \([0-9.]*\) ms non2xx \([0-9]*\) errors \([0-9]*\)/\1 \2 \3/p'
}
CASES=("film cached nginx|$NGINX|film-paths.txt" "search cached nginx|$NGINX|search-paths.txt" "feed cached nginx|$NGINX|feed-paths.txt"
  "feed personal nginx|$NGINX|feed-paths.txt|token" "film uncached|$UNCACHED|film-paths.txt" "search uncached|$UNCACHED|search-paths.txt"
  "feed uncached|$UNCACHED|feed-paths.txt" "elasticsearch search|$ES|queries.txt||es-search.lua")

echo "warming up (every case 10 s) ..."
for case in "${CASES[@]}"; do
  IFS='|' read -r _ url paths token script <<<"$case"
  SECONDS_PER_RUN=10 load "$url" "$paths" "$token" "$script" >/dev/null
done

: >"$BENCH_DIR/results.txt"
printf '%-22s %4s %10s %9s %7s\n' case run "req/s" "p99 ms" non2xx
for run in $(seq 1 "$RUNS"); do
  for case in "${CASES[@]}"; do
    IFS='|' read -r name url paths token script <<<"$case"
    read -r rate p99 bad <<<"$(load "$url" "$paths" "$token" "$script")"
    echo "$name|$rate|$p99" >>"$BENCH_DIR/results.txt"
    printf '%-22s %4s %10s %9s %7s\n' "$name" "$run" "$rate" "$p99" "$bad"
  done
done
echo
printf '%-22s %10s %9s\n' "median of $RUNS" "req/s" "p99 ms"
for case in "${CASES[@]}"; do
  name=${case%%|*}
  rate=$(grep "^$name|" "$BENCH_DIR/results.txt" | cut -d'|' -f2 | median)
  p99=$(grep "^$name|" "$BENCH_DIR/results.txt" | cut -d'|' -f3 | median)
  printf '%-22s %10s %9s\n' "$name" "$rate" "$p99"
  echo "$name|$rate|$p99" >>"$BENCH_DIR/medians.txt.new"
done
mv "$BENCH_DIR/medians.txt.new" "$BENCH_DIR/medians.txt"
uncached=$(grep '^search uncached|' "$BENCH_DIR/medians.txt" | cut -d'|' -f2)
baseline=$(grep '^elasticsearch search|' "$BENCH_DIR/medians.txt" | cut -d'|' -f2)
echo "uncached search / Elasticsearch's own: $(calc "100 * $uncached / $baseline" | cut -d. -f1)% (goal >= 50%);" \
  "cached reads goal: >= 10,000 req/s through nginx with p99 <= 20 ms"
