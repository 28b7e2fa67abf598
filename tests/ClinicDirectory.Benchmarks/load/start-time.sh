#!/usr/bin/env bash
# Start to first answered query on the default seed, from a fresh data directory each time.
#   bash tests/ClinicDirectory.Benchmarks/load/start-time.sh [RUNS]
# Measures the service as deployed (dotnet publish with ReadyToRun) and the Release build that `dotnet run`
# uses (precompiled the same way: ReadyToRunBuild.targets). Each run:
# start the process, poll /health/ready and then the standard Okotoks search until it answers; the time from
# launch to that answer is printed.
set -euo pipefail
cd "$(dirname "$0")/../../.."
RUNS=${1:-5}
PORT=5098
PUBLISHED=/tmp/clinicdirectory-publish

dotnet build -c Release -nologo -v quiet src/ClinicDirectory.Api >/dev/null
dotnet publish -c Release -nologo -v quiet -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$PUBLISHED" src/ClinicDirectory.Api >/dev/null

QUERY='{"query":"{ searchClinics(filter:{location:{place:\"Okotoks, AB\",radiusKm:10},certifications:[\"gunnims\"]}){ totalCount edges { node { name } } } }"}'

measure() {
  local dll=$1 data
  data=$(mktemp -d)
  local start end
  start=$(date +%s%N)
  Storage__DataPath="$data" dotnet "$dll" --contentRoot "$(dirname "$dll")" --urls "http://127.0.0.1:$PORT" >/dev/null 2>&1 &
  local pid=$!
  until curl -sf "127.0.0.1:$PORT/health/ready" >/dev/null &&
        curl -sf -o "$data/answer.json" "127.0.0.1:$PORT/graphql" -H 'content-type: application/json' -d "$QUERY"; do
    kill -0 "$pid" 2>/dev/null || { echo "the service exited before answering" >&2; exit 1; }
    (( $(date +%s%N) - start < 60000000000 )) || { echo "no answer within 60 s" >&2; kill "$pid"; exit 1; }
    sleep 0.02
  done
  end=$(date +%s%N)
  grep -q 'Dynamic Physiotherapy' "$data/answer.json" || { echo "unexpected answer: $(cat "$data/answer.json")"; exit 1; }
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$data"
  awk -v ns=$((end - start)) 'BEGIN { printf "%.2f", ns / 1e9 }'
}

for build in "published (ReadyToRun):$PUBLISHED/ClinicDirectory.Api.dll" \
             "dotnet run's Release build:$(pwd)/src/ClinicDirectory.Api/bin/Release/net10.0/ClinicDirectory.Api.dll"; do
  name=${build%%:*}; dll=${build#*:}
  times=()
  for _ in $(seq 1 "$RUNS"); do times+=("$(measure "$dll")"); done
  echo "$name: start to first answer ${times[*]} s"
done
