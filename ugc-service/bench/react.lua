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

dofile("scripts/wrk-result.lua")
