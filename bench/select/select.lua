-- select: 4 producers on 4 unbuffered channels, one select loop; prints the weighted sum.
local dir = (arg and arg[0] or ""):match("^(.*)/[^/]*$") or "."
local chan = dofile(dir .. "/../lua/chan.lua")
local n = math.tointeger(tonumber(arg[1] or "1000000"))

local function produce(k, ch)
  for v = k, n - 1, 4 do ch:send(v) end
end

chan.run(function()
  local chs = {}
  for k = 0, 3 do
    chs[k + 1] = chan.new(0)
    chan.go(produce, k, chs[k + 1])
  end
  local select = chan.select
  local s = 0
  for _ = 1, n do
    local i, v = select(chs)
    s = s + i * v          -- case k (1-based i) weights by k+1 = i
  end
  print(s)
end)
