-- POST /v3/access_tokens with an IROH token (no body, as real scripts send it), keep-alive.
wrk.method = "POST"
wrk.path = "/v3/access_tokens"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("IROH_TOKEN")
wrk.headers["Host"] = os.getenv("SE_HOST") or "api.amp.localhost"
function done(summary, latency, requests)
  io.write(string.format("non-2xx answers: %d\n", summary.errors.status))
end
