#!/usr/bin/env bash
# Soak run: the packaged server with ROOMS rooms of PLAYERS players at the default tick for MINUTES minutes.
# Not part of ./mvnw verify. Defaults are the reliability target: 200 rooms x 4 players for 30 minutes.
#   bench/soak.sh                 # 200 4 30
#   bench/soak.sh 50 4 1          # a one-minute smoke run
# Prints the load generator's report every 10 s and the server's heap and RSS at start and end; exits non-zero if
# any player lost its connection.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOMS=${1:-200}
PLAYERS=${2:-4}
MINUTES=${3:-30}
PORT=${SOAK_PORT:-18080}
# SOAK_PIN=1 pins the server to core 0 and the load generator to core 1 (taskset), as bench/run.sh does, so the
# generator's 800 decoding players do not take the server's CPU.
SERVER_CPU=() LOAD_CPU=()
if [ "${SOAK_PIN:-0}" = 1 ]; then SERVER_CPU=(taskset -c 0) LOAD_CPU=(taskset -c 1); fi

JAR=target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || ./mvnw -q package -DskipTests -DskipClient=true

# Tokens outlive the run, and a throwaway database; everything else at its defaults.
${SERVER_CPU[@]+"${SERVER_CPU[@]}"} java -Xmx512m -Dquarkus.http.port="$PORT" -Dquarkade.jwt.access-ttl=$((MINUTES + 10))M \
  -Dquarkade.embedded-db.data-dir=temporary -Dquarkade.jwt.key-dir=target/soak-keys \
  -jar "$JAR" > target/soak-server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://localhost:$PORT/q/health/ready" > /dev/null && break
  sleep 1
done

rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$SERVER/status"; }
echo "server RSS at start: $(rss)"
# Heap after a full GC two minutes in (everyone connected and warm), then every SOAK_HEAP_EVERY seconds (five
# minutes), then at the end: the bytes of live objects the class histogram counts in the safepoint of its own full
# GC, so nothing allocated after it is counted (asking GC.heap_info after GC.run also counted what the server
# allocated while jcmd attached a second time, up to 40 MB here).
heap() { jcmd "$SERVER" GC.class_histogram | awk '/^Total/ {printf "%.1f MB live", $3 / 1048576}'; }
( sleep ${SOAK_FIRST_HEAP:-120}; while kill -0 $SERVER 2>/dev/null; do echo "heap after GC at $(date +%T): $(heap)"; sleep ${SOAK_HEAP_EVERY:-300}; done ) &
SAMPLER=$!
STATUS=0
${LOAD_CPU[@]+"${LOAD_CPU[@]}"} java bench/Soak.java "http://localhost:$PORT" "$ROOMS" "$PLAYERS" "$MINUTES" || STATUS=$?
pkill -P $SAMPLER 2>/dev/null; kill $SAMPLER 2>/dev/null || true # its sleep too
echo "heap after GC at end: $(heap)"
echo "server RSS at end: $(rss)"
curl -fs "http://localhost:$PORT/q/metrics" | grep -E '^quarkade_(rooms|players) |^quarkade_connections_closed_total|^quarkade_room_tick_seconds_(count|sum|max)' || true
if grep -E ' (ERROR|WARN) ' target/soak-server.log | grep -v 'io.zonky' ; then echo "server logged warnings (above)"; fi
exit $STATUS
