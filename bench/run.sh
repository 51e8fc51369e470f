#!/usr/bin/env bash
# The Quarkade benchmark (docs/benchmarks.md), one command: bench/run.sh [key=value ...]
#   servers=quarkade,floor,colyseus,idle  steps=250,500,1000,2000,4000  warmup=5  window=15  idle=10000
#   joinTimeout=60 (s from upgrade to WELCOME)  label=run  maxLoadWait=600  serverHeap=-Xmx2g  port=18080
#   jfr=<file.jfr>: profile the Quarkade servers; each run's top frames (CPU self, native, allocation by frame and
#   class) per window go in the JSON, the last window's in <file>-top.md and <file>-{cpu,alloc}.collapsed (jfrTop=15).
#   servers may also name quarkade-before and idle-before: the Quarkade build in beforeApp=/tmp/before-app (a copy of
#   an older target/quarkus-app), so one run compares before and after; quarkadeApp=<dir> replaces ../target/quarkus-app.
#   serverJvmArgs="-Dx=y ..." adds JVM options to both Quarkade servers; histo=<prefix> writes jmap -histo:live of the
#   idle test's server at each size to <prefix>-<server>-<n>.txt.
#   roomSize=2,8,32,100 adds the room-size sweep: sweepPlayers=800 players in rooms of each size, a fresh server each.
#   decodeEvery=8: one player in 8 decodes and applies every frame, the others read STATE headers (1: all decode).
#   generatorTransport=native|nio (native: epoll where it loads)  floorTransport=nio|native (the floor server's)
# Every step whose generator used more than 80% of its core is flagged generator-bound in the table and the JSON.
# Builds the server jar (without the game client) and this module, installs the Colyseus peer from its lock file,
# then runs every server pinned to core 0 and the generator pinned to core 1. Never part of ./mvnw verify.
set -euo pipefail
cd "$(dirname "$0")"
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  (cd .. && ./mvnw -q package -DskipTests -DskipClient=true)
  ../mvnw -q -f pom.xml package
  (cd peers/colyseus && npm ci --no-audit --no-fund --loglevel=error)
fi
exec taskset -c 1 java -Xmx2g -XX:+UseG1GC -cp "target/classes:$(cat target/classpath.txt)" dev.quarkade.bench.Bench "$@"
