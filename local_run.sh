#!/usr/bin/env bash
# Runs the whole platform on this machine, with no Docker: real PostgreSQL, Kafka, Elasticsearch,
# a MongoDB-wire server and Redis from Maven artifacts, the services, and nginx on :8080.
#
#   ./local_run.sh [start]        start everything that is not running yet
#   ./local_run.sh start NAME     start one part      (postgres kafka elasticsearch mongo redis
#   ./local_run.sh stop [NAME..]  stop all, or some    auth-service ugc-service async-api
#   ./local_run.sh restart [NAME] stop, then start     recsys-service nginx)
#   ./local_run.sh status         what runs, where, and whether each server answers in its protocol
#   ./local_run.sh logs NAME      a part's log
#   ./local_run.sh clean          stop everything, then delete its data: .local and the unprivileged folder
#   ./local_run.sh etl PATH [OPTIONS]  load a Practicum-schema SQLite file into the running platform
#                                 (OPTIONS as catalog-etl's run: --watch, --embeddings=off, --full)
#   ./local_run.sh eval DIR       the recommenders' offline evaluation on a MovieLens-format folder
#                                 (ratings.csv, movies.csv): NDCG@10, Recall@10, HR@10, coverage
#   ./local_run.sh train [--name=value ..]  train the collaborative model now on Spark (local mode) from
#                                 recsys-service's likes; recsys-service serves it within 30 s
#   ./local_run.sh bench [SECONDS] [RUNS]  the platform's figures in one table (scripts/platform-bench.sh)
#   ./local_run.sh soak [MINUTES] viewers acting through nginx while servers are stopped and services
#                                 killed at random, then the invariants checked (platform-tests' Soak;
#                                 details in .local/soak; SOAK_OPTS="-Dsoak.rate=20 ..." for its settings)
#   ./local_run.sh replay-dlt     put recsys-service's dead letters (events it could never apply) back on
#                                 their topic, as the administrator AUTH_ADMIN_LOGIN / AUTH_ADMIN_PASSWORD
#
# A start whose Elasticsearch holds no films loads the demo catalog that ships with catalog-etl
# (real, well-known films). A server named by its variable (POSTGRES_URL, KAFKA_BOOTSTRAP_SERVERS,
# ELASTICSEARCH_URL, MONGODB_URI, REDIS_URL) is used as it is, and its embedded twin is not started;
# the embedded ones listen on POSTGRES_PORT, KAFKA_PORT, ELASTICSEARCH_PORT, MONGO_PORT, REDIS_PORT
# (15432, 19092, 19200, 27018, 16379).
# MONGO_STORAGE=memory starts the embedded Mongo without its file (the ugc benchmark does).
# LOCAL_RUN_DIR moves the state (.local) elsewhere; with other ports and another CINEMA_UNPRIVILEGED_DIR,
# a second platform runs beside the first.
# UGC_INSTANCES=2 runs a second ugc-service (ugc-service-2, on UGC_PORT + 100) behind nginx, which
# reloads to take it in; `stop ugc-service-2`, then `start nginx`, goes back to one.
# nginx listens on every interface, the services and the embedded servers on 127.0.0.1 only
# (SERVER_ADDRESS=0.0.0.0 opens the services). NGINX_TLS=self-signed makes a certificate into
# .local/tls, or NGINX_TLS_CERT and NGINX_TLS_KEY name one: nginx then also serves https on
# NGINX_TLS_PORT (8443) with Strict-Transport-Security. NGINX_TRUSTED_PROXIES (CIDRs) are load
# balancers whose X-Forwarded-For nginx believes. Limits: NGINX_AUTH_RATE/BURST (logins, per address),
# NGINX_WRITE_RATE/BURST/DELAY (writes, per viewer: 50r/s, 100, 40), NGINX_REFRESH_RATE/BURST (10r/s, 20).
# The services' actuator (health, metrics) is on loopback on their management ports, the service's
# port + 10 (AUTH_MANAGEMENT_PORT, UGC_MANAGEMENT_PORT, ASYNC_API_MANAGEMENT_PORT, RECSYS_MANAGEMENT_PORT),
# never through nginx; with MANAGEMENT_SCRAPE_TOKEN set, all of it but health asks for that bearer token.
# Everything it starts is a process group with a PID file under .local/run holding its PID and its
# start time: it signals only those processes, never a later one that reuses the PID.
# Needs Linux with bash 4+, setsid, setpriv and curl (checked first), a JDK 21+ (found by
# scripts/jdk.sh) and nginx (NGINX_BIN, or Debian's package, installed when missing).
# Run as root, the servers that refuse root (Elasticsearch, nginx's workers) run as uid 65534; what
# they must reach and that uid cannot where the clone is goes to CINEMA_UNPRIVILEGED_DIR
# (default /var/lib/cinema/<clone folder>-<hash>).
set -euo pipefail
set +m # background parts keep this shell's process group until setsid gives them their own

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$ROOT"
LOCAL=$(realpath -m "${LOCAL_RUN_DIR:-$ROOT/.local}")
RUN="$LOCAL/run"
LOGS="$LOCAL/logs"
DATA="$LOCAL/data"

check_prerequisites() {
  local missing=0 tool
  if [ "$(uname -s)" != Linux ]; then echo "local_run.sh: needs Linux (this is $(uname -s)); elsewhere use deploy/ with Docker" >&2; missing=1; fi
  if [ "${BASH_VERSINFO[0]}" -lt 4 ]; then echo "local_run.sh: needs bash 4 or newer (this is $BASH_VERSION)" >&2; missing=1; fi
  for tool in setsid setpriv curl; do
    command -v "$tool" >/dev/null 2>&1 || { echo "local_run.sh: needs $tool (Debian: apt-get install $([ "$tool" = curl ] && echo curl || echo util-linux))" >&2; missing=1; }
  done
  [ $missing = 0 ] || exit 1
}
check_prerequisites

