#!/usr/bin/env bash
# The catalog-etl benchmark: a synthetic Practicum-schema catalog of FILMS films (default 100,000)
# through both stages, RUNS times (default 3) on fresh PostgreSQL and Elasticsearch servers of its
# own (ports 25432 and 29200, data under catalog-etl/target/bench), with -Xmx512m and embeddings
# off; then EMBEDDING_FILMS films (default 2,000) with embeddings on, against the model's own rate.
# Prints every run and the medians. The platform started by local_run.sh is not touched.
#
#   catalog-etl/bench/run.sh [FILMS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
FILMS=${1:-100000}
RUNS=${2:-3}
EMBEDDING_FILMS=${EMBEDDING_FILMS:-2000}
BENCH=$ROOT/catalog-etl/target/bench
PG_PORT=25432
ES_PORT=29200
source scripts/jdk.sh
source scripts/bench.sh
JAVA=$JAVA_HOME/bin/java
JAR=catalog-etl/target/catalog-etl.jar

if [ ! -f "$JAR" ] || [ ! -f embedded-infra/target/embedded-infra.jar ] \
    || [ -n "$(find catalog-etl/src -newer "$JAR" -print -quit)" ]; then
  echo "building (./mvnw package -DskipTests) ..."
  ./mvnw -q -B -DskipTests package -pl embedded-infra,catalog-etl -am
fi
mkdir -p "$BENCH"

SERVER_PIDS=()
stop_servers() {
  for pid in "${SERVER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${SERVER_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  SERVER_PIDS=()
}
trap stop_servers EXIT

# Fresh servers for every run, so each run loads into empty storage.
start_servers() {
  rm -rf "$BENCH/servers"
  mkdir -p "$BENCH/servers"
  local name port
  for name in postgres elasticsearch; do
    port=$PG_PORT; [ $name = elasticsearch ] && port=$ES_PORT
    "$JAVA" -Xmx256m -XX:+UseSerialGC -cp "embedded-infra/target/embedded-infra.jar:embedded-infra/target/dist/lib/*" \
      -Dembedded.dist="$ROOT/embedded-infra/target/dist" dev.cinema.infra.Launcher $name --port $port \
      --dir "$BENCH/servers/$name" --ready-file "$BENCH/servers/$name.ready" >"$BENCH/servers/$name.log" 2>&1 &
    SERVER_PIDS+=($!)
  done
  for name in postgres elasticsearch; do
    for _ in $(seq 1 240); do [ -f "$BENCH/servers/$name.ready" ] && break; sleep 0.5; done
    [ -f "$BENCH/servers/$name.ready" ] || { cat "$BENCH/servers/$name.log"; echo "$name did not start" >&2; exit 1; }
  done
}

etl() {
  POSTGRES_URL=postgresql://127.0.0.1:$PG_PORT ELASTICSEARCH_URL=http://127.0.0.1:$ES_PORT ETL_PROGRESS_EVERY=1h \
    "$JAVA" -Xmx512m -jar "$JAR" "$@" 2>&1 | grep -v '^WARNING'
}

seconds_of() { sed -n "s/^$1 finished in \([0-9.]*\) s.*/\1/p" "$2"; }

catalog=$BENCH/catalog-$FILMS.sqlite
[ -f "$catalog" ] || etl generate --films "$FILMS" --out "$catalog"

echo "== $FILMS films, embeddings off, -Xmx512m, $RUNS runs on fresh servers"
printf '%-5s %12s %12s %10s %12s %10s\n' run "sqlite→pg s" "pg→es s" "total s" "films/s" "heap MB"
: >"$BENCH/off.txt"
for run in $(seq 1 "$RUNS"); do
  start_servers
  out=$BENCH/run-$run.log
  etl run --sqlite "$catalog" --embeddings=off >"$out"
  stop_servers
  s1=$(seconds_of sqlite-to-postgres "$out"); s2=$(seconds_of postgres-to-elasticsearch "$out")
  heap=$(sed -n 's/^peak heap used: \([0-9]*\) MB.*/\1/p' "$out")
  total=$(calc "$s1 + $s2")
  rate=$(calc "$FILMS / $total")
  echo "$s1 $s2 $total $rate $heap" >>"$BENCH/off.txt"
  printf '%-5s %12.1f %12.1f %10.1f %12.0f %10s\n' "$run" "$s1" "$s2" "$total" "$rate" "$heap"
done
printf '%-5s %12.1f %12.1f %10.1f %12.0f %10s\n' median \
  "$(cut -d' ' -f1 "$BENCH/off.txt" | median)" "$(cut -d' ' -f2 "$BENCH/off.txt" | median)" \
  "$(cut -d' ' -f3 "$BENCH/off.txt" | median)" "$(cut -d' ' -f4 "$BENCH/off.txt" | median)" \
  "$(cut -d' ' -f5 "$BENCH/off.txt" | median)"
grep -E '^  (film_work|genre_film_work|person_film_work|movies|persons):' "$BENCH/run-1.log" | sed 's/^/  run 1 /'
echo "goal: >= 5,000 films/s end to end, heap <= 512 MB"
echo "ceilings here (../shared/ARCHITECTURE.md): PostgreSQL r2dbc single-row upsert ~26,900 rows/s; Elasticsearch flat bulk ~37,000 docs/s"

[ "$EMBEDDING_FILMS" -gt 0 ] || exit 0
echo
echo "== $EMBEDDING_FILMS films, embeddings on, against the model alone"
ecatalog=$BENCH/catalog-$EMBEDDING_FILMS.sqlite
[ -f "$ecatalog" ] || etl generate --films "$EMBEDDING_FILMS" --out "$ecatalog"
: >"$BENCH/model.txt"; : >"$BENCH/on.txt"
for run in $(seq 1 "$RUNS"); do
  etl embedding-rate --texts 500 --sqlite "$ecatalog" | sed -n 's/^model alone: \([0-9.]*\) texts.*/\1/p' >>"$BENCH/model.txt"
  start_servers
  out=$BENCH/embeddings-$run.log
  etl run --sqlite "$ecatalog" --embeddings=on >"$out"
  stop_servers
  s2=$(seconds_of postgres-to-elasticsearch "$out")
  echo "$(calc "$EMBEDDING_FILMS / $s2") $(sed -n 's/^peak heap used: \([0-9]*\) MB.*/\1/p' "$out")" >>"$BENCH/on.txt"
  printf 'run %s: model alone %.1f texts/s; pg→es with embeddings %.1f films/s (%.1f s); heap %s MB\n' "$run" \
    "$(tail -n1 "$BENCH/model.txt")" "$(tail -n1 "$BENCH/on.txt" | cut -d' ' -f1)" "$s2" "$(tail -n1 "$BENCH/on.txt" | cut -d' ' -f2)"
done
model=$(median <"$BENCH/model.txt")
with=$(cut -d' ' -f1 "$BENCH/on.txt" | median)
printf 'median: model alone %.1f texts/s, ETL with embeddings %.1f films/s = %.0f%% of the model (goal >= 80%%)\n' \
  "$model" "$with" "$(calc "100 * $with / $model")"
