#!/usr/bin/env bash
# The outbox benchmark: what Kafka being down costs a like, and how fast the events held meanwhile
# go once it is back. Per run, on the platform ./local_run.sh runs (started when not running):
#   1. PUT /api/v1/reactions through nginx at RATE per second (default 20) for LATENCY_SECONDS (20),
#      paced, with Kafka up: p50, p99, max;
#   2. Kafka stopped; the same with Kafka down;
#   3. still down, EVENTS (default 20,000) more reactions straight to ugc-service, each another
#      viewer-and-film pair (USERS viewers x the catalog's films), held in the outboxes;
#   4. Kafka started: the events counted on the topic from the first to the last = the drain rate;
#   5. raw single-document upserts of the same Mongo server (MongoUpserts, 64 threads, 10 s): what
#      the store itself can update, since every event sent is also an update of its document.
# MONGO_STORAGE=memory (default) restarts the embedded Mongo and ugc-service on the in-memory
# backend for the runs and back on their file at the end; MONGO_STORAGE=file measures the file store.
#
# RELAY_BATCHES="500 2000" measures each relay round size (UGC_RELAY_BATCH) in every run, side by side,
# restarting ugc-service between them; by default the round size ugc-service is configured with.
#
#   [USERS=100] [EVENTS=20000] [RATE=20] [MONGO_STORAGE=memory|file] [RELAY_BATCHES="500 2000"] ugc-service/bench/outbox.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
RUNS=${1:-3}
USERS=${USERS:-100}
EVENTS=${EVENTS:-20000}
RATE=${RATE:-20}
LATENCY_SECONDS=${LATENCY_SECONDS:-20}
export BENCH_DIR=$ROOT/ugc-service/target/bench-outbox
mkdir -p "$BENCH_DIR"
source scripts/jdk.sh
source scripts/bench.sh
AUTH=http://127.0.0.1:${AUTH_PORT:-8081}
UGC=http://127.0.0.1:${UGC_PORT:-8082}
NGINX=http://127.0.0.1:${NGINX_PORT:-8080}
ES=${ELASTICSEARCH_URL:-http://127.0.0.1:${ELASTICSEARCH_PORT:-19200}}
KAFKA=${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:${KAFKA_PORT:-19092}}
MONGO=${MONGODB_URI:-mongodb://127.0.0.1:${MONGO_PORT:-27018}/ugc}

./local_run.sh start >/dev/null
if [ "${MONGO_STORAGE:-memory}" = memory ]; then
  echo "restarting Mongo and ugc-service on the in-memory backend ..."
  restore() { echo "restarting Kafka, Mongo and ugc-service as the platform runs them ..."; ./local_run.sh start kafka >/dev/null || true
    ./local_run.sh stop mongo ugc-service >/dev/null; MONGO_STORAGE= ./local_run.sh start >/dev/null; }
  ./local_run.sh stop mongo ugc-service >/dev/null
  MONGO_STORAGE=memory ./local_run.sh start >/dev/null
else
  restore() { ./local_run.sh start kafka >/dev/null || true; }
fi
trap restore EXIT

curl -fsS "$ES/movies/_search?size=1000&_source=false" | grep -o '"_id":"[^"]*"' | cut -d'"' -f4 >"$BENCH_DIR/films.txt"
[ "$(wc -l <"$BENCH_DIR/films.txt")" -ge $((EVENTS / USERS)) ] || { echo "need $((EVENTS / USERS)) films in $ES/movies (USERS x films >= EVENTS)" >&2; exit 1; }
echo "registering and logging in $USERS users ..."
bench_viewers outbox-bench "$USERS" "$BENCH_DIR/tokens.txt"

source ugc-service/bench/classpath.sh
bench() { "$JAVA_HOME/bin/java" -cp "$BENCH_CLASSPATH" ugc-service/bench/OutboxBench.java "$@" 2>/dev/null; }
latency() { bench latency "$NGINX" "$BENCH_DIR/tokens.txt" "$BENCH_DIR/films.txt" "$RATE" "$LATENCY_SECONDS" | sed -n 's/^latency [0-9]* p50 \([0-9.]*\) p99 \([0-9.]*\) max \([0-9.]*\) failed \([0-9]*\)/\1 \2 \3 \4/p'; }
raw() { "$JAVA_HOME/bin/java" -cp "$BENCH_CLASSPATH" ugc-service/bench/MongoUpserts.java "$MONGO" 10 64 2>/dev/null | sed -n 's/^raw upserts: \([0-9]*\)\/s.*/\1/p'; }

echo "warming up (30 s of reactions) ..."
LATENCY_SECONDS=30 RATE=100 latency >/dev/null

BATCHES=${RELAY_BATCHES:-configured}
# ugc-service restarted with a relay round of $1 events (or as configured)
relay_round() {
  [ "$1" = configured ] && [ "$BATCHES" = configured ] && return
  ./local_run.sh stop ugc-service >/dev/null
  if [ "$1" = configured ]; then ./local_run.sh start ugc-service >/dev/null; else UGC_RELAY_BATCH=$1 ./local_run.sh start ugc-service >/dev/null; fi
}
row='%-4s | %10s | %8s %8s %8s | %8s %8s %8s %6s | %8s %9s | %9s\n'
echo "Mongo: ${MONGO_STORAGE:-memory} backend; $RATE reactions/s for $LATENCY_SECONDS s through nginx; $EVENTS held events; $RUNS runs; relay rounds: $BATCHES"
printf "$row" run "relay round" "up p50" "up p99" "up max" "down p50" "down p99" "down max" failed drained "events/s" "upserts/s"
: >"$BENCH_DIR/results.txt"
value=LIKE
for run in $(seq 1 "$RUNS"); do
  for batch in $BATCHES; do
    relay_round "$batch"
    # access tokens live 10 minutes: each run logs its viewers in again
    bench_viewers outbox-bench "$USERS" "$BENCH_DIR/tokens.txt"
    read -r up50 up99 upmax _ <<<"$(latency)"
    sleep 3 # the relay publishes the last of them
    bench drain "$KAFKA" ugc.reactions.v1 600 >"$BENCH_DIR/drain.txt" &
    drainer=$!
    until grep -q "drain ready" "$BENCH_DIR/drain.txt" 2>/dev/null; do sleep 0.2; done
    ./local_run.sh stop kafka >/dev/null
    read -r down50 down99 downmax downfailed <<<"$(latency)"
    bench write "$UGC" "$BENCH_DIR/tokens.txt" "$BENCH_DIR/films.txt" "$EVENTS" "$value" >/dev/null
    ./local_run.sh start kafka >/dev/null
    wait "$drainer"
    read -r drained millis <<<"$(sed -n 's/^drain \([0-9]*\) events in \([0-9]*\) ms/\1 \2/p' "$BENCH_DIR/drain.txt")"
    rate=$(calc "int($drained * 1000 / ($millis > 0 ? $millis : 1))")
    upserts=$(raw)
    echo "$batch $up50 $up99 $upmax $down50 $down99 $downmax $rate $upserts" >>"$BENCH_DIR/results.txt"
    printf "$row" "$run" "$batch" "$up50" "$up99" "$upmax" "$down50" "$down99" "$downmax" "$downfailed" "$drained" "$rate" "$upserts"
    [ "$value" = LIKE ] && value=DISLIKE || value=LIKE # each run changes every pair again
  done
done
relay_round configured
for batch in $BATCHES; do
  m() { awk -v b="$batch" '$1 == b' "$BENCH_DIR/results.txt" | cut -d' ' -f"$1" | median; }
  printf "$row" median "$batch" "$(m 2)" "$(m 3)" "$(m 4)" "$(m 5)" "$(m 6)" "$(m 7)" "" "" "$(m 8)" "$(m 9)"
done
echo "latencies in ms (goal: p99 with Kafka down <= 100 ms, and <= 2x the p99 with it up); drain goal >= 5,000 events/s on the memory store"
