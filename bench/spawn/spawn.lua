-- spawn: N coroutines, each sends its index once; main sums (at most W outstanding).
local dir = (arg and arg[0] or ""):match("^(.*)/[^/]*$") or "."
local chan = dofile(dir .. "/../lua/chan.lua")
local n = math.tointeger(tonumber(arg[1] or "1000000"))

chan.run(function()
  local w = 1000
  local ch = chan.new(0)
  local function send(i) ch:send(i) end
  local s = 0
  for i = 0, n - 1 do
    chan.go(send, i)
    if i >= w then s = s + ch:recv() end
  end
  for _ = 1, math.min(n, w) do s = s + ch:recv() end
  print(s)
end)
