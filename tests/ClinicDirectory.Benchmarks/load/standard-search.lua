-- wrk script: the standard search (text + 25 km radius + certification + facets, 20 hits) over GraphQL.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"query":"query($f: ClinicFilter){ searchClinics(filter: $f, first: 20) { totalCount edges { distanceKm node { id name address { city region } } } facets { conditions { value count } certifications { value count } techniques { value count } cities { value count } languages { value count } } } }","variables":{"f":{"text":"neck pain","location":{"place":"Toronto, ON","radiusKm":25},"certifications":["kinetacore"]}}}]]

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("http: %.0f requests/s, p50 %.2f ms, p99 %.2f ms, non-2xx %d, socket errors %d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  -- With WRK_CDF set (run-load.sh): the latency distribution as percentiles (every 0.5 up to 90, every 0.01
  -- above, to 99.99), with the run's request count, so that the windows of one load can be merged into one distribution.
  if os.getenv("WRK_CDF") then
    local function line(p) io.write(string.format("cdf %d %.2f %d\n", summary.requests, p, latency:percentile(p))) end
    for i = 1, 179 do line(i / 2) end
    for i = 9000, 9999 do line(i / 100) end
  end
end
