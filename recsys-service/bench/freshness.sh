#!/usr/bin/env bash
# How long a like takes to change a viewer's recommendations, through nginx (platform-tests'
# dev.cinema.platform.freshness.Freshness): new viewers like three films, wait until recsys-service
# has refreshed them, like the first film of their list and ask for the list every 100 ms until it
# differs. Prints each run's p50, p95 and max, then the medians over the runs.
# On a platform of its own (state in recsys-service/target/freshness, every port 2000 above the
# default ones, the demo catalog), stopped and deleted at the end (FRESHNESS_KEEP=1 keeps it running).
# RECSYS_REFRESH_DELAY and the other variables of local_run.sh reach it as usual.
#
#   recsys-service/bench/freshness.sh [VIEWERS] [RUNS]      (defaults 40 and 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
VIEWERS=${1:-40}
RUNS=${2:-3}
FRESHNESS=$ROOT/recsys-service/target/freshness
source scripts/jdk.sh
JAVA=$JAVA_HOME/bin/java

export LOCAL_RUN_DIR=$FRESHNESS/local CINEMA_UNPRIVILEGED_DIR=${FRESHNESS_UNPRIVILEGED_DIR:-/var/lib/cinema/freshness-$(basename "$ROOT")}
export NGINX_PORT=10080 AUTH_PORT=10081 UGC_PORT=10082 ASYNC_API_PORT=10083 RECSYS_PORT=10084
export POSTGRES_PORT=27432 KAFKA_PORT=31092 ELASTICSEARCH_PORT=31200 MONGO_PORT=30018 REDIS_PORT=28379
# Every viewer signs in from one address within a minute: the limits meant for one person's browser
# would turn most of them away.
export NGINX_AUTH_RATE=1000r/s NGINX_AUTH_BURST=1000 AUTH_IP_ATTEMPTS_PER_MINUTE=100000
export RECSYS_TRAIN_INTERVAL=0s

finish() {
  if [ "${FRESHNESS_KEEP:-0}" = 1 ]; then
    echo "freshness: the platform stays up at http://127.0.0.1:$NGINX_PORT (LOCAL_RUN_DIR=$LOCAL_RUN_DIR ./local_run.sh clean removes it)"
  else
    ./local_run.sh clean >/dev/null 2>&1 || true
  fi
}
trap finish EXIT
./local_run.sh clean >/dev/null
./local_run.sh start
mkdir -p "$LOCAL_RUN_DIR/logs"
./mvnw -B -q -pl embedded-infra,recsys-model,platform-tests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/freshness.classpath -Dmdep.includeScope=test >"$LOCAL_RUN_DIR/logs/freshness-build.log" 2>&1 \
  || { tail -n 30 "$LOCAL_RUN_DIR/logs/freshness-build.log" >&2; exit 1; }
echo "freshness: $VIEWERS new viewers a run, $RUNS runs, refresh delay ${RECSYS_REFRESH_DELAY:-2s (the default)}"
(cd platform-tests && "$JAVA" -Xmx512m -cp "target/test-classes:target/classes:$(cat target/freshness.classpath)" \
  -Dcinema.url="http://127.0.0.1:$NGINX_PORT" dev.cinema.platform.freshness.Freshness "$VIEWERS" "$RUNS")
