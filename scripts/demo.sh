#!/usr/bin/env bash
# The main job on a fresh machine, in one command: install, start a local Kafka broker and
# the hadath worker, send the seed article to articles.raw, print the events that come out
# of the events topic, then stop what this script started.
#   scripts/demo.sh [ARTICLE_FILE...]   (default: the seed article)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

articles=("$@")
[ ${#articles[@]} -gt 0 ] || articles=(tests/fixtures/000_9d923e3a9579bffe.txt)
export HADATH_WEB_PORT="${HADATH_WEB_PORT:-6066}"
run_dir="$(mktemp -d)"
started_broker=0
tag=""
worker_pid=""
tail_pid=""
cleanup() {
  [ -n "$tail_pid" ] && kill "$tail_pid" 2>/dev/null || true
  if [ -n "$worker_pid" ]; then kill "$worker_pid" 2>/dev/null || true; wait "$worker_pid" 2>/dev/null || true; fi
  if [ "$started_broker" = 1 ]; then
    scripts/kafka.sh stop
  elif [ -n "${tag:-}" ]; then
    .venv/bin/python -c "import asyncio, sys; from agents.kafka_io import delete_topics; from hadath.settings import Settings; asyncio.run(delete_topics(Settings.from_env().bootstrap_servers, sys.argv[1]))" "$tag" || true
  fi
  rm -rf "$run_dir"
}
trap cleanup EXIT

if ! scripts/kafka.sh status >/dev/null 2>&1; then
  scripts/kafka.sh start
  started_broker=1
else
  # A broker that was already running may hold a backlog on the default topics (earlier runs,
  # tests): this run gets topics and a consumer group of its own, so it prints only its events.
  tag="demo-$(date +%s)-$$"
  export HADATH_APP_ID="hadath-$tag" HADATH_TOPIC_RAW="$tag.articles.raw" \
    HADATH_TOPIC_NORMALIZED="$tag.articles.normalized" HADATH_TOPIC_CANDIDATES="$tag.events.candidates" \
    HADATH_TOPIC_EVENTS="$tag.events"
  echo "demo: broker already running; this run uses the topics $tag.* (deleted at the end)" >&2
fi

echo "demo: starting the worker (log: $run_dir/worker.log)" >&2
HADATH_DATA_DIR="$run_dir/data" .venv/bin/hadath worker >"$run_dir/worker.log" 2>&1 &
worker_pid=$!
for _ in $(seq 1 120); do
  if curl -fs "http://127.0.0.1:$HADATH_WEB_PORT/health" 2>/dev/null | grep -q '"assigned_partitions": *[1-9]'; then
    break
  fi
  kill -0 "$worker_pid" 2>/dev/null || { tail -30 "$run_dir/worker.log" >&2; echo "demo: worker died" >&2; exit 1; }
  sleep 0.5
done
echo "demo: worker ready; /health and /metrics on http://127.0.0.1:$HADATH_WEB_PORT" >&2

.venv/bin/hadath tail --pretty --timeout 10 &
tail_pid=$!
sleep 3  # let the tail consumer take its position before the article goes in
.venv/bin/hadath produce "${articles[@]}"
wait "$tail_pid" || true
tail_pid=""
echo "demo: done (no new event for 10 s)" >&2
