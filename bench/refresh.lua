-- POST .../apiKeys/{id}/token with the newest refresh token of one chain: each answer's refresh
-- token is the next request's, as a client must do; so run it with one connection per chain.
local token = os.getenv("REFRESH_TOKEN")
local org = os.getenv("ORG")
local key = os.getenv("KEY")
wrk.method = "POST"
wrk.path = "/v1/organizations/" .. org .. "/apiKeys/" .. key .. "/token"
wrk.body = "grant_type=refresh_token"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Host"] = "api.security.localhost"
function request()
  wrk.headers["Authorization"] = "Bearer " .. token
  return wrk.format()
end
function response(status, headers, body)
  local t = body:match('"refresh_token":"([^"]+)"')
  if t then token = t end
end
function done(summary, latency, requests)
  io.write(string.format("non-200 answers: %d\n", summary.errors.status))
end
