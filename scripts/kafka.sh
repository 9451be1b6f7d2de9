#!/usr/bin/env bash
# Local single-node Apache Kafka broker (KRaft) for the demo and the integration tests.
# The jars are fetched once with Maven into a cache directory; no Docker needed.
#   scripts/kafka.sh start|stop|status|fetch
# Environment: HADATH_KAFKA_HOME (cache + data, default ~/.cache/hadath/kafka),
#              HADATH_KAFKA_PORT (default 9092), HADATH_KAFKA_VERSION (default 3.9.1).
set -euo pipefail

KAFKA_VERSION="${HADATH_KAFKA_VERSION:-3.9.1}"
KAFKA_HOME="${HADATH_KAFKA_HOME:-$HOME/.cache/hadath/kafka}"
PORT="${HADATH_KAFKA_PORT:-9092}"
CONTROLLER_PORT="$((PORT + 1))"
LIBS="$KAFKA_HOME/libs-$KAFKA_VERSION"
RUN="$KAFKA_HOME/run-$PORT"
PIDFILE="$RUN/kafka.pid"
LOG="$RUN/server.log"

die() { echo "kafka.sh: $*" >&2; exit 1; }

require() {
  command -v "$1" >/dev/null 2>&1 || die "$1 is required ($2) but was not found on PATH"
}

fetch() {
  [ -f "$LIBS/.complete" ] && return 0
  require mvn "Maven fetches the Kafka jars"
  mkdir -p "$LIBS"
  local pom_dir; pom_dir="$(mktemp -d)"
  cat >"$pom_dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>hadath</groupId><artifactId>kafka-runtime</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>1.7.36</version></dependency>
  </dependencies>
</project>
POM
  echo "kafka.sh: fetching Kafka $KAFKA_VERSION jars with Maven into $LIBS" >&2
  (cd "$pom_dir" && mvn -q -B dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$LIBS") \
    || die "Maven could not fetch org.apache.kafka:kafka_2.13:$KAFKA_VERSION"
  rm -rf "$pom_dir"
  touch "$LIBS/.complete"
}

is_running() {
  [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null
}

write_config() {
  mkdir -p "$RUN/data"
  cat >"$RUN/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$RUN/data
num.partitions=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
PROPS
  cat >"$RUN/log4j.properties" <<L4J
log4j.rootLogger=WARN, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=$LOG
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
L4J
}

start() {
  if is_running; then echo "kafka.sh: already running on 127.0.0.1:$PORT (pid $(cat "$PIDFILE"))"; return 0; fi
  port_open && die "port $PORT is taken by another process; set HADATH_KAFKA_PORT"
  require java "Kafka runs on a JVM (Java 17)"
  fetch
  write_config
  if [ ! -f "$RUN/data/meta.properties" ]; then
    local cluster_id; cluster_id="$(java -cp "$LIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)"
    java -cp "$LIBS/*" -Dlog4j.configuration="file:$RUN/log4j.properties" \
      kafka.tools.StorageTool format -t "$cluster_id" -c "$RUN/server.properties" >/dev/null
  fi
  nohup java -Xmx512m -Xms256m -cp "$LIBS/*" -Dlog4j.configuration="file:$RUN/log4j.properties" \
    kafka.Kafka "$RUN/server.properties" >"$RUN/stdout.log" 2>&1 &
  echo $! >"$PIDFILE"
  for _ in $(seq 1 120); do
    if port_open; then echo "kafka.sh: broker up on 127.0.0.1:$PORT (pid $(cat "$PIDFILE"))"; return 0; fi
    is_running || { tail -20 "$RUN/stdout.log" "$LOG" >&2 2>/dev/null; die "broker exited during start-up"; }
    sleep 0.5
  done
  die "broker did not open 127.0.0.1:$PORT within 60 s (see $LOG)"
}

stop() {
  if ! is_running; then echo "kafka.sh: not running"; rm -f "$PIDFILE"; return 0; fi
  local pid; pid="$(cat "$PIDFILE")"
  kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$PIDFILE"
  echo "kafka.sh: stopped"
}

status() {
  if is_running; then echo "kafka.sh: running on 127.0.0.1:$PORT (pid $(cat "$PIDFILE"))"; else echo "kafka.sh: not running"; return 3; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  fetch) fetch ;;
  reset) stop; rm -rf "$RUN"; echo "kafka.sh: data removed" ;;
  *) echo "usage: $0 start|stop|status|fetch|reset" >&2; exit 2 ;;
esac
