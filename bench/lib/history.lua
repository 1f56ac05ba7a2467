-- wrk script for S4: keyset history pages with the bench user's access token.
-- BENCH_TOKEN, BENCH_ROOM, BENCH_MAX_SEQ and BENCH_LIMIT come from the environment.
local token = os.getenv("BENCH_TOKEN")
local room = os.getenv("BENCH_ROOM")
local max_seq = tonumber(os.getenv("BENCH_MAX_SEQ"))
local limit = tonumber(os.getenv("BENCH_LIMIT") or "50")
local headers = { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" }

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  local before = math.random(limit + 2, max_seq)
  return wrk.format("GET", "/api/messages/" .. room .. "?before_seq=" .. before .. "&limit=" .. limit, headers)
end
