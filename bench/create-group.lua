-- POST /v1/organizations/{org}/adminGroups with a name no other request uses: one acknowledged write
-- per request (a 201 is on disk before it is sent).
local token = os.getenv("TOKEN")
local org = os.getenv("ORG")
local run = os.getenv("RUN") or "0"
local n = 0
function setup(thread)
  n = n + 1
  thread:set("tid", n)
end
local counter = 0
function request()
  counter = counter + 1
  local body = string.format('{"name":"bench-%s-%s-%d"}', run, tostring(tid), counter)
  return wrk.format("POST", "/v1/organizations/" .. org .. "/adminGroups", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Host"] = "api.security.localhost"
  }, body)
end
function done(summary, latency, requests)
  io.write(string.format("non-2xx answers: %d\n", summary.errors.status))
end
