# Sourced by the scripts that run `vietsearch serve` (screenshots.sh, Benchmarks/serve-load.sh):
# `start_server BIN INDEX [PORT]` starts it (port 0: a free one) with its log in
# $work/log, waits until it listens and sets $url (http://127.0.0.1:PORT/). At exit the
# server gets SIGTERM and $work is removed.
work=$(mktemp -d)
server=
stop_server() {
    if [ -n "$server" ]; then kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap stop_server EXIT
start_server() {
    "$1" serve --index "$2" --port "${3:-0}" 2>"$work/log" &
    server=$!
    for _ in $(seq 100); do
        url=$(grep -o 'url=http://[^ ]*' "$work/log" | head -1 | cut -d= -f2- || true)
        [ -n "$url" ] && return 0
        sleep 0.1
    done
    cat "$work/log" >&2
    echo "the server did not start" >&2
    exit 1
}
