-- wrk script for bench/drill_9may.py: GETs of the addresses listed (one per line) in the file
-- named by DRILL_PATHS, picked at random; counts 5xx and 429 answers; prints the latency
-- percentiles and the counts as one JSON line at the end (the drill parses it).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(os.getenv("DRILL_PATHS")) do
    paths[#paths + 1] = line
  end
  server_errors = 0
  refused = 0
  math.randomseed(os.time() + #threads * 7919)
end

-- A visitor reads a page before the next one: DRILL_THINK_MS on average (0: none, a stress
-- test rather than visitors).
function delay()
  local think = tonumber(os.getenv("DRILL_THINK_MS") or "0")
  if think <= 0 then
    return 0
  end
  return math.random(math.floor(think / 2), math.floor(think * 3 / 2))
end

function request()
  local headers = { ["Accept-Encoding"] = "gzip", ["User-Agent"] = "sovet-drill" }
  return wrk.format("GET", paths[math.random(#paths)], headers)
end

function response(status, headers, body)
  if status >= 500 then
    server_errors = server_errors + 1
  elseif status == 429 then
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local errors, limited = 0, 0
  for _, thread in ipairs(threads) do
    errors = errors + thread:get("server_errors")
    limited = limited + thread:get("refused")
  end
  io.write(string.format(
    '{"requests": %d, "seconds": %.1f, "p50_ms": %.1f, "p95_ms": %.1f, "p99_ms": %.1f, '
      .. '"max_ms": %.1f, "server_errors": %d, "refused": %d, "socket_errors": %d, "timeouts": %d}\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1e3, latency:percentile(95) / 1e3, latency:percentile(99) / 1e3,
    latency.max / 1e3, errors, limited,
    summary.errors.connect + summary.errors.read + summary.errors.write, summary.errors.timeout))
end
