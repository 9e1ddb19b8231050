#!/usr/bin/env bash
# Runs the whole platform on this machine, with no Docker: real PostgreSQL, Kafka, Elasticsearch,
# a MongoDB-wire server and Redis from Maven artifacts, the services, and nginx on :8080.
#
#   ./local_run.sh [start]        start everything that is not running yet
#   ./local_run.sh start NAME     start one part      (postgres kafka elasticsearch mongo redis
#   ./local_run.sh stop [NAME..]  stop all, or some    auth-service ugc-service async-api
#   ./local_run.sh status         what runs, and where recsys-service nginx)
#   ./local_run.sh logs NAME      a part's log
#   ./local_run.sh etl PATH [OPTIONS]  load a Practicum-schema SQLite file into the running platform
#                                 (OPTIONS as catalog-etl's run: --watch, --embeddings=off, --full)
#   ./local_run.sh eval DIR       the recommenders' offline evaluation on a MovieLens-format folder
#                                 (ratings.csv, movies.csv): NDCG@10, Recall@10, HR@10, coverage
#   ./local_run.sh bench [SECONDS] [RUNS]  the platform's figures in one table (scripts/platform-bench.sh)
#
# The first start loads the demo catalog that ships with catalog-etl (real, well-known films).
# A server named by its variable (POSTGRES_URL, KAFKA_BOOTSTRAP_SERVERS, ELASTICSEARCH_URL,
# MONGODB_URI, REDIS_URL) is used as it is, and its embedded twin is not started.
# MONGO_STORAGE=memory starts the embedded Mongo without its file (the ugc benchmark does).
# Everything it starts is a process group with a PID file under .local/run; it stops only those.
set -euo pipefail
set +m # background parts keep this shell's process group until setsid gives them their own

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$ROOT"
LOCAL="$ROOT/.local"
RUN="$LOCAL/run"
LOGS="$LOCAL/logs"
DATA="$LOCAL/data"

SERVERS=(postgres kafka elasticsearch mongo redis)
SERVICES=(auth-service ugc-service async-api recsys-service)
declare -A SERVER_PORT=([postgres]=15432 [kafka]=19092 [elasticsearch]=19200 [mongo]=27018 [redis]=16379)
declare -A SERVER_VARIABLE=([postgres]=POSTGRES_URL [kafka]=KAFKA_BOOTSTRAP_SERVERS
  [elasticsearch]=ELASTICSEARCH_URL [mongo]=MONGODB_URI [redis]=REDIS_URL)
declare -A SERVER_DEFAULT=([postgres]=postgresql://127.0.0.1:15432 [kafka]=127.0.0.1:19092
  [elasticsearch]=http://127.0.0.1:19200 [mongo]=mongodb://127.0.0.1:27018/ugc [redis]=redis://127.0.0.1:16379)
# The launcher JVM of each server; Mongo's holds the database itself.
declare -A LAUNCHER_HEAP=([postgres]=160m [kafka]=48m [elasticsearch]=48m [mongo]=384m [redis]=48m)
declare -A SERVICE_PORT=([auth-service]=${AUTH_PORT:-8081} [ugc-service]=${UGC_PORT:-8082}
  [async-api]=${ASYNC_API_PORT:-8083} [recsys-service]=${RECSYS_PORT:-8084})
NGINX_PORT=${NGINX_PORT:-8080}
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:--Xms64m -Xmx256m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}
ETL_JAVA_OPTS=${ETL_JAVA_OPTS:--Xmx512m}
START_TIMEOUT=${START_TIMEOUT:-180}

declare -A EXTERNAL=()
for server in "${SERVERS[@]}"; do
  variable=${SERVER_VARIABLE[$server]}
  if [ -n "${!variable:-}" ]; then EXTERNAL[$server]=${!variable}; fi
  export "$variable=${!variable:-${SERVER_DEFAULT[$server]}}"
done
export POSTGRES_USER=${POSTGRES_USER:-postgres} POSTGRES_PASSWORD=${POSTGRES_PASSWORD:-postgres}

say() { printf '%-15s %s\n' "$1" "$2"; }
die() { echo "local_run.sh: $*" >&2; exit 1; }

find_java() {
  # shellcheck source=scripts/jdk.sh
  . "$ROOT/scripts/jdk.sh"
  [ -n "$CINEMA_JDK" ] || die "a JDK 21 or newer is needed (see above)"
  JAVA="$JAVA_HOME/bin/java"
}

pid_of() { cat "$RUN/$1.pid" 2>/dev/null || true; }

