-- wrk script for the Ringside delivery benchmark (bench/delivery_bench.sh): the events of
-- bench/wrk/unique_event.lua (same ~450-byte call.completed body, same call_uuid scheme,
-- same WRK_RESULT line), plus two knobs through the environment:
--
--   RINGSIDE_RATE_PER_THREAD=R   pace this wrk thread to R requests/s in total over its
--                                connections (0 or unset: as fast as the server answers).
--                                The pacing keeps a per-thread schedule of send slots
--                                1000/R ms apart on a monotonic clock (LuaJIT ffi), and
--                                delay() waits for the next free slot. A slot missed because
--                                every connection was still waiting for an answer is made up
--                                only within MAX_LAG_MS (no long bursts after a stall), so
--                                the achieved rate can fall below R: the caller must report it.
--   RINGSIDE_MAX_PER_THREAD=N    send at most about N requests per thread (a few more: the
--                                connections already past delay() when the quota is reached
--                                still send). After that every connection idles; the caller
--                                stops wrk with SIGINT once the server has what it needs.
--
-- The run prefix comes from $RINGSIDE_RUN_PREFIX (8 hex digits) or /dev/urandom, so two
-- runs (or this script and unique_event.lua) do not repeat a call_uuid.
-- done() prints, like unique_event.lua:
--   WRK_RESULT requests=123 non2xx=0 socket_errors=0 sent=124 duration_us=10001234 rps=12.3 p50_us=... p99_us=... max_us=...

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } rs_timespec;
  int clock_gettime(int clk_id, rs_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local ts = ffi.new("rs_timespec")
local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

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

local prefix = random_prefix()
function setup(thread)
  thread:set("tid", next_thread_id)
  thread:set("prefix", prefix)
  next_thread_id = next_thread_id + 1
  table.insert(threads, thread)
end

-- Per thread from here on. counter is global: done() reads it through thread:get().
counter = 0
local tid, run_prefix
local headers = { ["Content-Type"] = "application/json" }
local spacing_ms = 0      -- 0: unpaced
local quota = 0           -- 0: no limit
local last_slot = nil     -- monotonic ms of the last slot handed out
local IDLE_MS = 3600 * 1000
local MAX_LAG_MS = 20     -- how far behind schedule sends may catch up (a burst of at most this much)

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
  local rate = tonumber(os.getenv("RINGSIDE_RATE_PER_THREAD") or "") or 0
  if rate > 0 then
    spacing_ms = 1000 / rate
  end
  quota = math.floor(tonumber(os.getenv("RINGSIDE_MAX_PER_THREAD") or "") or 0)
end

function delay()
  if quota > 0 and counter >= quota then
    return IDLE_MS
  end
  if spacing_ms <= 0 then
    return 0
  end
  local now = now_ms()
  local slot
  if last_slot == nil or last_slot + spacing_ms < now - MAX_LAG_MS then
    slot = now                      -- far behind schedule (or first call): restart it from now
  else
    slot = last_slot + spacing_ms
  end
  last_slot = slot
  local wait = slot - now   -- negative when catching up; wrk reads the result as unsigned
  if wait <= 0 then
    return 0
  end
  return math.floor(wait + 0.5)
end

function request()
  counter = counter + 1
  local uuid = string.format("%s-%04x-4000-8000-%012x", run_prefix, tid, counter)
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
