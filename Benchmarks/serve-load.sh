#!/usr/bin/env bash
# The load test of `vietsearch serve` (BENCHMARKS.md): wrk, 16 connections for 30 s,
# against /api/search with the peers' queries, while `vietsearch index` commits 500 new
# articles (vinews lines under new ids) into the same index 10 s in.
#
#   Benchmarks/serve-load.sh INDEX [PARAMS]      # PARAMS e.g. "&count=false"
#
# Needs a release build (swift build -c release), wrk, and an index of vinews in INDEX
# (vietsearch index ../shared/corpus/vinews-baomoi --index INDEX). Each run adds its own
# 500 articles, so every run commits.
set -euo pipefail
cd "$(dirname "$0")/.."
index=$1
params=${2:-}
bin=.build/release/vietsearch
corpus=${CORPUS:-../shared/corpus/vinews-baomoi}
queries=${QUERIES:-../shared/bench/peers/queries.txt}
port=${PORT:-7700}
. scripts/with-server.sh
run=$(date +%s)
mkdir "$work/update"
head -500 "$corpus/articles-002.jsonl" | python3 -c '
import json, sys
for line in sys.stdin:
    record = json.loads(line)
    record["id"] = "update-" + sys.argv[1] + "-" + record["id"]
    print(json.dumps(record, ensure_ascii=False))' "$run" > "$work/update/update-$run.jsonl"
start_server "$bin" "$index" "$port"
echo "before: $(curl -s "${url}health")"
(sleep 10; "$bin" index "$work/update" --index "$index" 2>&1 | tail -1 | sed 's/^/index: /') &
writer=$!
wrk -t2 -c16 -d30s --latency -s Benchmarks/wrk-search.lua "${url%/}" -- "$queries" "10$params"
wait "$writer"
echo "after: $(curl -s "${url}health")"
echo "reopened: $(grep -c 'index reopened' "$work/log") time(s); answers logged: $(grep -c 'status=200' "$work/log") with status 200, $(grep 'request' "$work/log" | grep -vc 'status=200' || true) other"
