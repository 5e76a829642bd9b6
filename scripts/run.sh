#!/usr/bin/env bash
# The run command: builds the one-process jar and starts Axle on http://localhost:8080 with embedded defaults.
# Extra arguments go to Spring Boot, e.g. scripts/run.sh --server.port=9090 --spring.profiles.active=postgres
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q -DskipTests package
# JVM options shared with scripts/benchmark.sh (Hazelcast and Netty need the opened modules)
exec java @scripts/jvm.options -jar infra/launcher/target/axle.jar "$@"
