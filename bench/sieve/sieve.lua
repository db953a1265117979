-- sieve: concurrent prime sieve (coroutine per prime filter); prints the N-th prime.
local dir = (arg and arg[0] or ""):match("^(.*)/[^/]*$") or "."
local chan = dofile(dir .. "/../lua/chan.lua")
local n = math.tointeger(tonumber(arg[1] or "3000"))

local function generate(ch)
  local i = 2
  while true do
    ch:send(i)
    i = i + 1
  end
end

local function filter(inc, out, p)
  while true do
    local i = inc:recv()
    if i % p ~= 0 then out:send(i) end
  end
end

chan.run(function()
  local ch = chan.new(0)
  chan.go(generate, ch)
  local prime = 0
  for _ = 1, n do
    prime = ch:recv()
    local ch1 = chan.new(0)
    chan.go(filter, ch, ch1, prime)
    ch = ch1
  end
  print(prime)
end)
