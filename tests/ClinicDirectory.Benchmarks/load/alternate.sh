#!/usr/bin/env bash
# Two builds of the service under the same standard-search load, in strictly alternating runs (A, B, A, B, ...),
# for changes smaller than this machine's drift between runs. Each run: start on DATA_DIR, 15 s of warm-up,
# 20 s measured; prints req/s, p50, p99 and the service's CPU time per request (from /proc, over the 20 s).
#   bash tests/ClinicDirectory.Benchmarks/load/alternate.sh API_DLL_A API_DLL_B [ROUNDS] [SEED_DIR] [DATA_DIR]
# API_DLL_*: built service assemblies, e.g. a `git worktree` of the base revision built with
# `dotnet build -c Release src/ClinicDirectory.Api`. SEED_DIR and DATA_DIR as for run-load.sh (seeded there first).
set -euo pipefail
cd "$(dirname "$0")/../../.."
A=$1
B=$2
ROUNDS=${3:-3}
SEED=${4:-/tmp/clinicdirectory-100k}
DATA=${5:-/tmp/clinicdirectory-load}
PORT=5099
LUA=tests/ClinicDirectory.Benchmarks/load/standard-search.lua

command -v wrk >/dev/null || { apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null; }
[ -d "$DATA/index" ] || { echo "seed $DATA first with run-load.sh"; exit 1; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

run() {
  Seed__Path="$SEED" Storage__DataPath="$DATA" RateLimiting__Enabled=false Logging__LogLevel__Default=Warning \
    dotnet "$1" --urls "http://127.0.0.1:$PORT" --contentRoot "$(pwd)/src/ClinicDirectory.Api" >/tmp/clinicdirectory-alternate.log 2>&1 &
  local service=$!
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break
    sleep 0.5
  done
  wrk -t2 -c50 -d15s -s "$LUA" "http://127.0.0.1:$PORT/graphql" >/dev/null
  local before after out requests
  before=$(cpu_ticks $service)
  out=$(wrk -t2 -c50 -d20s --latency -s "$LUA" "http://127.0.0.1:$PORT/graphql")
  after=$(cpu_ticks $service)
  kill $service
  wait $service 2>/dev/null || true
  requests=$(echo "$out" | grep -o '[0-9]* requests in' | grep -o '^[0-9]*')
  echo "$(echo "$out" | grep '^http:' | sed 's/, non-2xx.*//'), service CPU $(( (after - before) * 1000000 / $(getconf CLK_TCK) / requests )) us per request"
}

for _ in $(seq 1 "$ROUNDS"); do
  echo "A: $(run "$A")"
  echo "B: $(run "$B")"
done
