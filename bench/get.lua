-- GET $GET_PATH with a bearer token, keep-alive; counts non-200 answers. Optional pacing:
-- WRK_DELAY_MS per request per connection makes wrk a fixed-rate client for the latency run.
local pause = tonumber(os.getenv("WRK_DELAY_MS") or "0")
wrk.method = "GET"
wrk.path = os.getenv("GET_PATH")
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("TOKEN") or "")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Host"] = os.getenv("GET_HOST") or "api.security.localhost"
if (os.getenv("TOKEN") or "") == "" then wrk.headers["Authorization"] = nil end
if pause > 0 then
  function delay()
    return pause
  end
end
function done(summary, latency, requests)
  io.write(string.format("non-200 answers: %d\n", summary.errors.status))
end
