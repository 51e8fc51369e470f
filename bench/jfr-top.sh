#!/usr/bin/env bash
# The top frames of a JFR recording (docs/benchmarks.md, Profiles): bench/jfr-top.sh <file.jfr> [fromEpochMs toEpochMs] [top]
# Prints Markdown tables (CPU by self frame, time in native methods, allocation by frame and by class) over the
# window (the whole recording without one; the bench's JSON has each step's windowStartEpochMs/windowEndEpochMs)
# and writes <file>-cpu.collapsed and <file>-alloc.collapsed, the stacks flamegraph.pl or speedscope draw.
set -euo pipefail
cd "$(dirname "$0")"
[ -f target/classpath.txt ] || ../mvnw -q -f pom.xml package
exec java -cp "target/classes:$(cat target/classpath.txt)" dev.quarkade.bench.JfrSummary "$@"