is_running() {
  local pid
  pid=$(pid_of "$1")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

# Whether anything listens on the port, on any address (a listener on another address than
# loopback still keeps nginx from binding 0.0.0.0); without ss, whether loopback answers.
port_busy() {
  if command -v ss >/dev/null 2>&1; then
    [ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

# Starts "$@" as a new process group (session) writing to the part's log, and records its PID.
spawn() {
  local name=$1
  shift
  setsid "$@" >>"$LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN/$name.pid"
}

# Waits until "$2" succeeds, failing early when the part's process is gone.
await() {
  local name=$1 check=$2 deadline=$((SECONDS + START_TIMEOUT))
  until eval "$check" >/dev/null 2>&1; do
    if ! is_running "$name"; then
      say "$name" "FAILED to start; last lines of $LOGS/$name.log:"
      tail -n 25 "$LOGS/$name.log" >&2 || true
      if [ -s "$LOGS/$name-error.log" ]; then
        say "$name" "and of $LOGS/$name-error.log:"
        tail -n 10 "$LOGS/$name-error.log" >&2
      fi
      return 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      say "$name" "not ready after ${START_TIMEOUT}s; see $LOGS/$name.log"
      return 1
    fi
    sleep 0.2
  done
}

jar_is_stale() { # jar, sources...
  local jar=$1
  shift
  [ -f "$jar" ] || return 0
  [ -n "$(find "$@" -newer "$jar" -print -quit 2>/dev/null)" ]
}

ensure_built() {
  local stale=0 module
  jar_is_stale embedded-infra/target/embedded-infra.jar embedded-infra/src embedded-infra/pom.xml pom.xml && stale=1
  [ -d embedded-infra/target/dist/kafka ] || stale=1
  for module in "${SERVICES[@]}" catalog-etl; do
    jar_is_stale "$module/target/$module.jar" "$module/src" "$module/pom.xml" pom.xml resource-server/src resource-server/pom.xml && stale=1
  done
  if [ $stale = 1 ]; then
    say build "jars missing or older than their sources: ./mvnw package -DskipTests (about a minute)"
    # An executable jar whose own classes did not change is not rebuilt by Maven, even when a module
    # it bundles (resource-server) did: remove them so that every one is made again.
    for module in "${SERVICES[@]}" catalog-etl; do rm -f "$module/target/$module.jar" "$module/target/$module.jar.original"; done
    ./mvnw -q -B -DskipTests package >"$LOGS/build.log" 2>&1 || { tail -n 40 "$LOGS/build.log" >&2; die "build failed; see $LOGS/build.log"; }
    # The jar plugin leaves an unchanged module's jar as it was; mark every jar as built now.
    touch embedded-infra/target/embedded-infra.jar
    for module in "${SERVICES[@]}" catalog-etl; do touch "$module/target/$module.jar"; done
  fi
}

start_server() {
  local name=$1 port=${SERVER_PORT[$1]}
  if [ -n "${EXTERNAL[$name]:-}" ]; then say "$name" "external: ${EXTERNAL[$name]}"; return 0; fi
  if is_running "$name"; then say "$name" "already running: ${!SERVER_VARIABLE[$name]}"; return 0; fi
  port_busy "$port" && { say "$name" "port $port is taken by another program: stop it, or set ${SERVER_VARIABLE[$name]} to use it"; return 1; }
  rm -f "$RUN/$name.ready"
  local storage=""
  [ "$name" = mongo ] && storage=${MONGO_STORAGE:-}
  spawn "$name" "$JAVA" "-Xmx${LAUNCHER_HEAP[$name]}" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -cp "embedded-infra/target/embedded-infra.jar:embedded-infra/target/dist/lib/*" \
    -Dembedded.dist="$ROOT/embedded-infra/target/dist" \
    dev.cinema.infra.Launcher "$name" --port "$port" --dir "$DATA/$name" --ready-file "$RUN/$name.ready" \
    ${storage:+--storage "$storage"}
  await "$name" "[ -f '$RUN/$name.ready' ]" || return 1
  say "$name" "up: ${SERVER_DEFAULT[$name]}"
}

start_service() {
  local name=$1 port=${SERVICE_PORT[$1]}
  if is_running "$name"; then say "$name" "already running: http://127.0.0.1:$port"; return 0; fi
  port_busy "$port" && { say "$name" "port $port is taken by another program"; return 1; }
  # A copy: a rebuild (./mvnw package) rewrites target/*.jar, and a JVM whose jar changes under it
  # fails to load its next class.
  cp "$name/target/$name.jar" "$RUN/$name.jar"
  # shellcheck disable=SC2086
  spawn "$name" "$JAVA" $SERVICE_JAVA_OPTS -jar "$RUN/$name.jar"
  await "$name" "curl -fsS 'http://127.0.0.1:$port/actuator/health/readiness' | grep -q UP" || return 1
  say "$name" "up: http://127.0.0.1:$port (health: /actuator/health)"
}

ensure_nginx() {
  command -v nginx >/dev/null 2>&1 && return 0
  [ -x /usr/sbin/nginx ] && { PATH="$PATH:/usr/sbin"; return 0; }
  say nginx "not installed: installing Debian's nginx package"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nginx; } >>"$LOGS/nginx.log" 2>&1 \
    || die "could not install nginx; see $LOGS/nginx.log"
  PATH="$PATH:/usr/sbin"
}

write_nginx_config() {
  local dir="$LOCAL/nginx" user_directive=""
  mkdir -p "$dir/tmp"
  if [ "$(id -u)" = 0 ]; then
    # Workers drop to nobody; they must write their temporary files.
    user_directive="user nobody nogroup;"
    chown -R nobody:nogroup "$dir/tmp"
  fi
  sed -e "s#@RUN_DIR@#$RUN#g" -e "s#@LOG_DIR@#$LOGS#g" -e "s#@TMP_DIR@#$dir/tmp#g" \
      -e "s#@HTML_DIR@#$ROOT/nginx/html#g" -e "s#@MIME_TYPES@#/etc/nginx/mime.types#g" \
      -e "s#@USER_DIRECTIVE@#$user_directive#g" -e "s#@NGINX_PORT@#$NGINX_PORT#g" \
      -e "s#@AUTH_ADDRESS@#127.0.0.1:${SERVICE_PORT[auth-service]}#g" \
      -e "s#@UGC_ADDRESS@#127.0.0.1:${SERVICE_PORT[ugc-service]}#g" \
      -e "s#@ASYNC_API_ADDRESS@#127.0.0.1:${SERVICE_PORT[async-api]}#g" \
      -e "s#@RECSYS_ADDRESS@#127.0.0.1:${SERVICE_PORT[recsys-service]}#g" \
      -e "s#@AUTH_RATE@#${NGINX_AUTH_RATE:-10r/s}#g" -e "s#@AUTH_BURST@#${NGINX_AUTH_BURST:-20}#g" \
      nginx/nginx.conf.template >"$dir/nginx.conf"
  echo "$dir/nginx.conf"
}

start_nginx() {
  if is_running nginx; then say nginx "already running: http://127.0.0.1:$NGINX_PORT"; return 0; fi
  port_busy "$NGINX_PORT" && { say nginx "port $NGINX_PORT is taken by another program: set NGINX_PORT"; return 1; }
  ensure_nginx
  local config
  config=$(write_nginx_config)
  nginx -t -c "$config" >>"$LOGS/nginx.log" 2>&1 || { tail -n 5 "$LOGS/nginx.log" >&2; die "nginx rejected $config"; }
  spawn nginx nginx -c "$config" -g 'daemon off;'
  await nginx "curl -fsS -o /dev/null 'http://127.0.0.1:$NGINX_PORT/'" || return 1
  say nginx "up: http://127.0.0.1:$NGINX_PORT"
}

# Runs "start_$kind NAME" for each name at once and fails when any failed.
start_all_of() {
  local kind=$1 failed=0 pid
  shift
  local pids=()
  for name in "$@"; do
    "start_$kind" "$name" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  return $failed
}

stop_part() {
  local name=$1 pid waited=0
  pid=$(pid_of "$name")
  if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
    rm -f "$RUN/$name.pid" "$RUN/$name.ready"
    return 0
  fi
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  while kill -0 -- "-$pid" 2>/dev/null && [ $waited -lt 300 ]; do sleep 0.1; waited=$((waited + 1)); done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$RUN/$name.pid" "$RUN/$name.ready"
  say "$name" "stopped"
}

kind_of() {
  case " ${SERVERS[*]} " in *" $1 "*) echo server; return ;; esac
  case " ${SERVICES[*]} " in *" $1 "*) echo service; return ;; esac
  [ "$1" = nginx ] && { echo nginx; return; }
  die "unknown part '$1'; parts: ${SERVERS[*]} ${SERVICES[*]} nginx"
}

