#!/usr/bin/env bash
# The training benchmark at scale: for each size, synthetic verdicts (SyntheticLikes.java) in a
# schema of its own of the platform's PostgreSQL (started when not running), then RUNS runs of the
# packaged job in local mode with a driver heap of HEAP, each timed and its peak resident memory
# read (/usr/bin/time); the medians printed per size.
#
#   [SIZES="10000:200000 30000:600000 100000:2000000"] [FILMS=20000] [HEAP=2g] recsys-training/bench/scale.sh [RUNS]
# (a size is VIEWERS:LIKES)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-3}
SIZES=${SIZES:-"10000:200000 30000:600000 100000:2000000"}
FILMS=${FILMS:-20000}
HEAP=${HEAP:-2g}
SCHEMA=recsys_bench
source scripts/jdk.sh
source scripts/bench.sh
export POSTGRES_USER=${POSTGRES_USER:-postgres} POSTGRES_PASSWORD=${POSTGRES_PASSWORD:-postgres}
JDBC=jdbc:${POSTGRES_URL:-postgresql://127.0.0.1:${POSTGRES_PORT:-15432}}/recsys
[ -f recsys-training/target/recsys-training.jar ] || ./mvnw -q -B install -DskipTests -pl recsys-model,recsys-training -am
./local_run.sh start postgres >/dev/null
OUT=recsys-training/target/bench-scale
mkdir -p "$OUT"

printf '%-9s %-9s %-10s %-12s %-14s %s\n' viewers likes verdicts "seconds" "peak RSS MB" "runs (s)"
for size in $SIZES; do
  viewers=${size%%:*} likes=${size##*:}
  made=$("$JAVA_HOME/bin/java" -cp 'recsys-training/target/lib/*' recsys-training/bench/SyntheticLikes.java \
    "$JDBC" "$POSTGRES_USER" "$POSTGRES_PASSWORD" "$SCHEMA" "$viewers" "$FILMS" "$likes")
  echo "$made" >&2
  seconds=() memory=()
  for run in $(seq 1 "$RUNS"); do
    /usr/bin/time -f '%e %M' -o "$OUT/time.txt" "$JAVA_HOME/bin/java" -Xmx"$HEAP" -jar recsys-training/target/recsys-training.jar \
      "--jdbc-url=$JDBC?currentSchema=$SCHEMA" --minimum-likes=1 >"$OUT/run-$size-$run.log" 2>&1 \
      || { tail -n 20 "$OUT/run-$size-$run.log" >&2; echo "run $run of $size failed" >&2; exit 1; }
    read -r s kb <"$OUT/time.txt"
    seconds+=("$s") memory+=("$((kb / 1024))")
    echo "  $size run $run: $s s, $((kb / 1024)) MB; $(tail -n 1 "$OUT/run-$size-$run.log" | grep -o '"validationNdcg":[0-9.]*' | head -n 1)" >&2
  done
  verdicts=$(echo "$made" | sed -n 's/.*likes, \([0-9]*\) verdicts.*/\1/p')
  made_likes=$(echo "$made" | sed -n 's/.*: \([0-9]*\) likes.*/\1/p')
  printf '%-9s %-9s %-10s %-12s %-14s %s\n' "$viewers" "$made_likes" "$verdicts" \
    "$(printf '%s\n' "${seconds[@]}" | median)" "$(printf '%s\n' "${memory[@]}" | median)" "${seconds[*]}"
done
