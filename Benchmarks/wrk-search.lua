-- wrk script: GET /api/search for each query of a file in turn (one query a line; blank
-- lines and lines starting with '#' skipped), URL-encoded; each thread starts at its own
-- query. Reports the non-200 answers by status at the end.
--
--   wrk -t2 -c16 -d30s --latency -s Benchmarks/wrk-search.lua http://127.0.0.1:7700 -- QUERIES [LIMIT]

local queries = {}
local counter = 0
local threads = {}

local function encode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local file = args[1] or "Benchmarks/queries.txt"
  local limit = args[2] or "10"
  for line in io.lines(file) do
    if line:match("%S") and not line:match("^%s*#") then
      table.insert(queries, "/api/search?limit=" .. limit .. "&q=" .. encode(line))
    end
  end
  if #queries == 0 then error("no query in " .. file) end
  position = id % #queries
  failures = {}
end

function request()
  position = position % #queries + 1
  return wrk.format("GET", queries[position])
end

function response(status, headers, body)
  if status ~= 200 then failures[status] = (failures[status] or 0) + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    local counts = thread:get("failures")
    for status, count in pairs(counts) do
      io.write(string.format("status %d: %d answers\n", status, count))
      total = total + count
    end
  end
  io.write(string.format("non-200 answers: %d\n", total))
end
