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

dofile("scripts/wrk-result.lua")