SERVERS=(postgres kafka elasticsearch mongo redis)
SERVICE_MODULES=(auth-service ugc-service async-api recsys-service)
declare -A SERVER_PORT=([postgres]=${POSTGRES_PORT:-15432} [kafka]=${KAFKA_PORT:-19092} [elasticsearch]=${ELASTICSEARCH_PORT:-19200}
  [mongo]=${MONGO_PORT:-27018} [redis]=${REDIS_PORT:-16379})
declare -A SERVER_VARIABLE=([postgres]=POSTGRES_URL [kafka]=KAFKA_BOOTSTRAP_SERVERS
  [elasticsearch]=ELASTICSEARCH_URL [mongo]=MONGODB_URI [redis]=REDIS_URL)
declare -A SERVER_DEFAULT=([postgres]=postgresql://127.0.0.1:${SERVER_PORT[postgres]} [kafka]=127.0.0.1:${SERVER_PORT[kafka]}
  [elasticsearch]=http://127.0.0.1:${SERVER_PORT[elasticsearch]} [mongo]=mongodb://127.0.0.1:${SERVER_PORT[mongo]}/ugc
  [redis]=redis://127.0.0.1:${SERVER_PORT[redis]})
# The launcher JVM of each server; Mongo's holds the database itself.
declare -A LAUNCHER_HEAP=([postgres]=160m [kafka]=48m [elasticsearch]=48m [mongo]=384m [redis]=48m)
declare -A SERVICE_PORT=([auth-service]=${AUTH_PORT:-8081} [ugc-service]=${UGC_PORT:-8082}
  [async-api]=${ASYNC_API_PORT:-8083} [recsys-service]=${RECSYS_PORT:-8084})
# Each service's actuator (health, metrics) on a port of its own, on loopback, that nginx never
# reaches: the service's port + 10 unless AUTH_MANAGEMENT_PORT, ... say otherwise.
declare -A MANAGEMENT_PORT=([auth-service]=${AUTH_MANAGEMENT_PORT:-$((SERVICE_PORT[auth-service] + 10))}
  [ugc-service]=${UGC_MANAGEMENT_PORT:-$((SERVICE_PORT[ugc-service] + 10))}
  [async-api]=${ASYNC_API_MANAGEMENT_PORT:-$((SERVICE_PORT[async-api] + 10))}
  [recsys-service]=${RECSYS_MANAGEMENT_PORT:-$((SERVICE_PORT[recsys-service] + 10))})
# UGC_INSTANCES=N runs N ugc-service instances behind nginx: ugc-service, ugc-service-2, ..., the i-th
# on UGC_PORT + 100 (i - 1). They share MongoDB and Kafka; each film's events carry the version kept
# in its document, so the order of what they publish does not matter.
UGC_INSTANCES=${UGC_INSTANCES:-1}
[[ $UGC_INSTANCES =~ ^[1-9]$ ]] || { echo "local_run.sh: UGC_INSTANCES must be 1 to 9, not '$UGC_INSTANCES'" >&2; exit 1; }
SERVICES=("${SERVICE_MODULES[@]}")
for ((instance = 2; instance <= 9; instance++)); do
  SERVICE_PORT[ugc-service-$instance]=$((SERVICE_PORT[ugc-service] + 100 * (instance - 1)))
  MANAGEMENT_PORT[ugc-service-$instance]=$((MANAGEMENT_PORT[ugc-service] + 100 * (instance - 1)))
  # an instance started with a larger UGC_INSTANCES is still one of this platform's parts
  if [ "$instance" -le "$UGC_INSTANCES" ] || [ -f "$RUN/ugc-service-$instance.pid" ]; then SERVICES+=("ugc-service-$instance"); fi
done
NGINX_PORT=${NGINX_PORT:-8080}
NGINX_TLS_PORT=${NGINX_TLS_PORT:-8443}
# The services and the embedded servers listen on loopback alone: nginx (on every interface) is the
# way in. SERVER_ADDRESS (Spring Boot's server.address) moves the services elsewhere.
export SERVER_ADDRESS=${SERVER_ADDRESS:-127.0.0.1}
# The services find each other by these; with the ports moved they follow, so that a second platform on
# other ports never asks the first one's auth-service for its keys, or its recsys-service for a feed.
export AUTH_ISSUER=${AUTH_ISSUER:-http://127.0.0.1:${SERVICE_PORT[auth-service]}}
export AUTH_JWKS_URI=${AUTH_JWKS_URI:-http://127.0.0.1:${SERVICE_PORT[auth-service]}/.well-known/jwks.json}
export AUTH_REVOCATIONS_URI=${AUTH_REVOCATIONS_URI:-http://127.0.0.1:${SERVICE_PORT[auth-service]}/internal/v1/revocations}
export RECSYS_URL=${RECSYS_URL:-http://127.0.0.1:${SERVICE_PORT[recsys-service]}}
# async-api asks every ugc-service instance in turn for a viewer's hidden films (the next one when one
# fails): those of SERVICES, so that one restarted beside a running second instance still names it
UGC_URLS=http://127.0.0.1:${SERVICE_PORT[ugc-service]}
for service in "${SERVICES[@]}"; do
  if [[ $service == ugc-service-* ]]; then UGC_URLS+=",http://127.0.0.1:${SERVICE_PORT[$service]}"; fi
done
export UGC_URL=${UGC_URL:-$UGC_URLS}
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS:--Xms64m -Xmx256m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}
ETL_JAVA_OPTS=${ETL_JAVA_OPTS:--Xmx512m}
TRAINING_JAVA_OPTS=${TRAINING_JAVA_OPTS:--Xmx1g -XX:+ExitOnOutOfMemoryError}
# recsys-service starts the training job itself (every RECSYS_TRAIN_INTERVAL, or after
# RECSYS_TRAIN_AFTER_LIKES new likes): this jar, with its libraries in target/lib beside it
export RECSYS_TRAINING_JAR=${RECSYS_TRAINING_JAR:-$ROOT/recsys-training/target/recsys-training.jar}
# the jars ./mvnw package makes that this script runs
JAR_MODULES=("${SERVICE_MODULES[@]}" catalog-etl recsys-training)
START_TIMEOUT=${START_TIMEOUT:-180}

declare -A EXTERNAL=()
for server in "${SERVERS[@]}"; do
  variable=${SERVER_VARIABLE[$server]}
  if [ -n "${!variable:-}" ]; then EXTERNAL[$server]=${!variable}; fi
  export "$variable=${!variable:-${SERVER_DEFAULT[$server]}}"
done
export POSTGRES_USER=${POSTGRES_USER:-postgres} POSTGRES_PASSWORD=${POSTGRES_PASSWORD:-postgres}
# Each part that uses PostgreSQL logs in as a role of its own that reaches only its database
# (deploy/postgres-roles.sql), as role:VARIABLE-PREFIX (AUTH_POSTGRES_USER, AUTH_POSTGRES_PASSWORD, ...);
# recsys-service starts the training job with the training role. The superuser's login above is
# for this script and the tests, not for the services.
declare -A POSTGRES_ROLES=([auth-service]="auth:AUTH" [recsys-service]="recsys:RECSYS recsys_training:TRAINING"
  [catalog-etl]="catalog:CATALOG" [recsys-training]="recsys_training:TRAINING")

# Java's String.hashCode in hex, so that this script and embedded-infra (UnprivilegedFolder) name
# the same folder for this clone.
java_hash() {
  # In UTF-8, printf gives a character's code point (a UTF-16 unit for the paths that matter).
  local LC_ALL=C.UTF-8 text=$1 hash=0 i code
  for ((i = 0; i < ${#text}; i++)); do
    printf -v code '%d' "'${text:i:1}"
    hash=$(((hash * 31 + code) & 0xFFFFFFFF))
  done
  printf '%x' "$hash"
}
export CINEMA_UNPRIVILEGED_DIR=${CINEMA_UNPRIVILEGED_DIR:-/var/lib/cinema/$(basename "$ROOT")-$(java_hash "$ROOT")}

# The module whose jar a service part runs: ugc-service-2 is an instance of ugc-service.
module_of() { echo "${1%-[2-9]}"; }

say() { printf '%-15s %s\n' "$1" "$2"; }
die() { echo "local_run.sh: $*" >&2; exit 1; }

find_java() {
  # shellcheck source=scripts/jdk.sh
  . "$ROOT/scripts/jdk.sh"
  [ -n "$CINEMA_JDK" ] || die "a JDK 21 or newer is needed (see above)"
  JAVA="$JAVA_HOME/bin/java"
}

# A process's start time in clock ticks since boot (field 22 of /proc/PID/stat, after the command
# name, which may hold spaces): with the PID it names one process, even after a reboot.
start_time_of() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  set -- $stat
  echo "${20}"
}

# This run of the script, as its PID and start time (a PID alone comes back after it wraps).
THIS_RUN="$$:$(start_time_of $$)"

pid_of() {
  local pid started
  [ -f "$RUN/$1.pid" ] || return 0
  read -r pid started _ <"$RUN/$1.pid" || return 0
  [ -n "$pid" ] || return 0
  if [ -n "$started" ]; then
    [ "$(start_time_of "$pid")" = "$started" ] && echo "$pid"
  elif legacy_part_is "$1" "$pid"; then
    echo "$pid"
  fi
  return 0
}

# A PID file of an earlier version of this script holds the PID alone: it counts only when that
# process's command line is the part's own.
legacy_part_is() {
  local name=$1 pid=$2 command
  command=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  case $(kind_of "$name") in
    server) [[ $command == *"dev.cinema.infra.Launcher $name "* ]] ;;
    service) [[ $command == *"$RUN/$name.jar"* ]] ;;
    nginx) [[ $command == *"nginx"*"$LOCAL/nginx/nginx.conf"* ]] ;;
  esac
}

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
  local pid=$!
  # The third field names this run of the script: a start that fails stops what it started.
  echo "$pid $(start_time_of "$pid") $THIS_RUN" >"$RUN/$name.pid"
}

# Stops the parts this run of the script started (parts start in subshells, so the PID files say
# which), and no others: a failed start leaves nothing of its own running.
stop_started_here() {
  local name pid started by
  for name in nginx "${SERVICES[@]}" "${SERVERS[@]}"; do
    [ -f "$RUN/$name.pid" ] || continue
    read -r pid started by <"$RUN/$name.pid" || continue
    [ "${by:-}" = "$THIS_RUN" ] && stop_part "$name"
  done
  return 0
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

# LOCAL_RUN_BUILD=never: a jar counts as stale only when it is missing, so that a part a test stops
# and starts mid-run comes back from the jars it ran, not rebuilt from sources edited meanwhile.
jar_is_stale() { # jar, sources...
  local jar=$1
  shift
  [ -f "$jar" ] || return 0
  [ "${LOCAL_RUN_BUILD:-}" != never ] || return 1
  [ -n "$(find "$@" -newer "$jar" -print -quit 2>/dev/null)" ]
}

# Builds the jars when any is missing or older than its sources: all of them, or with "servers"
# only embedded-infra (enough to start a server alone).
ensure_built() {
  local stale=0 module
  jar_is_stale embedded-infra/target/embedded-infra.jar embedded-infra/src embedded-infra/pom.xml pom.xml deploy/postgres-roles.sql && stale=1
  [ -d embedded-infra/target/dist/kafka ] || stale=1
  if [ "${1:-all}" = servers ]; then
    [ $stale = 0 ] && return 0
    build -pl embedded-infra
    touch embedded-infra/target/embedded-infra.jar
    return
  fi
  for module in "${JAR_MODULES[@]}"; do
    jar_is_stale "$module/target/$module.jar" "$module/src" "$module/pom.xml" pom.xml resource-server/src resource-server/pom.xml \
      recsys-model/src recsys-model/pom.xml && stale=1
  done
  [ $stale = 0 ] && return 0
  # An executable jar whose own classes did not change is not rebuilt by Maven, even when a module
  # it bundles (resource-server) did: remove them so that every one is made again.
  for module in "${JAR_MODULES[@]}"; do rm -f "$module/target/$module.jar" "$module/target/$module.jar.original"; done
  build
  # The jar plugin leaves an unchanged module's jar as it was; mark every jar as built now.
  touch embedded-infra/target/embedded-infra.jar
  for module in "${JAR_MODULES[@]}"; do touch "$module/target/$module.jar"; done
}

# ./mvnw package, showing a line per module as Maven reaches it (the first build downloads the
# dependencies and takes minutes), the whole output in build.log.
build() {
  say build "jars missing or older than their sources: ./mvnw package -DskipTests $* (log: $LOGS/build.log)"
  local began=$SECONDS
  if ! ./mvnw -B -DskipTests package "$@" 2>&1 | tee "$LOGS/build.log" \
      | sed -u -n 's/^\[INFO\] Building \([a-z-]*\) [^ ]* *\(\[[0-9]*\/[0-9]*\]\)$/\2 \1/p' \
      | while read -r step module; do say build "$step $module ($((SECONDS - began))s)"; done; then
    tail -n 40 "$LOGS/build.log" >&2
    die "build failed; see $LOGS/build.log"
  fi
}

start_server() {
  local name=$1 port=${SERVER_PORT[$1]}
  if [ -n "${EXTERNAL[$name]:-}" ]; then say "$name" "external: ${EXTERNAL[$name]}"; return 0; fi
  if is_running "$name"; then
    say "$name" "already running: ${!SERVER_VARIABLE[$name]}"
    # one started before the roles existed gets them now
    [ "$name" != postgres ] || make_postgres_roles
    return
  fi
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
  [ "$name" != postgres ] || make_postgres_roles
}

# The services' roles on the embedded PostgreSQL (deploy/postgres-roles.sql, run by embedded-infra's
# PostgresRoles: the embedded server has no psql), each password made on the first start and kept in
# .local/secrets/postgres-ROLE.password (folder mode 700, files 600). Run at every start: it also hands
# the tables of a platform from before the roles (made as the superuser) to their services. An
# external server's roles are its operator's to make, with the same script (README).
make_postgres_roles() {
  "$JAVA" -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "embedded-infra/target/embedded-infra.jar:embedded-infra/target/dist/lib/*" \
    dev.cinema.infra.PostgresRoles --port "${SERVER_PORT[postgres]}" --secrets "$LOCAL/secrets" >>"$LOGS/postgres.log" 2>&1 \
    || { tail -n 20 "$LOGS/postgres.log" >&2; say postgres "could not make the services' roles; see $LOGS/postgres.log"; return 1; }
}

# Gives this shell (about to start PART) the logins of the part's own roles instead of the superuser's:
# those the user set (AUTH_POSTGRES_USER, ...), else the embedded server's roles with their passwords
# from .local/secrets. A part left without one of its roles (an external server whose variables name
# none, an embedded one whose roles could not be made) keeps POSTGRES_USER, as before the roles.
use_postgres_logins() {
  local entry role prefix user file own=1
  for entry in ${POSTGRES_ROLES[$1]:-}; do
    role=${entry%%:*} prefix=${entry#*:} user=${entry#*:}_POSTGRES_USER
    [ -n "${!user:-}" ] && continue
    file="$LOCAL/secrets/postgres-$role.password"
    if [ -z "${EXTERNAL[postgres]:-}" ] && [ -f "$file" ]; then
      export "$user=$role" "${prefix}_POSTGRES_PASSWORD=$(<"$file")"
    else
      own=0
    fi
  done
  if [ $own = 1 ]; then unset POSTGRES_USER POSTGRES_PASSWORD; fi
}

# auth-service seals its signing keys under a key-encryption key: AUTH_KEY_ENCRYPTION_KEY or _FILE when
# given, else one made here at its first start, readable by this user only (.local/secrets, mode 600).
auth_key_encryption_key() {
  [ -n "${AUTH_KEY_ENCRYPTION_KEY:-}${AUTH_KEY_ENCRYPTION_KEY_FILE:-}" ] && return 0
  local file="$LOCAL/secrets/auth-key-encryption-key"
  if [ ! -s "$file" ]; then
    (umask 077 && mkdir -p "$LOCAL/secrets" && head -c 32 /dev/urandom | base64 >"$file.tmp" && mv "$file.tmp" "$file")
  fi
  export AUTH_KEY_ENCRYPTION_KEY_FILE=$file
}

start_service() {
  local name=$1 port=${SERVICE_PORT[$1]} management=${MANAGEMENT_PORT[$1]} module
  module=$(module_of "$name")
  [ "$module" = auth-service ] && auth_key_encryption_key
  if is_running "$name"; then say "$name" "already running: http://127.0.0.1:$port"; return 0; fi
  port_busy "$port" && { say "$name" "port $port is taken by another program"; return 1; }
  port_busy "$management" && { say "$name" "its management port $management is taken by another program"; return 1; }
  # A copy: a rebuild (./mvnw package) rewrites target/*.jar, and a JVM whose jar changes under it
  # fails to load its next class.
  cp "$module/target/$module.jar" "$RUN/$name.jar"
  # its own PostgreSQL role, never the superuser's login (a part that runs alone ends this script after)
  use_postgres_logins "$module"
  # SERVER_PORT and MANAGEMENT_SERVER_PORT (Spring Boot's server.port, management.server.port) outrank
  # the ports application.yml reads: each instance its own
  # shellcheck disable=SC2086
  spawn "$name" env "SERVER_PORT=$port" "MANAGEMENT_SERVER_PORT=$management" "$JAVA" $SERVICE_JAVA_OPTS -jar "$RUN/$name.jar"
  await "$name" "curl -fsS 'http://127.0.0.1:$management/actuator/health/readiness' | grep -q UP" || return 1
  say "$name" "up: http://127.0.0.1:$port (health: http://127.0.0.1:$management/actuator/health)"
}

# Sets NGINX_BIN: the variable's nginx, else the one on PATH or in /usr/sbin, else Debian's package,
# installed (with sudo when not root) after saying so.
ensure_nginx() {
  if [ -n "${NGINX_BIN:-}" ]; then
    [ -x "$NGINX_BIN" ] || die "NGINX_BIN=$NGINX_BIN is not an executable"
    return 0
  fi
  NGINX_BIN=$(command -v nginx 2>/dev/null || true)
  [ -z "$NGINX_BIN" ] && [ -x /usr/sbin/nginx ] && NGINX_BIN=/usr/sbin/nginx
  [ -n "$NGINX_BIN" ] && return 0
  command -v apt-get >/dev/null 2>&1 || die "nginx is needed: install it, or set NGINX_BIN to an nginx binary"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  say nginx "not installed: running '${sudo:+sudo }apt-get install nginx' now (to use another nginx, stop with Ctrl-C and set NGINX_BIN)"
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nginx; } >>"$LOGS/nginx.log" 2>&1 \
    || die "could not install nginx; see $LOGS/nginx.log (or set NGINX_BIN to an nginx binary)"
  NGINX_BIN=/usr/sbin/nginx
}

# Whether uid 65534 can enter every folder on the way to $1.
reachable_by_others() {
  local dir
  dir=$(cd "$1" && pwd -P)
  while [ "$dir" != / ]; do
    [ -n "$(find "$dir" -maxdepth 0 -perm -o=x)" ] || return 1
    dir=$(dirname "$dir")
  done
}

# The unprivileged folder, open to others on the way to it, and marked as this clone's (clean
# deletes only a folder so marked).
make_unprivileged_folder() {
  local dir=$CINEMA_UNPRIVILEGED_DIR made=()
  while [ ! -e "$dir" ]; do made+=("$dir"); dir=$(dirname "$dir"); done
  mkdir -p "$CINEMA_UNPRIVILEGED_DIR"
  # Only the folders made here are opened: whatever the umask, uid 65534 must pass them.
  for dir in "${made[@]}" "$CINEMA_UNPRIVILEGED_DIR"; do chmod o+rx "$dir"; done
  reachable_by_others "$CINEMA_UNPRIVILEGED_DIR" || die "uid 65534 cannot reach $CINEMA_UNPRIVILEGED_DIR: set CINEMA_UNPRIVILEGED_DIR to a folder every user can enter"
  echo "$ROOT" >"$CINEMA_UNPRIVILEGED_DIR/.cinema-clone"
}

# The server lines of an upstream: one per instance of the module this start runs.
upstream_servers() {
  local name servers=""
  for name in "${SERVICES[@]}"; do
    [ "$(module_of "$name")" = "$1" ] && servers+="server 127.0.0.1:${SERVICE_PORT[$name]} max_fails=3 fail_timeout=10s; "
  done
  echo "$servers"
}

# Whether nginx is given a certificate to serve https with.
tls_on() { [ -n "${NGINX_TLS_CERT:-}" ] && [ -n "${NGINX_TLS_KEY:-}" ]; }

# NGINX_TLS=self-signed: a certificate for localhost and 127.0.0.1 made once into $LOCAL/tls (the key
# readable by its owner alone), used as NGINX_TLS_CERT and NGINX_TLS_KEY unless those name a pair.
ensure_tls_pair() {
  [ "${NGINX_TLS:-}" = self-signed ] || return 0
  tls_on && return 0
  local tls="$LOCAL/tls"
  NGINX_TLS_CERT="$tls/cert.pem" NGINX_TLS_KEY="$tls/key.pem"
  [ -s "$NGINX_TLS_CERT" ] && [ -s "$NGINX_TLS_KEY" ] && return 0
  command -v openssl >/dev/null 2>&1 || die "NGINX_TLS=self-signed needs openssl (Debian: apt-get install openssl), or set NGINX_TLS_CERT and NGINX_TLS_KEY"
  mkdir -p "$tls"
  local made
  made=$(umask 077 && openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$NGINX_TLS_KEY" -out "$NGINX_TLS_CERT" 2>&1) \
    || die "openssl could not make a self-signed pair: $made"
  chmod 600 "$NGINX_TLS_KEY"
  chmod 644 "$NGINX_TLS_CERT"
  say nginx "made a self-signed certificate: $NGINX_TLS_CERT"
}

# The TLS listener's directives, or nothing when no certificate is given.
tls_listener() {
  tls_on || return 0
  local file
  for file in "$NGINX_TLS_CERT" "$NGINX_TLS_KEY"; do
    [ -r "$file" ] || die "NGINX_TLS_CERT and NGINX_TLS_KEY must be readable files; $file is not"
    [[ $file =~ ^[A-Za-z0-9_./@+-]+$ ]] || die "NGINX_TLS_CERT and NGINX_TLS_KEY: a path of letters, digits and _ . / @ + - please, not '$file'"
  done
  echo "listen $NGINX_TLS_PORT ssl; ssl_certificate $(realpath "$NGINX_TLS_CERT"); ssl_certificate_key $(realpath "$NGINX_TLS_KEY");"
}

# Each address or CIDR of NGINX_TRUSTED_PROXIES (spaces or commas between) in the format "$1" (%s: the proxy).
trusted_proxies() {
  local proxy proxies=${NGINX_TRUSTED_PROXIES:-}
  for proxy in ${proxies//,/ }; do
    [[ $proxy =~ ^[0-9A-Fa-f.:]+(/[0-9]{1,3})?$ ]] || die "NGINX_TRUSTED_PROXIES: '$proxy' is not an address or a CIDR"
    # shellcheck disable=SC2059
    printf "$1" "$proxy"
  done
}

write_nginx_config() {
  local dir="$LOCAL/nginx" user_directive="" html="$ROOT/nginx/html" tls_listener real_ip_from trusted_proxy_geo
  tls_listener=$(tls_listener) || exit 1
  real_ip_from=$(trusted_proxies 'set_real_ip_from %s; ') || exit 1
  trusted_proxy_geo=$(trusted_proxies '%s 1; ') || exit 1
  if [ "$(id -u)" = 0 ]; then
    # Workers drop to nobody: they must write their temporary files and read the page, so both
    # live where that uid reaches them.
    user_directive="user nobody nogroup;"
    if ! reachable_by_others "$ROOT"; then
      make_unprivileged_folder
      dir="$CINEMA_UNPRIVILEGED_DIR/nginx"
      mkdir -p "$dir"
      rm -rf "$dir/html"
      cp -R "$ROOT/nginx/html" "$dir/html"
      chmod -R o+rX "$dir"
      html="$dir/html"
    fi
    mkdir -p "$dir/tmp"
    chown -R nobody:nogroup "$dir/tmp"
  fi
  mkdir -p "$dir/tmp" "$LOCAL/nginx"
  sed -e "s#@RUN_DIR@#$RUN#g" -e "s#@LOG_DIR@#$LOGS#g" -e "s#@TMP_DIR@#$dir/tmp#g" \
      -e "s#@HTML_DIR@#$html#g" -e "s#@MIME_TYPES@#$ROOT/nginx/mime.types#g" \
      -e "s#@USER_DIRECTIVE@#$user_directive#g" -e "s#@NGINX_PORT@#$NGINX_PORT#g" \
      -e "s#@AUTH_ADDRESS@#127.0.0.1:${SERVICE_PORT[auth-service]}#g" \
      -e "s#@UGC_SERVERS@#$(upstream_servers ugc-service)#g" \
      -e "s#@ASYNC_API_ADDRESS@#127.0.0.1:${SERVICE_PORT[async-api]}#g" \
      -e "s#@RECSYS_ADDRESS@#127.0.0.1:${SERVICE_PORT[recsys-service]}#g" \
      -e "s#@AUTH_RATE@#${NGINX_AUTH_RATE:-10r/s}#g" -e "s#@AUTH_BURST@#${NGINX_AUTH_BURST:-20}#g" \
      -e "s#@WRITE_RATE@#${NGINX_WRITE_RATE:-50r/s}#g" -e "s#@WRITE_BURST@#${NGINX_WRITE_BURST:-100}#g" \
      -e "s#@WRITE_DELAY@#${NGINX_WRITE_DELAY:-40}#g" \
      -e "s#@REFRESH_RATE@#${NGINX_REFRESH_RATE:-10r/s}#g" -e "s#@REFRESH_BURST@#${NGINX_REFRESH_BURST:-20}#g" \
      -e "s#@SECURITY_HEADERS@#$ROOT/nginx/security-headers.conf#g" -e "s#@TLS_LISTENER@#$tls_listener#g" \
      -e "s#@REAL_IP_FROM@#$real_ip_from#g" -e "s#@TRUSTED_PROXY_GEO@#$trusted_proxy_geo#g" \
      nginx/nginx.conf.template >"$LOCAL/nginx/nginx.conf"
  echo "$LOCAL/nginx/nginx.conf"
}

start_nginx() {
  ensure_tls_pair
  if is_running nginx; then reload_nginx_if_changed; return; fi
  port_busy "$NGINX_PORT" && { say nginx "port $NGINX_PORT is taken by another program: set NGINX_PORT"; return 1; }
  if tls_on; then port_busy "$NGINX_TLS_PORT" && { say nginx "port $NGINX_TLS_PORT is taken by another program: set NGINX_TLS_PORT"; return 1; }; fi
  ensure_nginx
  local config
  config=$(write_nginx_config) || return 1
  "$NGINX_BIN" -t -c "$config" >>"$LOGS/nginx.log" 2>&1 || { tail -n 5 "$LOGS/nginx.log" >&2; say nginx "rejected $config"; return 1; }
  spawn nginx "$NGINX_BIN" -c "$config" -g 'daemon off;'
  await nginx "curl -fsS -o /dev/null 'http://127.0.0.1:$NGINX_PORT/'" || return 1
  say nginx "up: http://127.0.0.1:$NGINX_PORT$(tls_on && echo " and https://127.0.0.1:$NGINX_TLS_PORT")"
}

# A running nginx whose configuration this start would write otherwise (other ugc-service instances)
# reloads it: its workers finish the requests they hold, new ones go to the new upstreams.
reload_nginx_if_changed() {
  local config before
  before=$(cat "$LOCAL/nginx/nginx.conf" 2>/dev/null || true)
  ensure_nginx
  config=$(write_nginx_config) || return 1
  if [ "$(cat "$config")" = "$before" ]; then say nginx "already running: http://127.0.0.1:$NGINX_PORT"; return 0; fi
  "$NGINX_BIN" -t -c "$config" >>"$LOGS/nginx.log" 2>&1 || { tail -n 5 "$LOGS/nginx.log" >&2; say nginx "rejected $config"; return 1; }
  kill -HUP "$(pid_of nginx)"
  say nginx "reloaded its new configuration: upstreams $(upstream_servers ugc-service | grep -o '127.0.0.1:[0-9]*' | paste -sd ' ') for ugc-service"
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
    local started=0 kind
    kind=$(kind_of "$1")
    case $kind in
      server) trap stop_started_here EXIT; ensure_built servers; start_server "$1" || started=1 ;;
      service) trap stop_started_here EXIT; ensure_built; start_service "$1" || started=1 ;;
      nginx) trap stop_started_here EXIT; start_nginx || started=1 ;;
    esac
    [ $started = 0 ] || die "$1 did not start"
    trap - EXIT
    return
  fi
  local began=$SECONDS
  # Whatever ends this start early (a failed part, a failed install, Ctrl-C) stops what it started.
  trap stop_started_here EXIT
  ensure_built
  local built=$SECONDS
  start_all_of server "${SERVERS[@]}" || failed_start "a server"
  start_all_of service "${SERVICES[@]}" || failed_start "a service"
  start_nginx || failed_start nginx
  trap - EXIT
  load_demo_catalog_when_missing
  say platform "up in $((SECONDS - built))s (build $((built - began))s): open http://127.0.0.1:$NGINX_PORT"
}

failed_start() {
  say platform "$1 did not start: stopping what this start started"
  die "$1 did not start (logs: $LOGS)"
}

# The catalog ETL against the servers this script runs (or the external ones named by their variables).
run_etl() (
  use_postgres_logins catalog-etl
  # shellcheck disable=SC2086
  "$JAVA" $ETL_JAVA_OPTS -jar catalog-etl/target/catalog-etl.jar "$@"
)

# The number of films in Elasticsearch's movies index: 0 when the index is missing, "unknown" when
# Elasticsearch does not say (down, recovering, refusing us).
films_in_index() {
  local answer status
  answer=$(curl -sS --max-time 10 -w '\n%{http_code}' "$ELASTICSEARCH_URL/movies/_count" 2>/dev/null || true)
  status=${answer##*$'\n'}
  case $status in
    200) sed -n 's/.*"count":\([0-9]*\).*/\1/p' <<<"$answer" | head -n 1 ;;
    404) echo 0 ;;
    *) echo unknown ;;
  esac
}

