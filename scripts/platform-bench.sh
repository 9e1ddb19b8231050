#!/usr/bin/env bash
# ./local_run.sh bench: the platform's figures in one table, against the platform ./local_run.sh
# runs (started when it is not). Every HTTP row is wrk -t2 -c64 (logins: 16 connections, argon2id
# is the work) after a warm-up, medians of RUNS runs of SECONDS s; the first row, nginx answering
# a static 204 with the same tool, is this machine's ceiling, and every row says its share of it.
# Then the ETL (catalog-etl/bench/run.sh: FILMS synthetic films, embeddings off, servers of its own)
# and the refresh (recsys-service/bench/run.sh: VIEWERS new viewers, LLM emulated and built-in).
#
#   ./local_run.sh bench [SECONDS] [RUNS]      (FILMS=20000 VIEWERS=200 by default;
#                                               BENCH_PARTS="http" leaves the ETL and the refresh out)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench.sh
SECONDS_PER_RUN=${1:-10}
RUNS=${2:-3}
FILMS=${FILMS:-20000}
VIEWERS=${VIEWERS:-200}
PARTS=" ${BENCH_PARTS:-http etl refresh} "
NGINX=http://127.0.0.1:${NGINX_PORT:-8080}
AUTH=http://127.0.0.1:${AUTH_PORT:-8081}
ES=${ELASTICSEARCH_URL:-http://127.0.0.1:19200}
export BENCH_DIR=$PWD/target/platform-bench
mkdir -p "$BENCH_DIR"
TABLE=$BENCH_DIR/table.txt

if ! command -v wrk >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get install -y -qq wrk >/dev/null
fi
./local_run.sh start >/dev/null

echo "preparing: films, and $VIEWERS viewers with tokens ..."
curl -fsS "$ES/movies/_search?size=1000&_source=false" | grep -o '"_id":"[^"]*"' | cut -d'"' -f4 >"$BENCH_DIR/films.txt"
[ -s "$BENCH_DIR/films.txt" ] || { echo "no films in $ES/movies: has the demo catalog been loaded?" >&2; exit 1; }
sed 's#^#/api/v1/films/#' "$BENCH_DIR/films.txt" >"$BENCH_DIR/film-paths.txt"
echo "/api/v1/feed" >"$BENCH_DIR/feed-paths.txt"
bench_viewers platform-bench "$VIEWERS" "$BENCH_DIR/tokens.txt"
for i in $(seq 0 15); do # the login rows' users (auth-service/bench/login.lua)
  curl -s -o /dev/null -X POST "$AUTH/api/v1/auth/register" -H 'Content-Type: application/json' \
    -d "{\"login\":\"bench-$i\",\"password\":\"bench-password-$i\"}"
done
# every viewer likes a few films, so that their feeds are personal
head -n 3 "$BENCH_DIR/films.txt" | while read -r film; do
  while read -r token; do
    curl -s -o /dev/null -X PUT "$NGINX/api/v1/reactions/$film" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"value":"LIKE"}'
  done <"$BENCH_DIR/tokens.txt"
done

wrk_once() { # url script connections [ENV=VALUE ...]: "req/s p50 p99 non2xx errors"
  local url=$1 script=$2 connections=$3
  shift 3
  env "$@" wrk -t2 -c"$connections" -d"${SECONDS_PER_RUN}s" --latency -s "$script" "$url" | sed -n 's/^RESULT //p' \
    | awk '{ if ($2 == "req/s") print $1, $4, $7, $10, $12; else print $1, $2, $3, $4, $6 }'
}
CEILING=""
: >"$TABLE"
row() { # label url script connections [ENV=VALUE ...]
  local label=$1
  shift
  wrk_once "$@" >/dev/null # warm-up
  : >"$BENCH_DIR/runs.txt"
  for _ in $(seq 1 "$RUNS"); do wrk_once "$@" >>"$BENCH_DIR/runs.txt"; done
  local rps p50 p99 non2xx errors
  rps=$(cut -d' ' -f1 "$BENCH_DIR/runs.txt" | median)
  p50=$(cut -d' ' -f2 "$BENCH_DIR/runs.txt" | median)
  p99=$(cut -d' ' -f3 "$BENCH_DIR/runs.txt" | median)
  non2xx=$(awk '{ s += $4 } END { print s }' "$BENCH_DIR/runs.txt")
  # wrk leaves a request it gave up on (no answer within 2 s, a broken connection) out of its latencies
  errors=$(awk '{ s += $5 } END { print s }' "$BENCH_DIR/runs.txt")
  [ -n "$CEILING" ] || CEILING=$rps
  printf '| %-44s | %9.0f | %7.1f | %7.1f | %5.1f%% | %6s | %7s |\n' "$label" "$rps" "$p50" "$p99" "$(calc "100 * $rps / $CEILING")" "$non2xx" "$errors" \
    | tee -a "$TABLE"
}

