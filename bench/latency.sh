#!/usr/bin/env bash
# Watch-mode rebuild latency of `rave build --watch` on the synthetic corpus: edit-to-updated-output
# time for three kinds of edit, each repeated, at 1,000 and 10,000 stories.
#
#   bash bench/latency.sh                       # 1,000 and 10,000 stories, 10 edits of each kind
#   bash bench/latency.sh --sizes 1000 --repeat 5
#
# The three edits: `story` appends a paragraph to one story (polls that story's page for it),
# `rating` rewrites one company rating of a story to a new `N/10` (polls the story's page for
# "written as “N/10”"), `template` edits a site override of base.html (polls the same page for a
# comment). Each row reports the median, min and max of the edit-to-output time (from the write
# until the output file holds the change; this includes the watcher's 150 ms debounce) and the
# median of rave's own "Rebuilt in N ms" (the rebuild itself, without debounce and writing).
# Environment: BENCH_DIR (default /tmp/rave-bench), SEED (1). Nothing is asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

sizes="1000 10000"
repeat=10
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift ;;
    --repeat) repeat="$2"; shift ;;
    *) echo "usage: bash bench/latency.sh [--sizes \"N ...\"] [--repeat R]" >&2; exit 2 ;;
  esac
  shift
done
work="${BENCH_DIR:-/tmp/rave-bench}"
seed="${SEED:-1}"
mkdir -p "$work"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
cargo build --release --quiet --bin rave --example gen_corpus
rave="$CARGO_TARGET_DIR/release/rave"
gen="$CARGO_TARGET_DIR/release/examples/gen_corpus"

watcher=""
cleanup() {
  if [ -n "$watcher" ]; then
    kill -INT "$watcher" 2>/dev/null || true
    wait "$watcher" 2>/dev/null || true
  fi
}
trap cleanup EXIT

echo "| stories | edit | edit-to-output median | min | max | rave \"Rebuilt in\" median |" >"$work/latency.md"
echo "|---:|---|---:|---:|---:|---:|" >>"$work/latency.md"
for n in $sizes; do
  site="$work/latency-site-$n"; out="$work/latency-out-$n"
  echo "== $n stories: generating" >&2
  "$gen" --stories "$n" --seed "$seed" --out "$site" >&2
  mkdir -p "$site/templates"
  cp "$repo/themes/default/templates/base.html" "$site/templates/base.html"
  rm -rf "$out"
  log="$work/latency-watch-$n.log"
  "$rave" build --watch --root "$site" --output "$out" --now 2025-01-01 >"$log" 2>&1 &
  watcher=$!
  for _ in $(seq 1 1200); do
    grep -q "Watching for changes" "$log" && break
    kill -0 "$watcher" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.5
  done
  grep -q "Watching for changes" "$log" || { echo "rave build --watch did not start" >&2; exit 1; }
  # Let the first build's files settle (rave trusts a file's stamp once it is 2 s old).
  sleep 3
  python3 - "$site" "$out" "$log" "$repeat" "$n" >>"$work/latency.md" <<'PY'
import glob, os, re, statistics, sys, time

site, out, log, repeat, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
TIMEOUT = 300.0

def rebuilds():
    with open(log, encoding="utf-8") as f:
        return [int(m) for m in re.findall(r"Rebuilt in (\d+) ms", f.read())]

def measure(edit, page, marker):
    """Runs `edit`, then polls `page` for `marker` and the log for the next rebuild line."""
    before = len(rebuilds())
    start = time.perf_counter()
    edit()
    seen = None
    while time.perf_counter() - start < TIMEOUT:
        try:
            with open(page, encoding="utf-8") as f:
                if marker in f.read():
                    seen = time.perf_counter() - start
                    break
        except FileNotFoundError:
            pass
        time.sleep(0.002)
    if seen is None:
        raise SystemExit(f"timed out waiting for {marker!r} in {page}")
    # Wait for the rebuild's summary line, then for the watcher to be idle again.
    while len(rebuilds()) <= before and time.perf_counter() - start < TIMEOUT:
        time.sleep(0.01)
    time.sleep(0.6)
    return seen * 1000.0, (rebuilds()[before:] or [float("nan")])[-1]

stories = sorted(glob.glob(os.path.join(site, "content/stories/**/*.md"), recursive=True))
def slug(path):
    return os.path.splitext(os.path.basename(path))[0]
def page_of(path):
    return os.path.join(out, "stories", slug(path), "index.html")
def published(path):
    with open(path, encoding="utf-8") as f:
        return "\ndraft: true\n" not in f.read()

story = next(p for p in stories if published(p))
rated = next(p for p in stories if published(p) and '\n    rating: "' in open(p, encoding="utf-8").read())
template = os.path.join(site, "templates", "base.html")
nonce = str(os.getpid())

def append(path, text):
    def run():
        with open(path, "a", encoding="utf-8") as f:
            f.write(text)
    return run

def rerate(path, rating):
    def run():
        with open(path, encoding="utf-8") as f:
            text = f.read()
        text = re.sub(r'\n    rating: "[^"]*"', f'\n    rating: "{rating}"', text, count=1)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    return run

def retemplate(marker):
    def run():
        with open(template, encoding="utf-8") as f:
            text = f.read()
        text = re.sub(r"<!-- latency [^>]* -->\n?", "", text)
        text = text.replace("</body>", f"<!-- latency {marker} -->\n</body>", 1)
        with open(template, "w", encoding="utf-8") as f:
            f.write(text)
    return run

kinds = {
    "story": lambda i: (append(story, f"\nLatency marker story-{nonce}-{i}.\n"), page_of(story), f"story-{nonce}-{i}"),
    "rating": lambda i: (rerate(rated, f"7.{i + 1:02d}/10"), page_of(rated), f"written as “7.{i + 1:02d}/10”"),
    "template": lambda i: (retemplate(f"template-{nonce}-{i}"), page_of(story), f"template-{nonce}-{i}"),
}
for kind, make in kinds.items():
    results = [measure(*make(i)) for i in range(repeat)]
    e2e = [r[0] for r in results]
    internal = [r[1] for r in results]
    print(f"| {n} | {kind} | {statistics.median(e2e):.0f} ms | {min(e2e):.0f} ms | {max(e2e):.0f} ms | {statistics.median(internal):.0f} ms |", flush=True)
    print(f"{n} stories, {kind}: median {statistics.median(e2e):.0f} ms", file=sys.stderr, flush=True)
PY
  rss_mb="$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$watcher/status" 2>/dev/null || echo '?')"
  echo "$n stories: peak RSS of the watch process $rss_mb MB" >>"$work/latency-rss.txt"
  kill -INT "$watcher" 2>/dev/null || true
  wait "$watcher" 2>/dev/null || true
  watcher=""
done
cat "$work/latency.md"
[ -f "$work/latency-rss.txt" ] && cat "$work/latency-rss.txt" && rm -f "$work/latency-rss.txt"
