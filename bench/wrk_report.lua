-- wrk script for bench/run.py: sign in with the session cookie, print one
-- JSON line of latency percentiles (microseconds) when done.
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "errors": %d, "status_errors": %d, "duration_us": %d, ' ..
    '"p50": %d, "p95": %d, "p99": %d, "mean": %d}\n',
    summary.requests, e.connect + e.read + e.write + e.timeout, e.status,
    summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.mean))
end