start() {
  mkdir -p "$RUN" "$LOGS" "$DATA"
  find_java
  if [ $# -gt 0 ]; then
    ensure_built
    case $(kind_of "$1") in
      server) start_server "$1" ;;
      service) start_service "$1" ;;
      nginx) start_nginx ;;
    esac
    return
  fi
  local began=$SECONDS
  ensure_built
  local built=$SECONDS
  start_all_of server "${SERVERS[@]}" || die "a server did not start; ./local_run.sh stop cleans up"
  start_all_of service "${SERVICES[@]}" || die "a service did not start; ./local_run.sh stop cleans up"
  start_nginx || die "nginx did not start"
  load_demo_catalog_once
  say platform "up in $((SECONDS - built))s (build $((built - began))s): open http://127.0.0.1:$NGINX_PORT"
}

# The catalog ETL against the servers this script runs (or the external ones named by their variables).
run_etl() {
  # shellcheck disable=SC2086
  "$JAVA" $ETL_JAVA_OPTS -jar catalog-etl/target/catalog-etl.jar "$@"
}

load_demo_catalog_once() {
  [ -f "$DATA/demo-catalog.loaded" ] && return 0
  if run_etl run --demo >>"$LOGS/catalog-etl.log" 2>&1; then
    touch "$DATA/demo-catalog.loaded"
    say catalog "demo catalog loaded ($(grep -o 'film_work: read [0-9,]*' "$LOGS/catalog-etl.log" | tail -n1 | grep -o '[0-9,]*$') films); log: $LOGS/catalog-etl.log"
  else
    say catalog "demo catalog NOT loaded; see $LOGS/catalog-etl.log (retried on the next start)"
  fi
}

