#!/usr/bin/env bash
# Load test of the standard search over HTTP/GraphQL with wrk (50 connections), and in the same run the
# engine-only throughput of the same search on a copy of the same index, in alternating windows: engine, HTTP,
# engine, HTTP, ... engine, each engine window next to the HTTP windows it is compared with (this machine's
# speed drifts by up to a quarter within minutes, so windows minutes apart compare different machines). Both
# processes are started and warmed once (15 s each) and stay up; each idles while the other is measured.
# Prints every window, then the HTTP throughput over all its windows and its p50 and p99 over all of them (the
# windows' latency distributions merged, merge-latency.awk), the engine-only mean over its windows, the ratio of
# the two, and the service's resident memory.
#   bash tests/ClinicDirectory.Benchmarks/load/run-load.sh [SEED_DIR] [DATA_DIR] [SECONDS] [WINDOWS]
# SEED_DIR: generated listings (default /tmp/clinicdirectory-100k, generated when missing);
# DATA_DIR: the service's data directory (default /tmp/clinicdirectory-load; seeded on first use);
# SECONDS: measured seconds of HTTP load in all (default 30), in WINDOWS windows (default 3) of equal length.
set -euo pipefail
cd "$(dirname "$0")/../../.."
SEED=${1:-/tmp/clinicdirectory-100k}
DATA=${2:-/tmp/clinicdirectory-load}
SECONDS_TO_RUN=${3:-30}
WINDOWS=${4:-3}
WINDOW=$(( SECONDS_TO_RUN / WINDOWS ))
(( WINDOW > 0 )) || { echo "SECONDS ($SECONDS_TO_RUN) must be at least WINDOWS ($WINDOWS)"; exit 1; }
PORT=5099
ENGINE_INDEX="$DATA.engine-index"
SERVICE=
ENGINE_PROCESS=
LOAD_DIR=
# Whatever happens, nothing is left running or behind (the service, the engine's process, their copies).
cleanup() {
  [ -z "$SERVICE" ] || kill "$SERVICE" 2>/dev/null || true
  [ -z "$ENGINE_PROCESS" ] || kill "$ENGINE_PROCESS" 2>/dev/null || true
  rm -rf "$ENGINE_INDEX" ${LOAD_DIR:+"$LOAD_DIR"}
}
trap cleanup EXIT

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

# Engine-only: the same search on a copy of the service's index (the engine holds its index open for writing),
# on two threads (the machine's cores), no HTTP; one process, answering one window per line it is sent.
rm -rf "$ENGINE_INDEX"
cp -r "$DATA/index" "$ENGINE_INDEX"
coproc ENGINE { BENCH_INDEX="$ENGINE_INDEX" BENCH_DATA="$SEED" exec dotnet "$BENCH" throughput-windows "$(nproc)"; }
ENGINE_PROCESS=$ENGINE_PID
while read -r line <&"${ENGINE[0]}"; do [ "$line" = ready ] && break; done
engine_window() { echo "$1" >&"${ENGINE[1]}"; read -r line <&"${ENGINE[0]}"; echo "$line"; }
LOAD_DIR=$(mktemp -d)
# One window of HTTP load; with a second argument, its latency percentiles are kept in LOAD_DIR under that name.
http_window() {
  WRK_CDF=1 wrk -t2 -c50 -d"$1s" --latency -s tests/ClinicDirectory.Benchmarks/load/standard-search.lua "http://127.0.0.1:$PORT/graphql" >"$LOAD_DIR/wrk"
  [ -z "${2:-}" ] || awk -v run="$2" '/^cdf / { print run, $2, $3, $4 }' "$LOAD_DIR/wrk" >>"$LOAD_DIR/grid"
  grep '^http:' "$LOAD_DIR/wrk"
}

start_service
# Warm both (tiered compilation keeps optimizing for about ten seconds under load, and the caches fill), then measure.
http_window 15 >/dev/null
engine_window 15 >/dev/null
ENGINE_LINES=()
HTTP_LINES=()
for i in $(seq 1 "$WINDOWS"); do
  E=$(engine_window "$WINDOW"); echo "window $i, $E"; ENGINE_LINES+=("$E")
  H=$(http_window "$WINDOW" "$i"); echo "window $i, $H"; HTTP_LINES+=("$H")
done
E=$(engine_window "$WINDOW"); echo "after the last window, $E"; ENGINE_LINES+=("$E")
RSS=$(ps -o rss= -p $SERVICE)
kill $SERVICE; wait $SERVICE 2>/dev/null || true
eval "exec ${ENGINE[1]}>&-"
wait "$ENGINE_PROCESS" 2>/dev/null || true
SERVICE=
ENGINE_PROCESS=

awk '{ print $4 }' "$LOAD_DIR/grid" | sort -n -u >"$LOAD_DIR/latencies"
LATENCY=$(awk -f tests/ClinicDirectory.Benchmarks/load/merge-latency.awk "$LOAD_DIR/grid" "$LOAD_DIR/latencies")
# The windows are of equal length: the throughput over all of them is the mean of theirs (on both sides:
# "http: N requests/s, ..." and "engine-only throughput: N searches/s ...").
http_rps=$(printf '%s\n' "${HTTP_LINES[@]}" | awk '{ r += $2 } END { printf "%.0f", r / NR }')
printf '%s\n' "${HTTP_LINES[@]}" | awk -v rps="$http_rps" -v s="$SECONDS_TO_RUN" -v latency="$LATENCY" '
  { gsub(",", ""); n2 += $11; se += $14 }
  END { printf "http: %d requests/s over %d s, %s, non-2xx %d, socket errors %d\n", rps, s, latency, n2, se }'
engine_rps=$(printf '%s\n' "${ENGINE_LINES[@]}" | awk '{ t += $3 } END { printf "%.0f", t / NR }')
echo "resident memory of the service after the load: $((RSS / 1024)) MB"
echo "ratio http/engine: $(awk -v h="$http_rps" -v e="$engine_rps" 'BEGIN { printf "%.3f", h / e }') (against the engine-only mean, $engine_rps searches/s, over its $((WINDOWS + 1)) windows)"
