-- wrk script: plain GETs of the URL (the /healthz ceiling), reported like
-- post.lua. Usage: wrk -s get.lua URL
dofile("collector/benches/report.lua")
