-- parked: N coroutines parked on one channel, released by closing it; prints the count.
local dir = (arg and arg[0] or ""):match("^(.*)/[^/]*$") or "."
local chan = dofile(dir .. "/../lua/chan.lua")
local n = math.tointeger(tonumber(arg[1] or "100000"))

chan.run(function()
  local ready, start, done = chan.new(0), chan.new(0), chan.new(0)
  local function waiter()
    ready:send(1)
    start:recv()
    done:send(1)
  end
  for _ = 1, n do
    chan.go0(waiter)
    ready:recv()
  end
  start:close()
  local c = 0
  for _ = 1, n do c = c + done:recv() end
  print(c)
end)
