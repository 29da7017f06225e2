-- wrk script: GET /v1/search with the queries of the file $QUERIES (one
-- URL-encoded query a line) in rotation.
local queries = {}
local f = assert(io.open(os.getenv("QUERIES") or "queries.txt", "r"))
for line in f:lines() do
  if line ~= "" then queries[#queries + 1] = line end
end
f:close()
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/v1/search?limit=20&q=" .. queries[(i % #queries) + 1])
end
