#!/usr/bin/env bash
# Load test of the standard search over HTTP/GraphQL with wrk (50 connections), and in the same run the
# engine-only throughput of the same search on the same index, measured before and after the HTTP load (this
# machine's speed drifts between phases); prints all three and the ratio of HTTP to the engine-only mean.
#   bash tests/ClinicDirectory.Benchmarks/load/run-load.sh [SEED_DIR] [DATA_DIR] [SECONDS]
# SEED_DIR: generated listings (default /tmp/clinicdirectory-100k, generated when missing);
# DATA_DIR: the service's data directory (default /tmp/clinicdirectory-load; seeded on first use).
set -euo pipefail
cd "$(dirname "$0")/../../.."
SEED=${1:-/tmp/clinicdirectory-100k}
DATA=${2:-/tmp/clinicdirectory-load}
SECONDS_TO_RUN=${3:-30}
PORT=5099

command -v wrk >/dev/null || { apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null; }
dotnet build -c Release -nologo -v quiet src/ClinicDirectory.Api >/dev/null
dotnet build -c Release -nologo -v quiet tests/ClinicDirectory.Benchmarks >/dev/null
API=src/ClinicDirectory.Api/bin/Release/net10.0/ClinicDirectory.Api.dll
BENCH=tests/ClinicDirectory.Benchmarks/bin/Release/net10.0/ClinicDirectory.Benchmarks.dll

if [ ! -d "$SEED/listings" ]; then
  dotnet "$API" generate --clinics 100000 --practitioners 300000 --out "$SEED" --seed 42
fi

start_service() {
  Seed__Path="$SEED" Storage__DataPath="$DATA" RateLimiting__Enabled=false Logging__LogLevel__Default=Warning \
    dotnet "$API" --urls "http://127.0.0.1:$PORT" --contentRoot "$(pwd)/src/ClinicDirectory.Api" >/tmp/clinicdirectory-load.log 2>&1 &
  SERVICE=$!
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && return 0
    kill -0 $SERVICE 2>/dev/null || { echo "the service exited:"; tail -n 5 /tmp/clinicdirectory-load.log; exit 1; }
    sleep 1
  done
  echo "service did not become ready"; kill $SERVICE; exit 1
}

if [ ! -d "$DATA/index" ]; then
  echo "seeding $DATA from $SEED ..."
  start_service
  kill $SERVICE; wait $SERVICE 2>/dev/null || true
fi

# Engine-only: the same search on the same index, two threads (the machine's cores), no HTTP.
engine_only() { BENCH_INDEX="$DATA/index" BENCH_DATA="$SEED" dotnet "$BENCH" throughput "$SECONDS_TO_RUN" "$(nproc)" | tail -1; }
ENGINE=$(engine_only)
echo "before the HTTP load, $ENGINE"

start_service
# Warm the JIT (tiered compilation keeps optimizing for about ten seconds under load) and caches, then measure.
wrk -t2 -c50 -d15s -s tests/ClinicDirectory.Benchmarks/load/standard-search.lua "http://127.0.0.1:$PORT/graphql" >/dev/null
HTTP=$(wrk -t2 -c50 -d"${SECONDS_TO_RUN}s" --latency -s tests/ClinicDirectory.Benchmarks/load/standard-search.lua "http://127.0.0.1:$PORT/graphql" | grep '^http:')
echo "$HTTP"
RSS=$(ps -o rss= -p $SERVICE)
echo "resident memory of the service after the load: $((RSS / 1024)) MB"
kill $SERVICE; wait $SERVICE 2>/dev/null || true
ENGINE_AFTER=$(engine_only)
echo "after the HTTP load, $ENGINE_AFTER"

rate() { echo "$1" | grep -o "[0-9]* $2/s" | grep -o '^[0-9]*'; }
engine_rps=$(( ($(rate "$ENGINE" searches) + $(rate "$ENGINE_AFTER" searches)) / 2 ))
http_rps=$(rate "$HTTP" requests)
echo "ratio http/engine: $(awk -v h="$http_rps" -v e="$engine_rps" 'BEGIN { printf "%.3f", h / e }') (against the engine-only mean, $engine_rps searches/s)"
