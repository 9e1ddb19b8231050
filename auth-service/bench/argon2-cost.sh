#!/usr/bin/env bash
# The cost of one password check at auth-service's argon2id settings beside Spring's former defaults,
# on one core, with no service running: auth-service/bench/argon2-cost.sh [ROUNDS] [CHECKS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."
. scripts/jdk.sh
cp=$(./mvnw -B -q -o dependency:build-classpath -pl auth-service -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime)
exec "$JAVA_HOME/bin/java" -cp "$cp" "$here/Argon2Cost.java" "$@"
