-- Shared by the wrk scripts of the benchmarks (dofile it; wrk runs from the repository root):
-- one RESULT line the run.sh scripts read.
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.0f req/s p50 %.1f ms p99 %.1f ms non2xx %d errors %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
