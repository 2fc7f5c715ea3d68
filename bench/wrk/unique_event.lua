-- wrk script for the Ringside ingest benchmark.
--
-- Every request is a POST of a realistic UnlimCall "call.completed" event (~450 bytes)
-- with a call_uuid no other request in this run (or any other run) carries:
--   <run prefix, 8 hex>-<thread id, 4 hex>-4000-8000-<per-thread counter, 12 hex>
-- Those sort in sending order, so every index on call_uuid grows at its end, as with a
-- provider whose ids are time-ordered. With RINGSIDE_UUIDS=random they look like UUIDv4s
-- instead (random up front, still unique: thread id and counter at the end), and each
-- insert lands on a random page of those indexes, as with most providers' ids.
-- ringsided answers a duplicate (same call_uuid + event) with 200 without storing it,
-- so a repeated uuid would inflate "durable events/s".
--
-- The run prefix comes from $RINGSIDE_RUN_PREFIX (8 hex digits) or /dev/urandom.
-- done() prints one machine-readable line, e.g.
--   WRK_RESULT requests=123 non2xx=0 socket_errors=0 sent=124 duration_us=10001234 rps=12.3 p50_us=... p99_us=...
-- "non2xx" is wrk's errors.status (status >= 400); neither ringsided nor nginx sends 1xx/3xx
-- here. Counting every status in a response() callback would make wrk parse headers into
-- Lua tables and slow the load generator, which shares the CPU with the server.

local threads = {}
local next_thread_id = 0

local function random_prefix()
  local env = os.getenv("RINGSIDE_RUN_PREFIX")
  if env and env:match("^%x%x%x%x%x%x%x%x$") then
    return env:lower()
  end
  local f = io.open("/dev/urandom", "rb")
  if f then
    local bytes = f:read(4)
    f:close()
    return (bytes:gsub(".", function(c) return string.format("%02x", c:byte()) end))
  end
  math.randomseed(os.time())
  return string.format("%08x", math.random(0, 0x7fffffff))
end

-- setup() runs in the main Lua state once per thread, before the threads start:
-- hand each thread its id and the shared run prefix.
local prefix = random_prefix()
function setup(thread)
  thread:set("tid", next_thread_id)
  thread:set("prefix", prefix)
  next_thread_id = next_thread_id + 1
  table.insert(threads, thread)
end

-- Everything below runs in each thread's own Lua state.
-- counter is a global on purpose: done() reads it through thread:get("counter")
-- to report how many requests were sent (answered or still in flight at the stop).
counter = 0
local tid, run_prefix, random_uuids
local headers = { ["Content-Type"] = "application/json" }

-- The ~450 bytes of a call.completed event; call_uuid, seat_id, did_id and recording_url vary.
local body_format = '{"event":"call.completed","call_uuid":"%s",'
  .. '"from":"+12025551234","to":"+4930123456789","direction":"outbound",'
  .. '"initiated_at":"2026-06-04T09:14:22.000Z","answered_at":"2026-06-04T09:14:31.412Z",'
  .. '"ended_at":"2026-06-04T09:18:05.870Z","duration_seconds":214,'
  .. '"hangup_cause":"NORMAL_CLEARING","hangup_cause_code":16,'
  .. '"seat_id":"seat_%06x","did_id":"did_de_%04d",'
  .. '"recording_url":"https://rec.unlimcall.net/r/%04x%012x.opus"}'

function init(args)
  tid = tonumber(wrk.thread:get("tid")) or 0
  run_prefix = wrk.thread:get("prefix") or random_prefix()
  random_uuids = os.getenv("RINGSIDE_UUIDS") == "random"
  if random_uuids then
    local seed = tonumber(run_prefix, 16) or os.time()
    math.randomseed(seed + tid * 7919)
  end
end

local function uuid_for(n)
  if random_uuids then
    return string.format("%04x%04x-%04x-4%03x-8%03x-%04x%08x", math.random(0, 0xffff), math.random(0, 0xffff),
      math.random(0, 0xffff), math.random(0, 0xfff), math.random(0, 0xfff), tid, n)
  end
  return string.format("%s-%04x-4000-8000-%012x", run_prefix, tid, n)
end

function request()
  counter = counter + 1
  local uuid = uuid_for(counter)
  local body = string.format(body_format, uuid, counter % 4096, counter % 1200, tid, counter)
  return wrk.format("POST", "/webhooks/unlimcall", headers, body)
end

function done(summary, latency, requests)
  local sent = 0
  for _, t in ipairs(threads) do
    sent = sent + (tonumber(t:get("counter")) or 0)
  end
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write + e.timeout
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "WRK_RESULT requests=%d non2xx=%d socket_errors=%d sent=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d max_us=%d\n",
    summary.requests, e.status, socket_errors, sent, summary.duration,
    summary.requests / seconds, latency:percentile(50), latency:percentile(99), latency.max))
end
