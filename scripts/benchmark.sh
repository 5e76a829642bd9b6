#!/usr/bin/env bash
# Runs a benchmark and prints its figures beside the matching limit or peer measured in the same run (the orders and
# telemetry benchmarks boot Axle; the invoices one renders and signs in this JVM).
#   scripts/benchmark.sh orders    [clients=8] [orders=2000] [embedded|postgres]
#       orders/s and POST->CONFIRMED latency, beside the raw commit rate of the same database
#   scripts/benchmark.sh telemetry [sensors=50] [readings=50000]
#       readings/s stored and MQTT publish->read model latency, beside the raw MQTT broker throughput
#   scripts/benchmark.sh vehicles  [dongles=10000] [seconds=60] [interval=10]
#       enrols vehicles with paired dongles and connects one MQTT client per dongle, each sending a frame every
#       interval: dongles connected and online, frames/s stored, frame->read model latency, then flat out beside the
#       raw MQTT broker throughput (Axle runs in its own JVM; every dongle is an open file on each side)
#   scripts/benchmark.sh flashes   [vehicles=50] [seconds=60]
#       ECU flashes of simulated vehicles (reliable dongles), each flashed again with the next firmware version as soon
#       as its job ends: flashes/s, an hour and a day beside the seed's 3,000 and the aim of 100,000 a day, p50/p99 of
#       request->COMPLETED and of each step, failures, then events appended/s beside the raw commit rate of the same
#       H2 event store (Axle runs in its own JVM)
#   scripts/benchmark.sh invoices  [seconds per measure=10] [threads=cores]
#       invoices/s rendered and rendered+signed, on one thread and on all cores, with their ratios
#   scripts/benchmark.sh replay    [orders=50000] [embedded|postgres]
#       events/s of a live rebuild of the orders projection (4 events an order), beside the raw read rate of the
#       same event store
#   scripts/benchmark.sh documents [pages=20] [engines=cores]
#       OCR pages/s of Axle's text extractor on one engine and on all, beside the tesseract command line on the same
#       generated scans; character error rate, field precision/recall, classification accuracy before and after
#       corrections (the documents module alone, in this JVM)
#   scripts/benchmark.sh documents-latency [documents=10]
#       upload-to-searchable latency p50/p95 of a one-page scan and of a ten-page text PDF on the booted app,
#       beside the tesseract and pdftotext command lines on the same files
set -euo pipefail
cd "$(dirname "$0")/.."
benchmark=${1:-orders}
shift || true
case "$benchmark" in
  orders) main=io.axle.launcher.benchmark.OrderThroughputBenchmark
          [ "${3:-embedded}" = postgres ] && scripts/start-services.sh ;;
  telemetry) main=io.axle.launcher.benchmark.TelemetryBenchmark ;;
  vehicles) main=io.axle.launcher.benchmark.VehicleFleetBenchmark
            # a socket a dongle on each side: raise the soft limit of open files as far as the hard limit allows
            ulimit -n "$(ulimit -Hn)" 2>/dev/null || true ;;
  flashes) main=io.axle.launcher.benchmark.FlashBenchmark ;;
  invoices) main=io.axle.launcher.benchmark.InvoiceRenderBenchmark ;;
  replay) main=io.axle.launcher.benchmark.ReplayBenchmark
          [ "${2:-embedded}" = postgres ] && scripts/start-services.sh ;;
  documents)
    # the documents module's test classes, built in the reactor (nothing installed); one OpenMP thread per engine
    ./mvnw -B -ntp -q -pl documents -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile=target/benchmark.classpath
    OMP_THREAD_LIMIT=1 exec java @scripts/jvm.options \
      -cp "documents/target/test-classes:documents/target/classes:$(cat documents/target/benchmark.classpath)" \
      io.axle.documents.text.DocumentBenchmark "$@" ;;
  documents-latency) main=io.axle.launcher.benchmark.DocumentLatencyBenchmark ;;
  *) echo "unknown benchmark '$benchmark' (orders, telemetry, vehicles, flashes, invoices, replay, documents, documents-latency)" >&2
     exit 2 ;;
esac
./mvnw -B -ntp -q -pl infra/launcher -am -DskipTests install
# Tesseract's OpenMP threads on top of one engine per core would oversubscribe the cores (documents' OCR)
export OMP_THREAD_LIMIT=1
./mvnw -B -ntp -q -pl infra/launcher dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmark.classpath
exec java @scripts/jvm.options -Dlogging.level.root=WARN \
  -cp "infra/launcher/target/test-classes:infra/launcher/target/classes:$(cat infra/launcher/target/benchmark.classpath)" \
  "$main" "$@"
