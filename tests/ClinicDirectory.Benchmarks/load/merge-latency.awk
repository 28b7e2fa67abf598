# The p50 and p99 of several wrk runs taken as one: merges their latency distributions, each given as
# percentiles by standard-search.lua (with WRK_CDF set), weighted by each run's request count.
#   awk -f merge-latency.awk GRID CANDIDATES
# GRID: lines "RUN REQUESTS PERCENTILE LATENCY_US", each run's percentiles ascending; CANDIDATES: every latency
# of GRID, ascending (sort -n -u). For each candidate latency L, a run's share at or below L is the highest
# percentile it lists at or below L (so the result errs high by at most one step of the grid); the first L
# whose weighted share reaches 50 (99) is the p50 (p99). Prints "p50 MS ms, p99 MS ms".
NR == FNR {
  run = $1
  if (!(run in requests)) { requests[run] = $2; total += $2; runs[++count] = run }
  k = ++points[run]; pct[run, k] = $3; lat[run, k] = $4
  next
}
{
  share = 0
  for (i = 1; i <= count; i++) {
    run = runs[i]
    while (at[run] < points[run] && lat[run, at[run] + 1] <= $1) at[run]++
    if (at[run] > 0) share += requests[run] * pct[run, at[run]]
  }
  share /= total
  if (p50 == "" && share >= 50) p50 = $1
  if (p99 == "" && share >= 99) p99 = $1
}
END { printf "p50 %.2f ms, p99 %.2f ms\n", p50 / 1000, p99 / 1000 }
