#!/usr/bin/env bash
# Runs the order fulfilment benchmark: scripts/benchmark.sh [clients=8] [orders=2000] [embedded|postgres]
# Prints orders/s and POST->CONFIRMED latency percentiles beside the raw commit rate of the same database.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${3:-embedded}" = postgres ] && scripts/start-services.sh
./mvnw -B -ntp -q -pl infra/launcher -am -DskipTests install
./mvnw -B -ntp -q -pl infra/launcher dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmark.classpath
exec java @scripts/jvm.options -Dlogging.level.root=WARN \
  -cp "infra/launcher/target/test-classes:infra/launcher/target/classes:$(cat infra/launcher/target/benchmark.classpath)" \
  io.axle.launcher.benchmark.OrderThroughputBenchmark "$@"
