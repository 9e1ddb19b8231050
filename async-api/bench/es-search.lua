-- wrk: the search async-api sends for /api/v1/films/search, straight to Elasticsearch, on a
-- random query of queries.txt: the baseline of the uncached search.
local queries = {}
for line in io.lines(os.getenv("BENCH_DIR") .. "/queries.txt") do queries[#queries + 1] = line end
local template = [[{"from":0,"size":20,"track_total_hits":true,
"_source":{"includes":["id","title","imdb_rating","creation_date","genres","likes","dislikes"]},
"query":{"bool":{"minimum_should_match":"1","should":[
{"match":{"title":{"query":"Q","fuzziness":"AUTO","boost":3.0}}},
{"match_phrase":{"title":{"query":"Q","boost":2.0}}},
{"match":{"description":{"query":"Q","fuzziness":"AUTO"}}}]}},
"sort":[{"_score":{"order":"desc"}},{"imdb_rating":{"order":"desc","missing":"_last"}}]}]]

request = function()
  local body = template:gsub("Q", queries[math.random(#queries)])
  return wrk.format("POST", "/movies/_search", { ["Content-Type"] = "application/json" }, body)
end

dofile("scripts/wrk-result.lua")
