#!/usr/bin/env bash
# The test command: installs what the tests need, starts the local services, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-system.sh
scripts/start-services.sh
exec ./mvnw -B -ntp -T 2 verify "$@"
