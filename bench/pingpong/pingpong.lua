-- pingpong: N round trips over two unbuffered channels (coroutines + chan.lua).
local dir = (arg and arg[0] or ""):match("^(.*)/[^/]*$") or "."
local chan = dofile(dir .. "/../lua/chan.lua")
local n = math.tointeger(tonumber(arg[1] or "1000000"))

chan.run(function()
  local ping, pong = chan.new(0), chan.new(0)
  chan.go(function()
    for _ = 1, n do
      local v = ping:recv()
      pong:send(v + 1)
    end
  end)
  local v = 0
  for _ = 1, n do
    ping:send(v)
    v = pong:recv()
  end
  print(v)
end)
