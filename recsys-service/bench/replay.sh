#!/usr/bin/env bash
# MovieLens' viewers replayed through the platform's public API, and the feeds it then serves them
# scored on the likes they went on to make (platform-tests' dev.cinema.platform.replay.Replay):
#   1. a platform of its own (state in recsys-service/target/replay, every port 1000 above the
#      default ones) whose catalog is the folder's films (catalog-etl movielens, then the ETL);
#   2. every viewer registers, logs in and sends the likes and dislikes of its training part (the
#      offline evaluation's split: the latest fifth of each viewer's likes held out) through nginx,
#      16 viewers at a time, in the order they made them;
#   3. the collaborative model is trained on those likes (./local_run.sh train), every viewer is
#      refreshed with it, and each tested viewer's signed-in feed, the anonymous feed and like-count
#      popularity are scored on the held-out likes: NDCG@10, Recall@10, HR@10, coverage, and each
#      row's NDCG against popularity's with a 95% bootstrap interval.
# The platform is stopped and its state deleted at the end, whatever the outcome (REPLAY_KEEP=1 keeps
# it running for a look at http://127.0.0.1:9080).
#
#   recsys-service/bench/replay.sh DIR       (a MovieLens-format folder: ratings.csv, movies.csv)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
[ $# -eq 1 ] && [ -f "$1/ratings.csv" ] && [ -f "$1/movies.csv" ] \
  || { echo "usage: recsys-service/bench/replay.sh DIR   (a MovieLens-format folder: ratings.csv, movies.csv)" >&2; exit 2; }
DIR=$(cd "$1" && pwd)
REPLAY=$ROOT/recsys-service/target/replay
source scripts/jdk.sh
JAVA=$JAVA_HOME/bin/java

# The replay's platform: its own state and ports, so that it runs beside the usual one.
export LOCAL_RUN_DIR=$REPLAY/local CINEMA_UNPRIVILEGED_DIR=${REPLAY_UNPRIVILEGED_DIR:-/var/lib/cinema/replay-$(basename "$ROOT")}
export NGINX_PORT=9080 AUTH_PORT=9081 UGC_PORT=9082 ASYNC_API_PORT=9083 RECSYS_PORT=9084
export POSTGRES_PORT=25432 KAFKA_PORT=29092 ELASTICSEARCH_PORT=29200 MONGO_PORT=28018 REDIS_PORT=26379
# Six hundred viewers sign in from one address within a minute or two: the limits meant for one
# person's browser would turn most of them away. The tokens outlive the replay; training is started
# by this script, once, on all the likes.
export NGINX_AUTH_RATE=1000r/s NGINX_AUTH_BURST=1000 AUTH_IP_ATTEMPTS_PER_MINUTE=100000 AUTH_ACCESS_TOKEN_TTL=2h
export RECSYS_TRAIN_INTERVAL=0s

finish() {
  if [ "${REPLAY_KEEP:-0}" = 1 ]; then
    echo "replay: the platform stays up at http://127.0.0.1:$NGINX_PORT (LOCAL_RUN_DIR=$LOCAL_RUN_DIR ./local_run.sh clean removes it)"
  else
    ./local_run.sh clean >/dev/null 2>&1 || true
  fi
}
trap finish EXIT

./local_run.sh clean >/dev/null
./mvnw -B -q package -DskipTests -pl catalog-etl -am >/dev/null
mkdir -p "$REPLAY"
"$JAVA" -jar catalog-etl/target/catalog-etl.jar movielens --dir "$DIR" --out "$REPLAY/movielens.sqlite"
echo "replay: loading the catalog (log: $LOCAL_RUN_DIR/logs/replay-etl.log)"
mkdir -p "$LOCAL_RUN_DIR/logs"
./local_run.sh etl "$REPLAY/movielens.sqlite" --full >"$LOCAL_RUN_DIR/logs/replay-etl.log" 2>&1 \
  || { tail -n 20 "$LOCAL_RUN_DIR/logs/replay-etl.log" >&2; exit 1; }
./local_run.sh start

echo "replay: compiling platform-tests' test classes"
./mvnw -B -q -pl embedded-infra,recsys-model,platform-tests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/replay.classpath -Dmdep.includeScope=test >"$LOCAL_RUN_DIR/logs/replay-build.log" 2>&1 \
  || { tail -n 30 "$LOCAL_RUN_DIR/logs/replay-build.log" >&2; exit 1; }
# CPU seconds of each of the platform's processes with all their descendants (PostgreSQL's
# backends, the servers started through a wrapper), and of the processes running from the part's
# data folder (PostgreSQL's server leaves its launcher): "name seconds" lines.
cpu_seconds() {
  local file pid name
  ps -eo pid=,ppid=,times=,args= >"$REPLAY/processes.txt"
  for file in "$LOCAL_RUN_DIR"/run/*.pid; do
    read -r pid _ <"$file" || continue
    name=$(basename "$file" .pid)
    awk -v root="$pid" -v name="$name" -v data="$LOCAL_RUN_DIR/data/$name/" '
      { parent[$1] = $2; seconds[$1] = $3; if (index($0, data) > 0) own[$1] = 1 }
      END {
        own[root] = 1
        for (p in seconds) {
          q = p
          while (!(q in own) && (q in parent) && parent[q] != q && parent[q] != 0) q = parent[q]
          if (q in own) total += seconds[p]
        }
        print name, total + 0
      }' "$REPLAY/processes.txt"
  done
}
replay() {
  (cd platform-tests && "$JAVA" -Xmx1g -cp "target/test-classes:target/classes:$(cat target/replay.classpath)" \
    -Dcinema.url="http://127.0.0.1:$NGINX_PORT" dev.cinema.platform.replay.Replay "$1" "$DIR")
}
cpu_seconds >"$REPLAY/cpu-before.txt"
replay send
cpu_seconds >"$REPLAY/cpu-after.txt"
echo "replay: CPU seconds of each part while the likes were sent and applied:"
join "$REPLAY/cpu-before.txt" "$REPLAY/cpu-after.txt" | awk '{ printf "  %-16s %6d s\n", $1, $3 - $2 }' | sort -k2 -n -r
./local_run.sh train
replay score
