-- Logs in as one of the bench users, round robin, each request from its own client address
-- (X-Forwarded-For), so that the per-address limit does not cut the run short: this measures
-- the password check and token issuing, not the limiter.
local users = tonumber(os.getenv("BENCH_USERS") or "16")
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

request = function()
  counter = counter + 1
  local user = counter % users
  wrk.headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  wrk.body = string.format('{"login":"bench-%d","password":"bench-password-%d"}', user, user)
  return wrk.format(nil, "/api/v1/auth/login")
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status, summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
