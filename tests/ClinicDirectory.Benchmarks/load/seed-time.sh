#!/usr/bin/env bash
# The service's own first start on the directory-scale seed: a fresh data directory each time, the time from
# launch to /health/ready (the seed stored, the index built from the store, the engine warmed) and the times the
# service logs for storing the seed and for building the index.
#   bash tests/ClinicDirectory.Benchmarks/load/seed-time.sh [RUNS] [SEED_DIR]
# Measures the service as deployed (dotnet publish with ReadyToRun). SEED_DIR: generated listings (default
# /tmp/clinicdirectory-100k, generated when missing).
set -euo pipefail
cd "$(dirname "$0")/../../.."
RUNS=${1:-3}
SEED=${2:-/tmp/clinicdirectory-100k}
PORT=5097
PUBLISHED=/tmp/clinicdirectory-publish

dotnet publish -c Release -nologo -v quiet -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$PUBLISHED" src/ClinicDirectory.Api >/dev/null
if [ ! -d "$SEED/listings" ]; then
  dotnet "$PUBLISHED/ClinicDirectory.Api.dll" generate --clinics 100000 --practitioners 300000 --out "$SEED" --seed 42 | tail -1
fi

for _ in $(seq 1 "$RUNS"); do
  data=$(mktemp -d)
  start=$(date +%s%N)
  Seed__Path="$SEED" Storage__DataPath="$data" dotnet "$PUBLISHED/ClinicDirectory.Api.dll" --contentRoot "$PUBLISHED" \
    --urls "http://127.0.0.1:$PORT" >"$data.log" 2>&1 &
  pid=$!
  until curl -sf "127.0.0.1:$PORT/health/ready" >/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "the service exited before it was ready: $(tail -5 "$data.log")" >&2; exit 1; }
    sleep 0.1
  done
  end=$(date +%s%N)
  cpu=$(awk '{ printf "%.1f", ($14 + $15) / 100 }' "/proc/$pid/stat")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  stored=$(grep -o 'practitioners in [0-9]* ms' "$data.log" | grep -o '[0-9]* ms' || echo "? ms")
  indexed=$(grep -o 'Index built from the store up to change [0-9]* in [0-9]* ms' "$data.log" | grep -o '[0-9]* ms' || echo "? ms")
  awk -v ns=$((end - start)) -v cpu="$cpu" -v stored="$stored" -v idx="$indexed" \
    'BEGIN { printf "first start on the seed: ready after %.1f s (%s s of CPU), seed stored in %s, index built from the store in %s\n", ns / 1e9, cpu, stored, idx }'
  rm -rf "$data" "$data.log"
done
