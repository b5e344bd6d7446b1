-- wrk script: each request creates a mission with a code of its own (a write through the
-- whole stack: the journal head, the row, its journal entry), bearer token from $TOKEN.
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.headers["Content-Type"] = "application/json"
local prefix = os.getenv("PREFIX") or "B"
local n = 0
request = function()
  n = n + 1
  local code = string.format("%s%d-%d", prefix, math.random(1, 999999), n)
  local body = '{"code":"' .. code .. '","name_en":"Bench","name_zh":"測試","country":"AU",' ..
    '"city":"Sydney","region":"east_asia_pacific","type":"office","currency":"AUD",' ..
    '"time_zone":"Australia/Sydney"}'
  return wrk.format(nil, nil, nil, body)
end
