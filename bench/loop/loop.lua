-- loop: N iterations of s = (s + i*i) mod 1000000007 (integer arithmetic).
local n = math.tointeger(tonumber(arg[1] or "50000000"))

local s = 0
for i = 0, n - 1 do
  s = (s + i * i) % 1000000007
end
print(s)
