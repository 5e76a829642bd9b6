#!/usr/bin/env bash
# Runs a benchmark and prints its figures beside the matching limit or peer measured in the same run (the orders and
# telemetry benchmarks boot Axle; the invoices one renders and signs in this JVM).
#   scripts/benchmark.sh orders    [clients=8] [orders=2000] [embedded|postgres]
#       orders/s and POST->CONFIRMED latency, beside the raw commit rate of the same database
#   scripts/benchmark.sh telemetry [sensors=50] [readings=50000]
#       readings/s stored and MQTT publish->read model latency, beside the raw MQTT broker throughput
#   scripts/benchmark.sh invoices  [seconds per measure=10] [threads=cores]
#       invoices/s rendered and rendered+signed, on one thread and on all cores, with their ratios
set -euo pipefail
cd "$(dirname "$0")/.."
benchmark=${1:-orders}
shift || true
case "$benchmark" in
  orders) main=io.axle.launcher.benchmark.OrderThroughputBenchmark
          [ "${3:-embedded}" = postgres ] && scripts/start-services.sh ;;
  telemetry) main=io.axle.launcher.benchmark.TelemetryBenchmark ;;
  invoices) main=io.axle.launcher.benchmark.InvoiceRenderBenchmark ;;
  *) echo "unknown benchmark '$benchmark' (orders, telemetry, invoices)" >&2; exit 2 ;;
esac
./mvnw -B -ntp -q -pl infra/launcher -am -DskipTests install
./mvnw -B -ntp -q -pl infra/launcher dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmark.classpath
exec java @scripts/jvm.options -Dlogging.level.root=WARN \
  -cp "infra/launcher/target/test-classes:infra/launcher/target/classes:$(cat infra/launcher/target/benchmark.classpath)" \
  "$main" "$@"
