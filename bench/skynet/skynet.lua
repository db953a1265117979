-- skynet: tree of coroutines, 10 children per node, N leaves; prints the sum.
local dir = (arg and arg[0] or ""):match("^(.*)/[^/]*$") or "."
local chan = dofile(dir .. "/../lua/chan.lua")
local n = math.tointeger(tonumber(arg[1] or "1000000"))

local function skynet(c, num, size, div)
  if size == 1 then
    c:send(num)
    return
  end
  local rc = chan.new(0)
  local sub = size // div
  for i = 0, div - 1 do
    chan.go(skynet, rc, num + i * sub, sub, div)
  end
  local sum = 0
  for _ = 1, div do sum = sum + rc:recv() end
  c:send(sum)
end

chan.run(function()
  local c = chan.new(0)
  chan.go(skynet, c, 0, n, 10)
  print((c:recv()))
end)
