#!/usr/bin/env bash
# Runs the order fulfilment benchmark: scripts/benchmark.sh [clients=8] [orders=2000] [embedded|postgres]
# Prints orders/s and POST->CONFIRMED latency percentiles beside the raw commit rate of the same database.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${3:-embedded}" = postgres ] && scripts/start-services.sh
./mvnw -B -ntp -q -pl infra/launcher -am -DskipTests install
./mvnw -B -ntp -q -pl infra/launcher dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmark.classpath
exec java -Ddisable-axoniq-console-message=true -Dlogging.level.root=WARN \
  --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.nio=ALL-UNNAMED \
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.management/sun.management=ALL-UNNAMED \
  --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED --add-exports java.base/jdk.internal.ref=ALL-UNNAMED \
  -cp "infra/launcher/target/test-classes:infra/launcher/target/classes:$(cat infra/launcher/target/benchmark.classpath)" \
  io.axle.launcher.benchmark.OrderThroughputBenchmark "$@"
