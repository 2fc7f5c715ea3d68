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

-- The events, call_uuids, setup() and done() are unique_event.lua's own: load it, then add pacing.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "unique_event.lua")

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

local spacing_ms = 0      -- 0: unpaced
local quota = 0           -- 0: no limit
local last_slot = nil     -- monotonic ms of the last slot handed out
local IDLE_MS = 3600 * 1000
local MAX_LAG_MS = 20     -- how far behind schedule sends may catch up (a burst of at most this much)

local base_init = init
function init(args)
  base_init(args)
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
