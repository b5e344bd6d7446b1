-- wrk script: GET one property chosen at random among ids 1..PROPERTIES, with the bearer token.
-- Usage: TOKEN=... PROPERTIES=5000 wrk -s random_property.lua http://127.0.0.1:PORT
local token = os.getenv("TOKEN")
local count = tonumber(os.getenv("PROPERTIES") or "5000")
math.randomseed(115)
request = function()
  local path = "/api/v1/properties/" .. math.random(1, count)
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end
