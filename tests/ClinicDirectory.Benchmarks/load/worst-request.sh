#!/usr/bin/env bash
# What one request can cost the service at directory scale: the service on the 100k-clinic seed, then each of the
# costliest requests it accepts and the hostile ones it refuses, sent one at a time, three times each. For each:
# the HTTP status, the code of the first error, the wall time, the CPU the service spent on it (from
# /proc/PID/stat, 10 ms resolution) and how far its resident memory rose above where it stood before
# (the peak, VmHWM, reset before each request through /proc/PID/clear_refs).
#   bash tests/ClinicDirectory.Benchmarks/load/worst-request.sh [SEED_DIR]
# SEED_DIR: generated listings (default /tmp/clinicdirectory-100k, generated when missing).
set -euo pipefail
cd "$(dirname "$0")/../../.."
SEED=${1:-/tmp/clinicdirectory-100k}
PORT=5096
PUBLISHED=/tmp/clinicdirectory-publish

dotnet publish -c Release -nologo -v quiet -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$PUBLISHED" src/ClinicDirectory.Api >/dev/null
if [ ! -d "$SEED/listings" ]; then
  dotnet "$PUBLISHED/ClinicDirectory.Api.dll" generate --clinics 100000 --practitioners 300000 --out "$SEED" --seed 42 | tail -1
fi
(cd tests/ClinicDirectory.Api.Tests/js && [ -d node_modules ] || npm ci --silent)
INTROSPECTION=$(cd tests/ClinicDirectory.Api.Tests/js && node --input-type=module -e "
import { getIntrospectionQuery } from 'graphql';
process.stdout.write(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true,
  schemaDescription: true, inputValueDeprecation: true, oneOf: true }));")

data=$(mktemp -d)
Seed__Path="$SEED" Storage__DataPath="$data" RateLimiting__Enabled=false \
  dotnet "$PUBLISHED/ClinicDirectory.Api.dll" --contentRoot "$PUBLISHED" --urls "http://127.0.0.1:$PORT" >"$data.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$data" "$data.log"' EXIT
until curl -sf "127.0.0.1:$PORT/health/ready" >/dev/null; do
  kill -0 "$pid" 2>/dev/null || { echo "the service exited before it was ready: $(tail -5 "$data.log")" >&2; exit 1; }
  sleep 0.5
done

INTROSPECTION="$INTROSPECTION" python3 - "$pid" "$PORT" <<'PY'
import json, os, random, string, sys, time, urllib.request, urllib.error
pid, port = sys.argv[1], sys.argv[2]
rnd = random.Random(7)
word = lambda n: ''.join(rnd.choice(string.ascii_lowercase) for _ in range(n))

def cpu_ticks():
    fields = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
    return int(fields[11]) + int(fields[12])

def status_kb(name):
    for line in open(f'/proc/{pid}/status'):
        if line.startswith(name + ':'): return int(line.split()[1])

def send(body, content_type='application/json'):
    req = urllib.request.Request(f'http://127.0.0.1:{port}/graphql', data=body.encode(), method='POST',
                                 headers={'content-type': content_type, 'accept': 'application/graphql-response+json'})
    try:
        with urllib.request.urlopen(req, timeout=600) as r: return r.status, r.read()
    except urllib.error.HTTPError as e: return e.code, e.read()

def gql(query): return json.dumps({'query': query})

practitioner = 'name profession credentials { program { name } status } registration { regulator number }'
clinic = f'id name address {{ city region }} practitioners {{ {practitioner} }}'
facets = 'facets { certifications { value count } cities { value count } conditions { value count } techniques { value count } }'

def aliases(n, field): return '{ ' + ' '.join(f'a{i}: {field(i)}' for i in range(n)) + ' }'

# The accepted cases are as large as the limits let them be: 20 aliases (TOO_MANY_ALIASES beyond), 500 fields
# (QUERY_TOO_LARGE), text of 256 characters (BAD_USER_INPUT), a cost of 25,000 (COMPLEXITY).
cases = [
  ('14 fuzzy searches, random 255-letter word, 10 clinics with practitioners, 4 facets',
   gql(aliases(14, lambda i: f'searchClinics(filter: {{ text: "{word(255)}" }}, first: 10) {{ totalCount {facets} edges {{ node {{ {clinic} }} }} }}'))),
  ('14 searches, 42 random 5-letter words, 10 clinics with practitioners, 4 facets',
   gql(aliases(14, lambda i: 'searchClinics(filter: { text: "' + ' '.join(word(5) for _ in range(42)) + f'" }}, first: 10) {{ totalCount {facets} edges {{ node {{ {clinic} }} }} }}'))),
  ('14 searches for "pain" within 1,000 km of Calgary, 10 clinics with practitioners, 4 facets',
   gql(aliases(14, lambda i: f'searchClinics(filter: {{ text: "pain", location: {{ place: "Calgary, AB", radiusKm: 1000 }} }}, first: 10) {{ totalCount {facets} edges {{ distanceKm node {{ {clinic} }} }} }}'))),
  ('20 practitioner searches of 100 hits with 4 facets, no filter',
   gql(aliases(20, lambda i: f'searchPractitioners(first: 100) {{ totalCount {facets} edges {{ node {{ name profession }} }} }}'))),
  ('graphql-js standard introspection, every option', gql(os.environ['INTROSPECTION'])),
  ('refused: 1,000 aliased searchClinics(first: 100)',
   gql(aliases(1000, lambda i: 'searchClinics(first: 100) { totalCount }'))),
  ('refused: 2,500 aliased searches for random 255-letter words',
   gql(aliases(2500, lambda i: f'searchClinics(filter: {{ text: "{word(255)}" }}) {{ totalCount }}'))),
  ('refused: 2,000 aliases of clinic(id) with different ids',
   gql(aliases(2000, lambda i: f'clinic(id: "c{i}") {{ name }}'))),
  ('refused: a selection nested 5,000 levels deep', gql('{ ' + 'a { ' * 5000 + 'b' + ' }' * 5000 + ' }')),
  ('refused: a fragment cycle', gql('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }')),
  ('refused: a 4 MB document', gql('{ __typename ' + ' ' * (4 << 20) + '}')),
]
print(f'{"request":<92} status code                          wall ms  CPU ms  peak RSS rise MB')
for name, body in cases:
    for _ in range(3):
        rss_before = status_kb('VmRSS')
        open(f'/proc/{pid}/clear_refs', 'w').write('5')
        cpu_before, start = cpu_ticks(), time.perf_counter()
        status, answer = send(body)
        wall = (time.perf_counter() - start) * 1000
        time.sleep(0.05)
        cpu = (cpu_ticks() - cpu_before) * 10
        rise = (status_kb('VmHWM') - rss_before) / 1024
        try: code = (json.loads(answer).get('errors') or [{}])[0].get('extensions', {}).get('code', '-')
        except ValueError: code = '(not JSON)'
        print(f'{name[:92]:<92} {status:>6} {code:<28} {wall:>8.0f} {cpu:>7} {rise:>10.1f}')
print(f'service resident memory after all: {status_kb("VmRSS") / 1024:.0f} MB')
PY
