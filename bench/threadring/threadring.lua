-- threadring: 503 coroutines in a ring, N token passes; prints the last holder's id.
local dir = (arg and arg[0] or ""):match("^(.*)/[^/]*$") or "."
local chan = dofile(dir .. "/../lua/chan.lua")
local n = math.tointeger(tonumber(arg[1] or "5000000"))

local function worker(id, inc, out, done)
  while true do
    local t = inc:recv()
    if t == 0 then
      done:send(id)
      return
    end
    out:send(t - 1)
  end
end

chan.run(function()
  local ring = 503
  local chans = {}
  for i = 1, ring do chans[i] = chan.new(0) end
  local done = chan.new(0)
  for i = 1, ring do
    chan.go(worker, i, chans[i], chans[i % ring + 1], done)
  end
  chans[1]:send(n)
  print((done:recv()))
end)