# Loads the demo catalog when the films index is missing or empty (a new or wiped Elasticsearch);
# a catalog of the user's own, or an index that cannot be counted, is left alone.
load_demo_catalog_when_missing() {
  local films
  films=$(films_in_index)
  [ "$films" = 0 ] || return 0
  say catalog "no films in $ELASTICSEARCH_URL/movies: loading the demo catalog"
  if run_etl run --demo --full >>"$LOGS/catalog-etl.log" 2>&1; then
    curl -fsS -X POST "$ELASTICSEARCH_URL/movies/_refresh" >/dev/null 2>&1 || true
    say catalog "demo catalog loaded: $(films_in_index) films in the index; log: $LOGS/catalog-etl.log"
  else
    say catalog "demo catalog NOT loaded; see $LOGS/catalog-etl.log (tried again on the next start)"
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
  use_postgres_logins recsys-service
  # shellcheck disable=SC2086
  "$JAVA" $SERVICE_JAVA_OPTS -Xmx512m --enable-native-access=ALL-UNNAMED -jar recsys-service/target/recsys-service.jar --spring.profiles.active=eval \
    --recsys.eval.dir="$(cd "$dir" && pwd)" --recsys.eval.json="$LOCAL/eval.json" \
    --logging.file.name="$LOGS/eval.log" --logging.threshold.console=OFF
}

