-- POST /api/v1/hubspot/contact with a unique email per request (wrk thread id + counter), as bench/run.sh drives it.
-- Counts answers per HTTP status in every thread and prints one summary line that the runner parses:
--   BENCH_RESULT {"durationUs":…,"requests":…,"statuses":{"202":…},"errors":{…},"p50Us":…,"p90Us":…,"p99Us":…,"maxUs":…}
local api_key = os.getenv("BENCH_API_KEY") or "bench-key-0123456789"
local prefix = os.getenv("BENCH_EMAIL_PREFIX") or ("wrk-" .. os.time())
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  statuses = {}
  headers = {
    ["Content-Type"] = "application/json",
    ["X-Api-Key"] = api_key,
  }
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"email":"%s-%d-%d@bench.example.com","firstname":"Load","lastname":"Test","phone":"+1 555 0102"}',
    prefix, tid, counter)
  return wrk.format("POST", "/api/v1/hubspot/contact", headers, body)
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, count in pairs(counts) do
      total[status] = (total[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(total) do
    table.insert(parts, string.format('"%s":%d', status, count))
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"durationUs":%d,"requests":%d,"statuses":{%s},"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},"p50Us":%d,"p90Us":%d,"p99Us":%d,"maxUs":%d}\n',
    summary.duration, summary.requests, table.concat(parts, ","), e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
