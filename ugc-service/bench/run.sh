#!/usr/bin/env bash
# The ugc-service benchmark: PUT /api/v1/reactions/{filmId} by USERS users (default 200) with
# real tokens from auth-service, on the demo catalog's films, LIKE or DISLIKE at random, at 64
# connections (wrk -t2 -c64): direct to ugc-service and through nginx, RUNS times (default 3) of
# SECONDS seconds (default 20); in the same runs, the raw single-document upsert rate of the same
# Mongo server from a plain client (64 threads), and the ratio. Medians at the end.
# It starts the platform with ./local_run.sh when it is not running.
# MONGO_STORAGE=memory (the default) restarts the embedded Mongo and ugc-service on the in-memory
# backend for the runs and back on their file afterwards (the bench's reactions are not kept);
# MONGO_STORAGE=file measures the platform as it runs. With MONGODB_URI set, that server is used.
# FILMS=N reacts to the catalog's first N films only (USERS=1 FILMS=100: one viewer toggling 100
# films, every request on one of a hundred documents).
#
#   [USERS=200] [FILMS=N, all by default] [MONGO_STORAGE=memory|file] ugc-service/bench/run.sh [SECONDS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SECONDS_PER_RUN=${1:-20}
RUNS=${2:-3}
USERS=${USERS:-200}
[[ ${FILMS:-1} =~ ^[1-9][0-9]*$ ]] || { echo "FILMS must be a number of films, not '$FILMS'" >&2; exit 2; }
export BENCH_DIR=$ROOT/ugc-service/target/bench
mkdir -p "$BENCH_DIR"
source scripts/jdk.sh
source scripts/bench.sh
AUTH=http://127.0.0.1:${AUTH_PORT:-8081}
UGC=http://127.0.0.1:${UGC_PORT:-8082}
NGINX=http://127.0.0.1:${NGINX_PORT:-8080}
ES=${ELASTICSEARCH_URL:-http://127.0.0.1:19200}
MONGO=${MONGODB_URI:-mongodb://127.0.0.1:27018/ugc}

if ! command -v wrk >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get install -y -qq wrk >/dev/null
fi
./local_run.sh start >/dev/null
if [ -z "${MONGODB_URI:-}" ] && [ "${MONGO_STORAGE:-memory}" = memory ]; then
  echo "restarting Mongo and ugc-service on the in-memory backend ..."
  restore() { echo "restarting Mongo and ugc-service on their file ..."; ./local_run.sh stop mongo ugc-service >/dev/null; MONGO_STORAGE= ./local_run.sh start >/dev/null; }
  trap restore EXIT
  ./local_run.sh stop mongo ugc-service >/dev/null
  MONGO_STORAGE=memory ./local_run.sh start >/dev/null
fi
# The runs measure what ugc-service takes through nginx, not nginx's per-viewer write limit (USERS=1
# sends every write as one viewer, hundreds a second): nginx is reloaded without it until the end
# (restore, when set, starts the platform again, and so reloads nginx with its limit).
echo "reloading nginx without its per-viewer write limit ..."
NGINX_WRITE_RATE=1000000r/s NGINX_WRITE_BURST=1000000 NGINX_WRITE_DELAY=1000000 ./local_run.sh start nginx >/dev/null
declare -F restore >/dev/null || trap './local_run.sh start nginx >/dev/null' EXIT

curl -fsS "$ES/movies/_search?size=1000&_source=false" | grep -o '"_id":"[^"]*"' | cut -d'"' -f4 \
  | awk -v n="${FILMS:-1000000}" 'NR <= n' >"$BENCH_DIR/films.txt"
[ -s "$BENCH_DIR/films.txt" ] || { echo "no films in $ES/movies: has the demo catalog been loaded?" >&2; exit 1; }

echo "registering and logging in $USERS users ..."
bench_viewers ugc-bench "$USERS" "$BENCH_DIR/tokens.txt"

source ugc-service/bench/classpath.sh
raw() { "$JAVA_HOME/bin/java" -cp "$BENCH_CLASSPATH" ugc-service/bench/MongoUpserts.java "$MONGO" "$SECONDS_PER_RUN" 64 2>/dev/null | sed -n 's/^raw upserts: \([0-9]*\)\/s, p99 \([0-9.]*\) ms.*/\1 \2/p'; }
load() { wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" -s ugc-service/bench/react.lua "$1" | sed -n 's/^RESULT \([0-9]*\) req\/s p50 [0-9.]* ms p99 \([0-9.]*\) ms non2xx \([0-9]*\) errors \([0-9]*\)/\1 \2 \3 \4/p'; }

# A fresh service compiles its hot code while saturated on 2 cores: it takes about a minute to
# reach its steady rate (the first 10 s run measured a fifth of it).
WARMUP=${WARMUP:-60}
echo "warming up ($WARMUP s) ..."
wrk -t2 -c64 -d"${WARMUP}s" -s ugc-service/bench/react.lua "$UGC" >/dev/null

echo "Mongo: ${MONGODB_URI:-embedded, ${MONGO_STORAGE:-memory} backend}; $USERS users, 64 connections, $RUNS runs of $SECONDS_PER_RUN s"
printf '%-4s %14s %9s | %14s %9s %7s | %14s %9s %7s\n' run "raw upserts/s" "p99 ms" "direct req/s" "p99 ms" "non2xx" "nginx req/s" "p99 ms" "non2xx"
: >"$BENCH_DIR/results.txt"
for run in $(seq 1 "$RUNS"); do
  read -r raw_rate raw_p99 <<<"$(raw)"
  read -r direct direct_p99 direct_bad _ <<<"$(load "$UGC")"
  read -r proxied proxied_p99 proxied_bad _ <<<"$(load "$NGINX")"
  echo "$raw_rate $raw_p99 $direct $direct_p99 $proxied $proxied_p99" >>"$BENCH_DIR/results.txt"
  printf '%-4s %14s %9s | %14s %9s %7s | %14s %9s %7s\n' "$run" "$raw_rate" "$raw_p99" "$direct" "$direct_p99" "$direct_bad" "$proxied" "$proxied_p99" "$proxied_bad"
done
m() { cut -d' ' -f"$1" "$BENCH_DIR/results.txt" | median; }
raw_m=$(m 1); direct_m=$(m 3); proxied_m=$(m 5)
printf '%-4s %14s %9s | %14s %9s %7s | %14s %9s\n' median "$raw_m" "$(m 2)" "$direct_m" "$(m 4)" "" "$proxied_m" "$(m 6)"
awk -v d="$direct_m" -v p="$proxied_m" -v r="$raw_m" 'BEGIN { printf "service / raw upserts: direct %.0f%%, through nginx %.0f%% (goal >= 25%% with p99 <= 50 ms)\n", 100 * d / r, 100 * p / r }'