# One training run of the collaborative model, now, against recsys-service's database; its last line
# says what became of the model (serving, rejected as worse than the serving one, or why none).
train() {
  mkdir -p "$RUN" "$LOGS" "$DATA"
  find_java
  ensure_built
  [ -n "${EXTERNAL[postgres]:-}" ] || is_running postgres || start_server postgres || die "postgres did not start"
  say train "Spark in local mode on recsys-service's likes (log: $LOGS/training.log)"
  local status=0
  # shellcheck disable=SC2086
  (use_postgres_logins recsys-training; exec "$JAVA" $TRAINING_JAVA_OPTS -jar "$RECSYS_TRAINING_JAR" "$@") 2>"$LOGS/training.log" || status=$?
  case $status in
    0) ;;
    10) say train "another run holds the lock: nothing trained" ;;
    3) tail -n 5 "$LOGS/training.log" >&2; die "training ran out of memory (TRAINING_JAVA_OPTS: $TRAINING_JAVA_OPTS); the serving model stays" ;;
    11) say train "too few likes to train on yet: the recommender uses co-likes and content meanwhile" ;;
    *) tail -n 20 "$LOGS/training.log" >&2; die "training failed (status $status); the serving model stays" ;;
  esac
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
  local name probes=() state variable
  declare -A health=()
  for name in "${SERVERS[@]}"; do
    if [ -n "${EXTERNAL[$name]:-}" ] || is_running "$name"; then
      variable=${SERVER_VARIABLE[$name]}
      probes+=("$name=${!variable}")
    fi
  done
  if [ ${#probes[@]} -gt 0 ] && [ -f embedded-infra/target/embedded-infra.jar ]; then
    find_java
    while IFS=$'\t' read -r name state; do health[$name]=$state; done < <("$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
      -cp "embedded-infra/target/embedded-infra.jar:embedded-infra/target/dist/lib/*" dev.cinema.infra.Health "${probes[@]}" 2>/dev/null || true)
  fi
  for name in "${SERVERS[@]}"; do
    state=${health[$name]:-not asked}
    if [ -n "${EXTERNAL[$name]:-}" ]; then say "$name" "external: ${EXTERNAL[$name]} ($state)"
    elif is_running "$name"; then say "$name" "running (pid $(pid_of "$name")): ${SERVER_DEFAULT[$name]} ($state)"
    else say "$name" "stopped"; fi
  done
  for name in "${SERVICES[@]}"; do
    if is_running "$name"; then
      local health
      health=$(curl -fsS "http://127.0.0.1:${MANAGEMENT_PORT[$name]}/actuator/health" 2>/dev/null || echo '{"status":"unreachable"}')
      say "$name" "running (pid $(pid_of "$name")): http://127.0.0.1:${SERVICE_PORT[$name]} $health"
    else say "$name" "stopped"; fi
  done
  if is_running nginx; then say nginx "running (pid $(pid_of nginx)): http://127.0.0.1:$NGINX_PORT"; else say nginx "stopped"; fi
}

# Stops everything, then removes what it kept: .local and this clone's unprivileged folder.
clean() {
  stop
  rm -rf "$LOCAL"
  say clean "removed $LOCAL"
  if [ -d "$CINEMA_UNPRIVILEGED_DIR" ]; then
    if [ "$(cat "$CINEMA_UNPRIVILEGED_DIR/.cinema-clone" 2>/dev/null)" = "$ROOT" ]; then
      rm -rf "$CINEMA_UNPRIVILEGED_DIR"
      say clean "removed $CINEMA_UNPRIVILEGED_DIR"
    else
      say clean "left $CINEMA_UNPRIVILEGED_DIR: it is not marked as this clone's (.cinema-clone)"
    fi
  fi
}

# Puts the events recsys-service kept in ugc.reactions.v1.dlt back on their topic, once what made
# them unappliable is fixed; asks as the administrator named by AUTH_ADMIN_LOGIN and AUTH_ADMIN_PASSWORD.
replay_dead_letters() {
  [ -n "${AUTH_ADMIN_LOGIN:-}" ] && [ -n "${AUTH_ADMIN_PASSWORD:-}" ] \
    || die "replay-dlt asks as an administrator: set AUTH_ADMIN_LOGIN and AUTH_ADMIN_PASSWORD"
  local credentials token
  credentials=$(printf '{"login":"%s","password":"%s"}' "$(json_escaped "$AUTH_ADMIN_LOGIN")" "$(json_escaped "$AUTH_ADMIN_PASSWORD")")
  token=$(curl -fsS -H 'Content-Type: application/json' -d "$credentials" \
    "http://127.0.0.1:${SERVICE_PORT[auth-service]}/api/v1/auth/login" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p') \
    || die "the administrator's login failed"
  [ -n "$token" ] || die "the administrator's login gave no token"
  curl -fsS -X POST -H "Authorization: Bearer $token" "http://127.0.0.1:${SERVICE_PORT[recsys-service]}/api/v1/admin/dead-letters/replay" \
    || die "recsys-service refused the replay"
  echo
}

# The soak injects faults into this platform (started when it is not): it runs platform-tests' Soak
# from its test classes, with this script's ports, and exits non-zero when an invariant was broken.
soak() {
  local minutes=${1:-3}
  [[ $minutes =~ ^[0-9]+([.][0-9]+)?$ ]] || die "usage: ./local_run.sh soak [MINUTES]"
  start
  mkdir -p "$LOCAL/soak"
  say soak "compiling platform-tests' test classes (log: $LOGS/soak-build.log)"
  ./mvnw -B -q -pl embedded-infra,recsys-model,platform-tests test-compile dependency:build-classpath \
      -Dmdep.outputFile=target/soak.classpath -Dmdep.includeScope=test >"$LOGS/soak-build.log" 2>&1 \
    || { tail -n 30 "$LOGS/soak-build.log" >&2; die "could not compile the soak; see $LOGS/soak-build.log"; }
  # the parts' ports as this script has them, so that the soak finds (and faults) this platform
  local ports=(NGINX_PORT="$NGINX_PORT" AUTH_PORT="${SERVICE_PORT[auth-service]}" UGC_PORT="${SERVICE_PORT[ugc-service]}"
    ASYNC_API_PORT="${SERVICE_PORT[async-api]}" RECSYS_PORT="${SERVICE_PORT[recsys-service]}"
    RECSYS_MANAGEMENT_PORT="${MANAGEMENT_PORT[recsys-service]}" POSTGRES_PORT="${SERVER_PORT[postgres]}"
    KAFKA_PORT="${SERVER_PORT[kafka]}" ELASTICSEARCH_PORT="${SERVER_PORT[elasticsearch]}" MONGO_PORT="${SERVER_PORT[mongo]}"
    REDIS_PORT="${SERVER_PORT[redis]}")
  # shellcheck disable=SC2086
  (cd platform-tests && env "${ports[@]}" "$JAVA" -Xmx512m -Dslf4j.internal.verbosity=ERROR ${SOAK_OPTS:-} \
    -cp "target/test-classes:target/classes:$(cat target/soak.classpath)" \
    -Dcinema.url="http://127.0.0.1:$NGINX_PORT" -Dcinema.root="$ROOT" -Dsoak.out="$LOCAL/soak" \
    dev.cinema.platform.soak.Soak "$minutes")
}

json_escaped() {
  local text=${1//\\/\\\\}
  printf '%s' "${text//\"/\\\"}"
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
  clean) clean ;;
  logs) logs "$@" ;;
  etl) etl "$@" ;;
  eval) evaluate "$@" ;;
  train) train "$@" ;;
  bench) exec scripts/platform-bench.sh "$@" ;;
  soak) soak "$@" ;;
  replay-dlt) replay_dead_letters ;;
  help | -h | --help) sed -n '2,47p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) die "unknown command '$command'; try ./local_run.sh help" ;;
esac
