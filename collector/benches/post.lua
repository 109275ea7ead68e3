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
local hex = "0123456789abcdef"
local counter = 0
local start_ms = os.time() * 1000
local function uuid()
  counter = counter + 1
  local ms = start_ms + math.floor(counter / 8)
  local prefix = string.format("%012x", ms)
  local t = {}
  for i = 1, 12 do t[i] = prefix:sub(i, i) end
  for i = 13, 32 do
    local n = math.random(1, 16)
    if i == 13 then n = 8 elseif i == 17 then n = math.random(9, 12) end
    t[#t + 1] = hex:sub(n, n)
  end
  local s = table.concat(t)
  return s:sub(1, 8) .. "-" .. s:sub(9, 12) .. "-" .. s:sub(13, 16) .. "-" .. s:sub(17, 20) .. "-" .. s:sub(21, 32)
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  local body = '{"id":"' .. uuid() .. '","key":"demo","score":' .. math.random(0, 10) ..
    ',"moment":"onboarding_completed","user_id":"bench-user","locale":"en"}'
  return wrk.format(nil, nil, nil, body)
end
dofile("collector/benches/report.lua")
