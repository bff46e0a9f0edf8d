-- GET /v1/organizations/{id} with a valid token, keep-alive. Optional pacing: WRK_DELAY_MS per request
-- per connection turns wrk into a fixed-rate client for the latency run.
local token = os.getenv("TOKEN")
local org = os.getenv("ORG")
local pause = tonumber(os.getenv("WRK_DELAY_MS") or "0")
wrk.method = "GET"
wrk.path = "/v1/organizations/" .. org
wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Host"] = "api.security.localhost"
if pause > 0 then
  function delay()
    return pause
  end
end
local bad = 0
function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
function done(summary, latency, requests)
  io.write(string.format("non-200 answers: %d\n", summary.errors.status))
end
