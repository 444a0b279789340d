#!/usr/bin/env bash
# Load test of `rave serve`: 200 concurrent connections for 10 seconds against 127.0.0.1 while
# the site is rebuilt over and over, with wrk (installed from Debian's packages when missing).
# Passes when no request failed (no socket errors, no non-2xx answers). Bounded: one wrk run of
# 10 s, the server and the editing loop are stopped on exit.
#
#   bash bench/load_test.sh [SITE_DIR]      # default: the example site at the repository root
set -euo pipefail
cd "$(dirname "$0")/.."
site="${1:-$PWD}"

if ! command -v wrk >/dev/null; then
  echo "installing wrk from Debian's packages"
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
cargo build --release --quiet
rave="$PWD/target/release/rave"

work="$(mktemp -d)"
cp -r "$site/site.yaml" "$site/content" "$work/"
[ -d "$site/static" ] && cp -r "$site/static" "$work/"
port=$((20000 + RANDOM % 20000))
"$rave" serve --root "$work" --port "$port" >"$work/serve.log" 2>&1 &
server=$!
editor=""
cleanup() {
  [ -n "$editor" ] && kill "$editor" 2>/dev/null || true
  kill "$server" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

url=""
for _ in $(seq 1 100); do
  url="$(grep -o 'http://127.0.0.1:[0-9]*/' "$work/serve.log" | head -n 1 || true)"
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "rave serve did not start"; cat "$work/serve.log"; exit 1; }

# Rebuild continuously during the test: rewrite one story every half second.
story="$(find "$work/content/stories" -name '*.md' | sort | head -n 1)"
(
  i=0
  while true; do
    i=$((i + 1))
    printf '\nEdited during the load test (%d).\n' "$i" >>"$story"
    sleep 0.5
  done
) &
editor=$!

page="${url}companies/"
echo "wrk: 200 connections, 2 threads, 10 s against $page while the site rebuilds"
out="$(wrk -t2 -c200 -d10s --latency "$page")"
echo "$out"
rebuilds="$(grep -c '^rebuilt' "$work/serve.log" || true)"
echo "rebuilds during the run: $rebuilds"
if [ "$rebuilds" -lt 5 ]; then
  echo "the site was not rebuilt during the run (only $rebuilds rebuilds)"
  echo "0 passed, 1 failed"
  exit 1
fi

errors="$(echo "$out" | grep -E 'Socket errors|Non-2xx' || true)"
if [ -n "$errors" ]; then
  echo "$errors"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "1 passed, 0 failed"
