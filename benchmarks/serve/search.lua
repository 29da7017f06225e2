-- wrk script: search queries in rotation (codes, prefixes, typos, English, Chinese).
local queries = {
  "CSS.0001", "css.00", "InvalidParameter", "InvalidDBClustrId.NotFound", "parameter",
  "quota exceeded", "%E5%8F%82%E6%95%B0", "%E9%85%8D%E9%A2%9D", "not found", "throttling",
  "96000", "invalid instance", "%E4%B8%8D%E5%AD%98%E5%9C%A8", "cluster", "unavailable",
}
local extra = os.getenv("SEARCH_DOMAIN")
local i = 0
request = function()
  i = i + 1
  local q = queries[(i % #queries) + 1]
  local path = "/v1/search?limit=20&q=" .. q:gsub(" ", "+")
  if extra and extra ~= "" then path = path .. "&domain=" .. extra end
  return wrk.format("GET", path)
end
