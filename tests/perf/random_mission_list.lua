-- wrk script: GET /api/v1/properties?mission_id=<random 1..MISSIONS>&limit=50, the filtered
-- register list of one mission, with the bearer token from $TOKEN.
local token = os.getenv("TOKEN")
local count = tonumber(os.getenv("MISSIONS") or "120")
math.randomseed(116)
request = function()
  local path = "/api/v1/properties?mission_id=" .. math.random(1, count) .. "&limit=50"
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end
