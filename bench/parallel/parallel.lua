-- parallel: 4 x fib(N). Lua has no parallelism: the four run one after another.
local n = math.tointeger(tonumber(arg[1] or "30"))

local function fib(k)
  if k < 2 then return k end
  return fib(k - 1) + fib(k - 2)
end

local s = 0
for _ = 1, 4 do s = s + fib(n) end
print(s)
