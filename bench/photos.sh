#!/usr/bin/env bash
# Photos: 200 phone-sized JPEGs (4000x3000, with GPS, half turned by EXIF orientation 6; made by
# examples/gen_photos.rs) across the 60 stories of a gen_corpus site. Measures the first build
# (every photo processed), a cached build against the same site without photos, bytes in and
# out, and the bytes a 390 px phone at pixel ratio 1 downloads for the photos of a story with
# three of them. Measures only; nothing is asserted.
#
#   bash bench/photos.sh                  # table in $BENCH_DIR/photos.md (default /dev/shm/rave-bench)
#   PHOTOS=40 bash bench/photos.sh        # fewer photos, for a quick look
#   RAVE_BIN=/path/to/rave bash bench/photos.sh   # another build of rave, to compare
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
dir="${BENCH_DIR:-/dev/shm/rave-bench}/photos"
photos="${PHOTOS:-200}"
stories=60
runs="${RUNS:-5}"
mkdir -p "$dir"

command -v hyperfine >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq hyperfine; }
if [ -n "${RAVE_BIN:-}" ]; then
  # A rave built earlier (e.g. of another commit, to compare); the generators of this tree.
  rave="$RAVE_BIN"
  [ -x "$target/release/examples/gen_corpus" ] && [ -x "$target/release/examples/gen_photos" ] ||
    (cd "$root" && cargo build --release --locked --quiet --example gen_corpus --example gen_photos)
else
  (cd "$root" && cargo build --release --locked --quiet --bin rave --example gen_corpus --example gen_photos)
  rave="$target/release/rave"
fi
gen_corpus="$target/release/examples/gen_corpus"
gen_photos="$target/release/examples/gen_photos"

plain="$dir/plain"
with="$dir/with-photos"
rm -rf "$plain" "$with/content" "$dir/out-plain" "$dir/out-with"
"$gen_corpus" --stories "$stories" --out "$plain" >/dev/null
mkdir -p "$with"
cp -r "$plain/." "$with/"
echo "== generating $photos photos of 4000x3000 (kept between runs in $with/static/photos)"
started=$(date +%s.%N)
"$gen_photos" --site "$with" --photos "$photos"
echo "   $(echo "$(date +%s.%N) - $started" | bc) s"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# First build: no cache.
rm -rf "$with/.rave-cache"
echo "== first build (every photo processed)"
first_started=$(date +%s.%N)
"$rave" build --root "$with" --output "$dir/out-with" --quiet
first=$(echo "$(date +%s.%N) - $first_started" | bc)
echo "   $first s"

echo "== cached builds, against the same site without photos"
hyperfine --warmup 1 --runs "$runs" --export-json "$dir/cached.json" \
  -n "without photos" "$rave build --root $plain --output $dir/out-plain --quiet" \
  -n "with $photos photos, cached" "$rave build --root $with --output $dir/out-with --quiet"

load_after=$(cut -d' ' -f1-3 /proc/loadavg)
bytes_in=$(du -cb "$with"/static/photos/*.jpg | tail -n 1 | cut -f1)
bytes_out=$(find "$dir/out-with" -path '*/photos/*' -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
files_out=$(find "$dir/out-with" -path '*/photos/*' -type f | wc -l)

# A story with exactly three photos: what a 390 px phone at pixel ratio 1 downloads for them,
# as the browser picks from srcset: the smallest candidate of each WebP <source> (all three
# are wider than 390 px, so the 480 px copy).
story_page=""
for page in $(grep -rl --include=index.html 'class="kind-story' "$dir/out-with/stories" | sort); do
  count=$(grep -o '<source type="image/webp" srcset="[^"]*"' "$page" | wc -l)
  if [ "$count" = 3 ]; then story_page="$page"; break; fi
done
phone_bytes=0
original_bytes=0
page_bytes=0
if [ -n "$story_page" ]; then
  page_bytes=$(stat -c %s "$story_page")
  for url in $(grep -o '<source type="image/webp" srcset="[^" ,]*' "$story_page" | sed 's/.*srcset="//'); do
    phone_bytes=$((phone_bytes + $(stat -c %s "$dir/out-with$url")))
    original=$(echo "$url" | sed -E 's/-[0-9]+w\.webp$/.jpg/')
    original_bytes=$((original_bytes + $(stat -c %s "$with/static$original")))
  done
fi

python3 - "$dir/cached.json" "$first" "$photos" "$bytes_in" "$bytes_out" "$files_out" \
  "${story_page#"$dir/out-with"}" "$phone_bytes" "$original_bytes" "$page_bytes" \
  "$load_before" "$load_after" > "$dir/photos.md" <<'PY'
import json, sys
cached = json.load(open(sys.argv[1]))["results"]
first, photos, bytes_in, bytes_out, files_out = float(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
page, phone, originals, html = sys.argv[7], int(sys.argv[8]), int(sys.argv[9]), int(sys.argv[10])
load_before, load_after = sys.argv[11], sys.argv[12]
plain, withp = cached[0]["median"], cached[1]["median"]
mb = lambda b: f"{b / 1e6:.1f} MB"
print("| measure | value |")
print("|---|---|")
print(f"| first build, {photos} photos processed | {first:.1f} s |")
print(f"| cached build, 60 stories without photos (median) | {plain * 1000:.0f} ms |")
print(f"| cached build, 60 stories with {photos} photos (median) | {withp * 1000:.0f} ms ({(withp / plain - 1) * 100:+.0f}%) |")
print(f"| photos in | {mb(bytes_in)} |")
print(f"| photo files out | {files_out} files, {mb(bytes_out)} |")
print(f"| a 390 px phone, story with three photos ({page}) | {phone / 1000:.0f} KB of photos (the three originals: {mb(originals)}), and {html / 1000:.0f} KB of HTML |")
print()
print(f"Load average (1, 5, 15 min) before the first build: {load_before}; after the cached builds: {load_after}.")
PY
cat "$dir/photos.md"
