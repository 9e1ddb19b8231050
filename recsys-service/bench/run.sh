#!/usr/bin/env bash
# The recsys-service benchmark, on the platform ./local_run.sh runs (started when it is not):
#   llm:      GigaChat played by WireMock answering through the ranking function in 500 ms (10
#             candidates, 3 discoveries), the LLM capped at 8 calls at once: the limit is
#             8 / 0.5 s = 16 viewers/s (goal >= 90%; the cadence's settling off, the budgets lifted);
#   builtin:  RECSYS_LLM_PROVIDER=none with no collaborative model (co-likes and content: the
#             recommender of a young platform; the serving model is set aside for it and put back);
#   model:    RECSYS_LLM_PROVIDER=none with the collaborative model serving (trained first on the
#             platform's likes when none serves; goal >= 1,000 viewers/s).
# Per run, USERS new viewers (default 10,000; LLM_USERS, default 800, in the llm mode) each like 3
# demo films through Kafka while nobody is due (refresh delay 1 h); once all their likes are applied
# they are made due at once (bench/BenchDatabase.java), and the rate is the viewers refreshed per
# second from then to the last refresh (recsys.refresh metric): the refresh alone, not the likes'
# arrival. The event-to-profile lag p95 (recsys.event.lag) is that of this burst: all of a run's
# likes are published within seconds, so it is the time the backlog takes to be applied. recsys-service is restarted for each mode
# and left running as ./local_run.sh starts it at the end.
#
#   recsys-service/bench/run.sh [USERS] [RUNS]      (MODES="builtin model" leaves the LLM out)
# Automatic training is off meanwhile (RECSYS_TRAIN_INTERVAL=0).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
USERS=${1:-10000}
LLM_USERS=${LLM_USERS:-800}
RUNS=${2:-3}
BENCH_DIR=$ROOT/recsys-service/target/bench
mkdir -p "$BENCH_DIR/wiremock/mappings"
source scripts/jdk.sh
source scripts/bench.sh
JAVA=$JAVA_HOME/bin/java
ES=${ELASTICSEARCH_URL:-http://127.0.0.1:19200}
KAFKA=${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:19092}
RECSYS=http://127.0.0.1:${RECSYS_PORT:-8084}
# its metrics: on its management port, as local_run.sh sets it (with the scrape token when one is set)
RECSYS_MANAGEMENT=http://127.0.0.1:${RECSYS_MANAGEMENT_PORT:-$((${RECSYS_PORT:-8084} + 10))}
SCRAPE=(); [ -z "${MANAGEMENT_SCRAPE_TOKEN:-}" ] || SCRAPE=(-H "Authorization: Bearer $MANAGEMENT_SCRAPE_TOKEN")
GIGACHAT_PORT=${GIGACHAT_PORT:-18090}

./local_run.sh start >/dev/null
curl -fsS "$ES/movies/_search?size=1000&_source=false" | grep -o '"_id":"[^"]*"' | cut -d'"' -f4 >"$BENCH_DIR/films.txt"
[ -s "$BENCH_DIR/films.txt" ] || { echo "no films in $ES/movies: has the demo catalog been loaded?" >&2; exit 1; }

# GigaChat: a token, and chat answers after 500 ms through the ranking function: 10 of the candidates
# (c1 to c10: the service shuffles its candidates, so these are 10 of them at random) and 3 real
# catalog titles as discoveries. The usage is what such a call costs, about (4 characters a token:
# a prompt of 40 candidates and 3 likes is some 3,200 characters, this answer some 450): the budget counts it.
wiremock_version=$(sed -n 's:.*<wiremock.version>\(.*\)</wiremock.version>.*:\1:p' pom.xml)
[ -f "$BENCH_DIR/wiremock.jar" ] || ./mvnw -q -B dependency:copy -Dartifact="org.wiremock:wiremock-standalone:$wiremock_version" \
  -DoutputDirectory="$BENCH_DIR" -Dmdep.stripVersion=true >/dev/null && mv -f "$BENCH_DIR/wiremock-standalone.jar" "$BENCH_DIR/wiremock.jar" 2>/dev/null || true
mkdir -p "$BENCH_DIR/wiremock/__files"
discoveries=$(curl -fsS "$ES/movies/_search?size=3&_source=title" | grep -o '"title":"[^"]*"' | cut -d'"' -f4 | tr -d '\\"' \
  | awk '{ printf "%s{\"title\": \"%s\"}", (NR > 1 ? ", " : ""), $0 }')
picks=$(seq 1 10 | awk '{ printf "%s{\"id\": \"c%d\", \"because\": \"l1\"}", (NR > 1 ? ", " : ""), $0 }')
printf '{"choices": [{"message": {"role": "assistant", "content": "", "function_call": {"name": "rank_films", "arguments": {"picks": [%s], "discoveries": [%s]}}, "functions_state_id": "00000000-0000-4000-8000-000000000000"}, "index": 0, "finish_reason": "function_call"}], "created": 1, "model": "GigaChat-2", "object": "chat.completion", "usage": {"prompt_tokens": 800, "completion_tokens": 110, "precached_prompt_tokens": 0, "total_tokens": 910}}\n' \
  "$picks" "$discoveries" >"$BENCH_DIR/wiremock/__files/chat.json"
cat >"$BENCH_DIR/wiremock/mappings/token.json" <<'JSON'
{"request": {"method": "POST", "url": "/api/v2/oauth"},
 "response": {"status": 200, "headers": {"Content-Type": "application/json"},
              "jsonBody": {"access_token": "bench-token", "expires_at": 4102444800000}}}
JSON
cat >"$BENCH_DIR/wiremock/mappings/chat.json" <<'JSON'
{"request": {"method": "POST", "url": "/api/v1/chat/completions"},
 "response": {"status": 200, "fixedDelayMilliseconds": 500, "headers": {"Content-Type": "application/json"},
              "bodyFileName": "chat.json"}}
JSON
"$JAVA" -jar "$BENCH_DIR/wiremock.jar" --port "$GIGACHAT_PORT" --root-dir "$BENCH_DIR/wiremock" --max-request-journal-entries 100 \
  --async-response-enabled true --container-threads 32 >"$BENCH_DIR/wiremock.log" 2>&1 &
WIREMOCK_PID=$!
JDBC=jdbc:${POSTGRES_URL:-postgresql://127.0.0.1:${POSTGRES_PORT:-15432}}/recsys
bench_database() { "$JAVA" -cp 'recsys-training/target/lib/*' recsys-service/bench/BenchDatabase.java "$JDBC" "$@"; }
SET_ASIDE=""
cleanup() {
  kill "$WIREMOCK_PID" 2>/dev/null || true
  [ -z "$SET_ASIDE" ] || bench_database back "$SET_ASIDE" || echo "could not put model $SET_ASIDE back: make it serve again" >&2
  ./local_run.sh stop recsys-service >/dev/null 2>&1 || true
  env -u RECSYS_LLM_PROVIDER ./local_run.sh start recsys-service >/dev/null 2>&1 || true
}
trap cleanup EXIT
for _ in $(seq 1 60); do curl -fsS -o /dev/null -X POST "http://127.0.0.1:$GIGACHAT_PORT/api/v2/oauth" 2>/dev/null && break; sleep 1; done

# (A metric that has not counted yet does not exist: 0.)
refreshed() {
  curl -fsS "${SCRAPE[@]}" "$RECSYS_MANAGEMENT/actuator/metrics/recsys.refresh?tag=result:done" 2>/dev/null | grep -o '"value":[0-9.E]*' | head -1 | cut -d: -f2 \
    | awk '{ v = $1 } END { printf "%d", v }'
}
lag_p95() { curl -fsS "${SCRAPE[@]}" "$RECSYS_MANAGEMENT/actuator/metrics/recsys.event.lag.percentile?tag=phi:0.95" 2>/dev/null | grep -o '"value":[0-9.E-]*' | head -1 | cut -d: -f2 | awk '{ printf "%.3f", $1 }'; }

likes() { "$JAVA" -cp "embedded-infra/target/dist/kafka/*" recsys-service/bench/Likes.java "$KAFKA" "$BENCH_DIR/films.txt" "$1" 3 >/dev/null; }


measure() { # VIEWERS; prints: viewers/s lag-p95-s
  local before start due count=0 deadline lag waiting
  # (viewers left waiting before, such as those a model was first trained on, are refreshed with these)
  waiting=$(bench_database waiting)
  likes "$1"
  # the likes are applied while nobody is due (refresh delay 1 h); then all the new viewers at once
  deadline=$((SECONDS + 900))
  until [ "$(bench_database waiting)" -ge $((waiting + $1)) ] || [ $SECONDS -ge $deadline ]; do sleep 1; done
  # read now: the timer's percentiles forget what is older than two minutes
  lag=$(lag_p95)
  before=$(refreshed)
  start=$(date +%s.%N)
  due=$(bench_database due)
  deadline=$((SECONDS + 900))
  while [ $SECONDS -lt $deadline ]; do
    count=$(( $(refreshed) - before ))
    [ "$count" -ge "$due" ] && break
    sleep 0.1
  done
  echo "$(calc "$count / ($(date +%s.%N) - $start)") $lag"
}

: >"$BENCH_DIR/results.txt"
export RECSYS_TRAIN_INTERVAL=0
for mode in ${MODES:-llm builtin model}; do
  ./local_run.sh stop recsys-service >/dev/null
  if [ $mode = builtin ] && [ -z "$SET_ASIDE" ]; then
    SET_ASIDE=$(bench_database aside)
  elif [ $mode = model ]; then
    if [ -n "$SET_ASIDE" ]; then
      bench_database back "$SET_ASIDE"
      SET_ASIDE=""
    fi
    if [ -z "$(bench_database version)" ]; then
      echo "no model serves: $USERS viewers like 3 films each, then ./local_run.sh train" >&2
      RECSYS_LLM_PROVIDER=none RECSYS_REFRESH_DELAY=1h ./local_run.sh start recsys-service >/dev/null
      likes "$USERS"
      until [ "$(bench_database waiting)" -ge "$USERS" ]; do sleep 1; done
      ./local_run.sh train >&2
      ./local_run.sh stop recsys-service >/dev/null
    fi
  fi
  if [ $mode = llm ]; then
    RECSYS_LLM_PROVIDER=gigachat GIGACHAT_AUTH_KEY=bench GIGACHAT_AUTH_URL="http://127.0.0.1:$GIGACHAT_PORT/api/v2" \
      GIGACHAT_API_URL="http://127.0.0.1:$GIGACHAT_PORT/api/v1" RECSYS_LLM_CONCURRENCY=8 RECSYS_LLM_REQUESTS_PER_MINUTE=100000 \
      RECSYS_LLM_SETTLE=0s RECSYS_LLM_DAILY_CALLS=100000000 RECSYS_LLM_DAILY_TOKENS=100000000000 RECSYS_REFRESH_DELAY=1h ./local_run.sh start recsys-service >/dev/null
  else
    RECSYS_LLM_PROVIDER=none RECSYS_REFRESH_DELAY=1h ./local_run.sh start recsys-service >/dev/null
  fi
  for run in $(seq 1 "$RUNS"); do
    read -r rate lag <<<"$(measure "$([ $mode = llm ] && echo "$LLM_USERS" || echo "$USERS")")"
    echo "$mode $rate $lag" >>"$BENCH_DIR/results.txt"
    printf '%-8s run %s: %8.1f viewers/s, event-to-profile lag p95 %s s\n' "$mode" "$run" "$rate" "$lag"
  done
done
for mode in ${MODES:-llm builtin model}; do
  rate=$(grep "^$mode " "$BENCH_DIR/results.txt" | cut -d' ' -f2 | median)
  lag=$(grep "^$mode " "$BENCH_DIR/results.txt" | cut -d' ' -f3 | median)
  printf '%-8s median: %8.1f viewers/s, lag p95 %s s\n' "$mode" "$rate" "$lag"
done
if [[ " ${MODES:-llm builtin model} " == *" llm "* ]]; then
  # what a call costs: the size of the last prompts sent (about 4 characters a token)
  prompt_chars=$(curl -fsS "http://127.0.0.1:$GIGACHAT_PORT/__admin/requests?limit=100" | "$JAVA" -cp 'recsys-training/target/lib/*' recsys-service/bench/PromptSizes.java | median | awk '{ printf "%d", $1 }')
  echo "llm prompt: median $prompt_chars characters (system and user messages), about $((prompt_chars / 4)) tokens a call"
fi
echo "goals: llm >= 14.4 viewers/s (90% of 8 calls / 0.5 s); built-in with the model >= 1,000 viewers/s; lag p95 <= 1 s"
