#!/usr/bin/env bash
# The run command: builds the one-process jar and starts Axle on http://localhost:8080 with embedded defaults.
# Extra arguments go to Spring Boot, e.g. scripts/run.sh --server.port=9090 --spring.profiles.active=postgres
set -euo pipefail
cd "$(dirname "$0")/.."
# Tesseract and its language data, for the documents' OCR (installed once, with apt-get)
scripts/setup-system.sh --runtime
./mvnw -B -ntp -q -DskipTests package
# Tesseract (document OCR) runs one engine per worker thread; its OpenMP threads on top would oversubscribe the cores
export OMP_THREAD_LIMIT=1
# JVM options shared with scripts/benchmark.sh (Hazelcast and Netty need the opened modules)
exec java @scripts/jvm.options -jar infra/launcher/target/axle.jar "$@"