echo
echo "HTTP, through nginx unless said: wrk -t2, ${SECONDS_PER_RUN} s per run, medians of $RUNS after a warm-up, $(nproc) cores"
printf '| %-44s | %9s | %7s | %7s | %6s | %6s | %7s |\n' "" "req/s" "p50 ms" "p99 ms" "of ceiling" "non-2xx" "gave up" | tee "$TABLE.head"
row "ceiling: nginx answering a static 204" "$NGINX/healthz" scripts/wrk-result.lua 64
row "reaction writes (PUT /reactions/{id})" "$NGINX" ugc-service/bench/react.lua 64
row "film reads (GET /films/{id})" "$NGINX" async-api/bench/get.lua 64 PATHS_FILE=film-paths.txt
row "feed reads, anonymous (GET /feed)" "$NGINX" async-api/bench/get.lua 64 PATHS_FILE=feed-paths.txt
row "feed reads, signed in (GET /feed + token)" "$NGINX" async-api/bench/get.lua 64 PATHS_FILE=feed-paths.txt WITH_TOKEN=1
row "logins (argon2id), 16 conns, auth-service direct" "$AUTH" auth-service/bench/login.lua 16 BENCH_USERS=16

if [[ $PARTS == *" etl "* ]]; then
  echo
  echo "catalog-etl: $FILMS synthetic films, embeddings off (catalog-etl/bench/run.sh $FILMS $RUNS) ..."
  EMBEDDING_FILMS=0 catalog-etl/bench/run.sh "$FILMS" "$RUNS" >"$BENCH_DIR/etl.log" 2>&1 || { tail -n 20 "$BENCH_DIR/etl.log"; exit 1; }
  etl_rate=$(cut -d' ' -f4 catalog-etl/target/bench/off.txt | median)
fi
if [[ $PARTS == *" refresh "* ]]; then
  echo "refresh: $VIEWERS new viewers x 3 likes each (recsys-service/bench/run.sh $VIEWERS $RUNS) ..."
  recsys-service/bench/run.sh "$VIEWERS" "$RUNS" >"$BENCH_DIR/refresh.log" 2>&1 || { tail -n 20 "$BENCH_DIR/refresh.log"; exit 1; }
  llm_rate=$(grep '^llm ' recsys-service/target/bench/results.txt | cut -d' ' -f2 | median)
  builtin_rate=$(grep '^builtin ' recsys-service/target/bench/results.txt | cut -d' ' -f2 | median)
fi

echo
echo "== the platform, $(date -u +%Y-%m-%d), $(nproc) cores; medians of $RUNS"
cat "$TABLE.head" "$TABLE"
if [[ $PARTS == *" etl "* || $PARTS == *" refresh "* ]]; then
  printf '| %-44s | %9s |\n' "" "per s"
fi
if [[ $PARTS == *" etl "* ]]; then
  printf '| %-44s | %9.0f | films/s (%s films, embeddings off)\n' "ETL, SQLite → PostgreSQL → Elasticsearch" "$etl_rate" "$FILMS"
  echo "log: $BENCH_DIR/etl.log"
fi
if [[ $PARTS == *" refresh "* ]]; then
  printf '| %-44s | %9.1f | viewers/s (GigaChat emulated: 500 ms per answer, 8 at once)\n' "refresh with the LLM" "$llm_rate"
  printf '| %-44s | %9.1f | viewers/s\n' "refresh, built-in recommender" "$builtin_rate"
  echo "log: $BENCH_DIR/refresh.log"
fi
