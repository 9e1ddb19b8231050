-- wrk: GET a random path of PATHS (one per line in $BENCH_DIR/$PATHS_FILE), with a random token
-- of tokens.txt when $WITH_TOKEN is set.
local paths, tokens = {}, {}
for line in io.lines(os.getenv("BENCH_DIR") .. "/" .. os.getenv("PATHS_FILE")) do paths[#paths + 1] = line end
local with_token = os.getenv("WITH_TOKEN")
if with_token and with_token ~= "" then
  for line in io.lines(os.getenv("BENCH_DIR") .. "/tokens.txt") do tokens[#tokens + 1] = line end
end

request = function()
  local headers = {}
  if #tokens > 0 then headers["Authorization"] = "Bearer " .. tokens[math.random(#tokens)] end
  return wrk.format("GET", paths[math.random(#paths)], headers)
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT %.0f req/s p50 %.1f ms p99 %.1f ms non2xx %d errors %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
