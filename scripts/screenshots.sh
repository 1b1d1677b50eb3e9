#!/usr/bin/env bash
# Screenshots of the search page at phone and desktop width, taken by headless Chromium
# (Debian's chromium) from a `vietsearch serve` over an index.
#
#   scripts/screenshots.sh [INDEX] [OUT] [QUERY]
#
# INDEX defaults to an index of Corpus/ built in a temporary folder, OUT to
# /tmp/vietsearch-screenshots, QUERY to "sinh hoat chi bo". Writes OUT/phone.png (390 px
# wide), OUT/desktop.png (1280 px) and OUT/article-phone.png (the first hit's page).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${2:-/tmp/vietsearch-screenshots}
query=${3:-sinh hoat chi bo}
bin=.build/release/vietsearch
[ -x "$bin" ] || bin=.build/debug/vietsearch
[ -x "$bin" ] || { swift build --product vietsearch; bin=.build/debug/vietsearch; }
. scripts/with-server.sh
index=${1:-}
if [ -z "$index" ]; then
    index=$work/index
    "$bin" index Corpus --index "$index" >/dev/null
fi
mkdir -p "$out"
start_server "$bin" "$index"
q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote_plus(sys.argv[1]))' "$query")
shot() { # width height file url
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile" \
        --window-size="$1,$2" --screenshot="$3" "$4" 2>/dev/null
    echo "wrote $3"
}
shot 390 1400 "$out/phone.png" "${url}?q=$q"
shot 1280 1000 "$out/desktop.png" "${url}?q=$q"
first=$(curl -s "${url}api/search?q=$q&limit=1" | python3 -c 'import json, sys, urllib.parse; h = json.load(sys.stdin)["hits"]; print(urllib.parse.quote(h[0]["id"], safe="") if h else "")')
[ -z "$first" ] || shot 390 1400 "$out/article-phone.png" "${url}articles/$first"
