#!/usr/bin/env bash
# The run command: builds the one-process jar and starts Axle on http://localhost:8080 with embedded defaults.
# Extra arguments go to Spring Boot, e.g. scripts/run.sh --server.port=9090 --spring.profiles.active=postgres
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q -DskipTests package
exec java -Ddisable-axoniq-console-message=true \
  --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.nio=ALL-UNNAMED \
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.management/sun.management=ALL-UNNAMED \
  --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED --add-exports java.base/jdk.internal.ref=ALL-UNNAMED \
  -jar infra/launcher/target/axle.jar "$@"
