# Sourced by ugc-service's benchmarks: ugc-service's own libraries unpacked into $BENCH_DIR/jar, plus
# the synchronous MongoDB driver of the same version as the service's (the plain client of the
# baseline); the classpath to run the benchmarks' single-file programs with is in $BENCH_CLASSPATH.
rm -rf "$BENCH_DIR/jar"
unzip -q -o ugc-service/target/ugc-service.jar 'BOOT-INF/lib/*' -d "$BENCH_DIR/jar"
driver=$(ls "$BENCH_DIR"/jar/BOOT-INF/lib/ | sed -n 's/^mongodb-driver-core-\(.*\)\.jar$/\1/p')
./mvnw -q -B dependency:copy -Dartifact="org.mongodb:mongodb-driver-sync:$driver" -DoutputDirectory="$BENCH_DIR/jar/BOOT-INF/lib" >/dev/null
BENCH_CLASSPATH="$BENCH_DIR/jar/BOOT-INF/lib/*"
