-- wrk: PUT /api/v1/reactions/{filmId} as many users (one token per line in tokens.txt) on the
-- demo catalog's films (films.txt), LIKE or DISLIKE at random, so about half the requests change
-- the stored reaction and write, and half find it already so.
local tokens, films = {}, {}
for line in io.lines(os.getenv("BENCH_DIR") .. "/tokens.txt") do tokens[#tokens + 1] = line end
for line in io.lines(os.getenv("BENCH_DIR") .. "/films.txt") do films[#films + 1] = line end
local values = { '{"value":"LIKE"}', '{"value":"DISLIKE"}' }

request = function()
  local headers = {
    ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)],
    ["Content-Type"] = "application/json",
  }
  return wrk.format("PUT", "/api/v1/reactions/" .. films[math.random(#films)], headers, values[math.random(2)])
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT %.0f req/s p50 %.1f ms p99 %.1f ms non2xx %d errors %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
