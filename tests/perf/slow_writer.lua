-- wrk script for one connection (-c1): post_mission.lua's write, one every 500 ms, with the
-- bearer token from $WRITER_TOKEN — the "someone saves a record every half second" of the
-- mixed-load scenario in bench.sh.
dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "post_mission.lua")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("WRITER_TOKEN")
math.randomseed(os.time())  -- codes unlike those of an earlier run on the same database
delay = function() return 500 end
