-- wrk script: POST a valid response with a fresh UUID each time, so every
-- request is a real insert (a replayed id would skip the write). The ids
-- are UUIDv7-shaped (milliseconds first) like the widget's, and each wrk
-- thread's come in increasing order, as answers reach the collector within
-- moments of being made. wrk's Lua has only a seconds clock, so a
-- per-thread counter stands in for the milliseconds: one more every 8
-- requests, from the start time. (Until 2026-11 it was the counter modulo
-- 1,000, which scattered each second's ids over the whole second: every
-- batch then wrote a dozen pages of the primary-key index where real ids
-- touch one or two, and SQLite stored 23% more bytes per answer.)
-- Usage: wrk -s post.lua URL   (path and query come from URL)
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
local counter = 0
local start_ms = os.time() * 1000
-- One string.format per id: wrk and the collector share the machine's two
-- cores, so what the client spends per request is taken from the server.
-- (Building the id a hex digit at a time cost wrk ~2.5 us a request more
-- than a plain GET.)
local function uuid()
  counter = counter + 1
  local ms = start_ms + math.floor(counter / 8)
  return string.format("%08x-%04x-7%03x-%04x-%06x%06x",
    math.floor(ms / 65536), ms % 65536, math.random(0, 0xfff),
    0x8000 + math.random(0, 0x3fff), math.random(0, 0xffffff), math.random(0, 0xffffff))
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  local body = '{"id":"' .. uuid() .. '","key":"demo","score":' .. math.random(0, 10) ..
    ',"moment":"onboarding_completed","user_id":"bench-user","locale":"en"}'
  return wrk.format(nil, nil, nil, body)
end
dofile("collector/benches/report.lua")
