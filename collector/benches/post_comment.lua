-- wrk script: post.lua's answers, each with a comment (a few words that
-- vary, as real comments do), the path every answer with a "why?" takes:
-- the comment's search index and tag rules run on it.
-- Usage: wrk -s post_comment.lua URL
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
local counter = 0
local start_ms = os.time() * 1000
local words = { "export", "slow", "billing", "pricing", "support", "great", "dashboard",
  "lent", "facture", "rapide", "bug", "mobile", "onboarding", "report", "team" }
local function uuid()
  counter = counter + 1
  local ms = start_ms + math.floor(counter / 8)
  return string.format("%08x-%04x-7%03x-%04x-%06x%06x",
    math.floor(ms / 65536), ms % 65536, math.random(0, 0xfff),
    0x8000 + math.random(0, 0x3fff), math.random(0, 0xffffff), math.random(0, 0xffffff))
end
local function comment()
  return words[math.random(#words)] .. " " .. words[math.random(#words)] .. " and " ..
    words[math.random(#words)] .. " " .. counter
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  local body = '{"id":"' .. uuid() .. '","key":"demo","score":' .. math.random(0, 10) ..
    ',"moment":"onboarding_completed","user_id":"bench-user","locale":"en","comment":"' ..
    comment() .. '"}'
  return wrk.format(nil, nil, nil, body)
end
dofile("collector/benches/report.lua")
