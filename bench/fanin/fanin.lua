-- fanin: 4 producers send N ints through one channel of capacity 128; prints the sum.
local dir = (arg and arg[0] or ""):match("^(.*)/[^/]*$") or "."
local chan = dofile(dir .. "/../lua/chan.lua")
local n = math.tointeger(tonumber(arg[1] or "1000000"))

local function produce(p, ch)
  for v = p, n - 1, 4 do ch:send(v) end
end

chan.run(function()
  local ch = chan.new(128)
  for p = 0, 3 do chan.go(produce, p, ch) end
  local s = 0
  for _ = 1, n do s = s + ch:recv() end
  print(s)
end)
