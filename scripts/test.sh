#!/usr/bin/env bash
# Run the whole test suite: unit, agent and integration tests (a local broker is started
# for the integration tests if none runs, and stopped again afterwards).
# Extra arguments go to pytest, e.g. scripts/test.sh -k dead_letter
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
started_broker=0
if ! scripts/kafka.sh status >/dev/null 2>&1 && ! (exec 3<>/dev/tcp/127.0.0.1/"${HADATH_KAFKA_PORT:-9092}") 2>/dev/null; then
  scripts/kafka.sh start
  started_broker=1
fi
cleanup() { if [ "$started_broker" = 1 ]; then scripts/kafka.sh stop; fi; }
trap cleanup EXIT
set +e
.venv/bin/python -m pytest -ra "$@"
status=$?
set -e
if [ "$status" = 5 ]; then
  echo "test.sh: pytest collected no tests: that is a failure" >&2
  exit 1
fi
exit "$status"
