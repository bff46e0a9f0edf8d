-- GET /v3/organizations?size=10 with a Secure Endpoint token, keep-alive.
wrk.method = "GET"
wrk.path = "/v3/organizations?size=10"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("SE_TOKEN")
wrk.headers["Host"] = os.getenv("SE_HOST") or "api.amp.localhost"
function done(summary, latency, requests)
  io.write(string.format("non-2xx answers: %d\n", summary.errors.status))
end