# What the ETL and the offline evaluation need: the jars, and PostgreSQL and Elasticsearch running.
catalog_servers() {
  mkdir -p "$RUN" "$LOGS" "$DATA"
  find_java
  ensure_built
  local name
  for name in postgres elasticsearch; do
    [ -n "${EXTERNAL[$name]:-}" ] || is_running "$name" || start_server "$name" || die "$name did not start"
  done
}

etl() {
  [ $# -ge 1 ] || die "usage: ./local_run.sh etl PATH [--watch] [--embeddings=off] [--full]"
  local file=$1
  shift
  [ -f "$file" ] || die "no SQLite file at $file"
  catalog_servers
  run_etl run --sqlite "$(cd "$(dirname "$file")" && pwd)/$(basename "$file")" "$@"
}

# The offline evaluation runs recsys-service's recommenders in a mode of their own (profile eval): the
# MovieLens films in an index and the viewers in a schema of their own, the platform's left alone.
# RECSYS_LLM_PROVIDER (and its settings) adds the LLM to the comparison.
evaluate() {
  [ $# -eq 1 ] || die "usage: ./local_run.sh eval DIR   (a MovieLens-format folder: ratings.csv, movies.csv)"
  local dir=$1
  [ -f "$dir/ratings.csv" ] && [ -f "$dir/movies.csv" ] || die "$dir holds no ratings.csv and movies.csv"
  catalog_servers
  say eval "embedding the films (about a minute the first time), then every viewer; log: $LOGS/eval.log"
  # shellcheck disable=SC2086
  "$JAVA" $SERVICE_JAVA_OPTS -Xmx512m --enable-native-access=ALL-UNNAMED -jar recsys-service/target/recsys-service.jar --spring.profiles.active=eval \
    --recsys.eval.dir="$(cd "$dir" && pwd)" --logging.file.name="$LOGS/eval.log" --logging.threshold.console=OFF
}

stop() {
  if [ $# -gt 0 ]; then
    local part
    for part in "$@"; do kind_of "$part" >/dev/null; done
    for part in "$@"; do stop_part "$part"; done
    return
  fi
  stop_part nginx
  local name
  for name in "${SERVICES[@]}"; do stop_part "$name" & done
  wait
  for name in "${SERVERS[@]}"; do stop_part "$name" & done
  wait
}

status() {
  local name
  for name in "${SERVERS[@]}"; do
    if [ -n "${EXTERNAL[$name]:-}" ]; then say "$name" "external: ${EXTERNAL[$name]}"
    elif is_running "$name"; then say "$name" "running (pid $(pid_of "$name")): ${SERVER_DEFAULT[$name]}"
    else say "$name" "stopped"; fi
  done
  for name in "${SERVICES[@]}"; do
    if is_running "$name"; then
      local health
      health=$(curl -fsS "http://127.0.0.1:${SERVICE_PORT[$name]}/actuator/health" 2>/dev/null || echo '{"status":"unreachable"}')
      say "$name" "running (pid $(pid_of "$name")): http://127.0.0.1:${SERVICE_PORT[$name]} $health"
    else say "$name" "stopped"; fi
  done
  if is_running nginx; then say nginx "running (pid $(pid_of nginx)): http://127.0.0.1:$NGINX_PORT"; else say nginx "stopped"; fi
}

logs() {
  [ $# -eq 1 ] || die "usage: ./local_run.sh logs NAME"
  kind_of "$1" >/dev/null
  local file="$LOGS/$1.log"
  [ -f "$file" ] || die "no log yet: $file"
  if [ -t 1 ]; then tail -n 100 -F "$file"; else cat "$file"; fi
}

command=${1:-start}
[ $# -gt 0 ] && shift
case "$command" in
  start) start "$@" ;;
  stop) stop "$@" ;;
  restart) stop "$@"; start "$@" ;;
  status) status ;;
  logs) logs "$@" ;;
  etl) etl "$@" ;;
  eval) evaluate "$@" ;;
  bench) exec scripts/platform-bench.sh "$@" ;;
  help | -h | --help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) die "unknown command '$command'; try ./local_run.sh help" ;;
esac
