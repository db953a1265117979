-- strmap: word counting over LCG-generated text (see strmap.go for the recipe).
local n = math.tointeger(tonumber(arg[1] or "1000000"))

local letters = "abcdefghijklmnop"
local x = 42
local lines = {}
local line = {}
for w = 0, n - 1 do
  x = (x * 1103515245 + 12345) % 2147483648
  local l = 1 + (x >> 16) % 5
  local word = ""
  for _ = 1, l do
    x = (x * 1103515245 + 12345) % 2147483648
    local k = (x >> 16) % 16 + 1
    word = word .. letters:sub(k, k)
  end
  if w % 20 == 0 and w > 0 then
    lines[#lines + 1] = table.concat(line, " ")
    line = {}
  end
  line[#line + 1] = word
end
if n > 0 then lines[#lines + 1] = table.concat(line, " ") end

local counts = {}
for _, ln in ipairs(lines) do
  for word in ln:gmatch("%S+") do
    counts[word] = (counts[word] or 0) + 1
  end
end
local distinct, best, bestWord = 0, 0, ""
for word, c in pairs(counts) do
  distinct = distinct + 1
  if c > best or (c == best and word < bestWord) then
    best, bestWord = c, word
  end
end
io.write(distinct, " ", bestWord, " ", best, "\n")
