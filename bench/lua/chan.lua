-- chan.lua: Go-style channels for the Lua peers of the csp benchmarks.
--
-- Goroutines are coroutines run by one scheduler loop (a FIFO ready queue).
-- A coroutine yields only when it parks on a channel; whoever makes it
-- runnable again (a sender, a receiver, close) puts it back on the ready
-- queue. There is no parallelism: everything runs on the one OS thread.
--
--   local chan = dofile(dir .. "../lua/chan.lua")
--   chan.run(function() ... end)      -- run main as a goroutine to completion
--   chan.go(f, ...)                   -- spawn f(...) as a goroutine
--   local c = chan.new(cap)           -- cap 0 (or nil) = unbuffered
--   c:send(v); local v, ok = c:recv(); c:close()
--   local i, v, ok = chan.select({c1, c2, ...})   -- receive-only select
--
-- Invariants:
--  * A waiter ("state") is a table {co=, done=, val=, ok=, idx=}; it sits in
--    the recvq/sendq of every channel it waits on. done becomes true exactly
--    once, by whoever wakes it; states found done in a queue are stale (a
--    select that fired elsewhere) and are skipped and dropped.
--  * A channel never has both a non-empty buffer and live receivers, nor live
--    senders while its buffer has room.

local M = {}

local co_running, co_yield, co_resume, co_create, co_status =
  coroutine.running, coroutine.yield, coroutine.resume, coroutine.create,
  coroutine.status

-- Ready queue: ring of coroutines indexed rhead..rtail-1.
local ready, rhead, rtail = {}, 1, 1

local function wake(co)
  ready[rtail] = co
  rtail = rtail + 1
end

-- FIFO queue (table with head/tail indices), used for buffers and waiters.
local function q_new() return { h = 1, t = 1 } end
local function q_push(q, v) q[q.t] = v; q.t = q.t + 1 end
local function q_pop(q)
  local h = q.h
  local v = q[h]
  q[h] = nil
  q.h = h + 1
  return v
end

-- Pop the first live (not done) waiter of q, or nil.
local function q_pop_live(q)
  while q.h < q.t do
    local s = q_pop(q)
    if not s.done then return s end
  end
  return nil
end

-- Drop stale waiters at the head so long-lived selects do not grow queues.
local function q_trim(q)
  while q.h < q.t and q[q.h].done do q_pop(q) end
end

local Chan = {}
Chan.__index = Chan

function M.new(cap)
  return setmetatable({ cap = cap or 0, buf = q_new(), n = 0,
                        recvq = q_new(), sendq = q_new(), closed = false }, Chan)
end

function Chan:send(v)
  if self.closed then error("send on closed channel", 2) end
  -- first live receiver (q_pop_live, inlined: this is the hot path)
  local q = self.recvq
  local h, t = q.h, q.t
  while h < t do
    local r = q[h]
    q[h] = nil
    h = h + 1
    if not r.done then
      q.h = h
      -- direct hand-off to a parked receiver
      r.done = true
      r.val, r.ok = v, true
      local idx = r.chidx
      if idx then r.idx = idx[self] end
      ready[rtail] = r.co
      rtail = rtail + 1
      return
    end
  end
  q.h = h
  if self.n < self.cap then
    q_push(self.buf, v)
    self.n = self.n + 1
    return
  end
  local s = { co = co_running(), done = false, val = v }
  q = self.sendq
  if q.h < q.t then q_trim(q) end
  q[q.t] = s
  q.t = q.t + 1
  co_yield()
  if s.closed then error("send on closed channel", 2) end
end

function Chan:recv()
  if self.n > 0 then
    local v = q_pop(self.buf)
    self.n = self.n - 1
    local s = q_pop_live(self.sendq)
    if s then
      s.done = true
      q_push(self.buf, s.val)
      self.n = self.n + 1
      wake(s.co)
    end
    return v, true
  end
  -- first live sender (q_pop_live, inlined)
  local q = self.sendq
  local h, t = q.h, q.t
  while h < t do
    local s = q[h]
    q[h] = nil
    h = h + 1
    if not s.done then
      q.h = h
      s.done = true
      ready[rtail] = s.co
      rtail = rtail + 1
      return s.val, true
    end
  end
  q.h = h
  if self.closed then return nil, false end
  local r = { co = co_running(), done = false }
  q = self.recvq
  if q.h < q.t then q_trim(q) end
  q[q.t] = r
  q.t = q.t + 1
  co_yield()
  return r.val, r.ok
end

function Chan:close()
  if self.closed then error("close of closed channel", 2) end
  self.closed = true
  while true do
    local r = q_pop_live(self.recvq)
    if not r then break end
    r.done = true
    r.val, r.ok = nil, false
    local idx = r.chidx
    if idx then r.idx = idx[self] end
    wake(r.co)
  end
  while true do
    local s = q_pop_live(self.sendq)
    if not s then break end
    s.done = true
    s.closed = true
    wake(s.co)
  end
end

-- Try to receive without blocking: returns got, v, ok.
local function try_recv(c)
  if c.n > 0 or c.sendq.h < c.sendq.t or c.closed then
    -- sendq may hold only stale waiters: check after popping
    if c.n == 0 and not c.closed then
      local s = q_pop_live(c.sendq)
      if not s then return false end
      s.done = true
      wake(s.co)
      return true, s.val, true
    end
    local v, ok = c:recv()
    return true, v, ok
  end
  return false
end

-- Receive-only select over a list of channels: returns index, value, ok.
-- Ready cases are polled starting at a rotating offset (fairness, like
-- Go's random choice); if none is ready the caller parks on all of them.
local rot = 0
function M.select(chs)
  local n = #chs
  rot = rot + 1
  for k = 0, n - 1 do
    local i = (rot + k) % n + 1
    local got, v, ok = try_recv(chs[i])
    if got then return i, v, ok end
  end
  local idx = {}
  local st = { co = co_running(), done = false, chidx = idx }
  for i = 1, n do
    local c = chs[i]
    idx[c] = i
    q_trim(c.recvq)
    q_push(c.recvq, st)
  end
  co_yield()
  return st.idx, st.val, st.ok
end

function M.go(f, ...)
  local args = table.pack(...)
  local co = co_create(function() return f(table.unpack(args, 1, args.n)) end)
  wake(co)
  return co
end

-- go without varargs packing: f is called with no arguments.
function M.go0(f)
  local co = co_create(f)
  wake(co)
  return co
end

-- Run main as a goroutine; return when it finishes (other goroutines that
-- are still parked are abandoned, as when a Go program's main returns).
function M.run(main)
  local mco = M.go0(main)
  while true do
    if rhead == rtail then
      if co_status(mco) == "dead" then return end
      io.stderr:write("fatal error: all goroutines are asleep - deadlock!\n")
      os.exit(2)
    end
    local co = ready[rhead]
    ready[rhead] = nil
    rhead = rhead + 1
    local ok, err = co_resume(co)
    if not ok then
      io.stderr:write("panic: ", tostring(err), "\n", debug.traceback(co), "\n")
      os.exit(2)
    end
    if co == mco and co_status(mco) == "dead" then return end
  end
end

return M
