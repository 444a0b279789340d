#!/usr/bin/env bash
# Does rave's clean build stay linear? rave only, on the synthetic corpus (examples/gen_corpus.rs)
# at each size, every timed run under /usr/bin/time -v: median wall time, median user+system CPU
# and its share per story, the ratio of that to the first size's, and median peak RSS.
#
#   bash bench/scale.sh                                # 10,000 and 100,000 stories, 3 runs each
#   bash bench/scale.sh --sizes "1000 10000" --runs 5
#
# Environment: BENCH_DIR (work folder, default /dev/shm/rave-bench: corpora and outputs on tmpfs),
# SEED (1), RAVE_BIN (a rave binary to measure instead of building this checkout's release).
# A corpus is generated again unless the one in BENCH_DIR was made by the same generator binary
# with the same seed and size. One untimed warm-up build per size, then the runs, each after
# removing the output. Prints a table (also $BENCH_DIR/scale.md) and writes
# $BENCH_DIR/rows/scale-N.tsv for bench/table.sh. Nothing here is asserted: it measures.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

sizes="10000 100000"
runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift ;;
    --runs) runs="$2"; shift ;;
    *) echo "usage: bash bench/scale.sh [--sizes \"N ...\"] [--runs R]" >&2; exit 2 ;;
  esac
  shift
done
work="${BENCH_DIR:-/dev/shm/rave-bench}"
seed="${SEED:-1}"
now="2025-01-01"
mkdir -p "$work/rows"

if [ ! -x /usr/bin/time ]; then
  echo "installing time from Debian's packages" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
if [ -n "${RAVE_BIN:-}" ]; then
  cargo build --release --quiet --example gen_corpus
  rave="$RAVE_BIN"
else
  cargo build --release --quiet --bin rave --example gen_corpus
  rave="$CARGO_TARGET_DIR/release/rave"
fi
gen="$CARGO_TARGET_DIR/release/examples/gen_corpus"

load() { cut -d' ' -f1-3 /proc/loadavg; }
{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB RAM"
  echo "rave: $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$repo" diff --quiet HEAD -- src 2>/dev/null || echo '+changes'), $rave"
  echo "seed $seed, --now $now, work folder $work ($(df --output=fstype "$work" | tail -1 | tr -d ' '))"
  echo "load average at the start: $(load)"
} | tee "$work/scale-machine.txt" >&2

# One field of a /usr/bin/time -v report.
field() { awk -F': ' -v k="$2" 'index($0, k) { print $NF }' "$1"; }
# Wall clock "h:mm:ss" or "m:ss.ss" in seconds.
seconds() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }' <<<"$1"; }
median() { python3 -c 'import statistics, sys; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }

rows=()
first_cpu_us=""
for n in $sizes; do
  site="$work/site-$n"; out="$work/out-scale-$n"
  stamp="$(sha256sum "$gen" | cut -c1-16) seed $seed stories $n"
  if [ ! -d "$site" ] || [ "$(cat "$work/site-$n.stamp" 2>/dev/null)" != "$stamp" ]; then
    echo "== $n stories: generating" >&2
    rm -rf "$site" "$work/site-$n.stamp"
    "$gen" --stories "$n" --seed "$seed" --out "$site" >&2
    echo "$stamp" > "$work/site-$n.stamp"
  fi
  build=("$rave" build --root "$site" --output "$out" --now "$now" --quiet)

  echo "== $n stories: warm-up, then $runs runs (load $(load))" >&2
  rm -rf "$out"; "${build[@]}"
  walls=(); cpus=(); rss=()
  for i in $(seq "$runs"); do
    rm -rf "$out"
    report="$work/time-$n-$i.txt"
    /usr/bin/time -v -o "$report" "${build[@]}"
    wall="$(seconds "$(field "$report" 'Elapsed (wall clock)')")"
    user="$(field "$report" 'User time (seconds)')"; sys="$(field "$report" 'System time (seconds)')"
    kb="$(field "$report" 'Maximum resident set size')"
    echo "   run $i: wall ${wall} s, user ${user} s, system ${sys} s, peak RSS $((kb / 1024)) MB (load $(load))" >&2
    walls+=("$wall"); cpus+=("$(python3 -c "print($user + $sys)")"); rss+=("$kb")
  done
  files="$(find "$out" -type f | wc -l | tr -d ' ')"
  rm -rf "$out"

  wall_s="$(median "${walls[@]}")"; cpu_s="$(median "${cpus[@]}")"; rss_mb="$(python3 -c "print(round($(median "${rss[@]}") / 1024))")"
  cpu_us="$(python3 -c "print(round($cpu_s / $n * 1e6))")"
  first_cpu_us="${first_cpu_us:-$cpu_us}"
  ratio="$(python3 -c "print(f'{$cpu_us / $first_cpu_us:.2f}')")"
  rows+=("$(printf '| %s | %.2f s | %.2f s | %s µs | %s× | %s MB | %s |' "$n" "$wall_s" "$cpu_s" "$cpu_us" "$ratio" "$rss_mb" "$files")")
  printf 'stories\t%s\nwall_s\t%s\ncpu_s\t%s\ncpu_us_per_story\t%s\nrss_mb\t%s\nfiles\t%s\n' \
    "$n" "$wall_s" "$cpu_s" "$cpu_us" "$rss_mb" "$files" > "$work/rows/scale-$n.tsv"
done
echo "load average at the end: $(load)" | tee -a "$work/scale-machine.txt" >&2

{
  echo
  echo "| stories | wall (median) | user+system CPU (median) | CPU per story | vs first size | peak RSS (median) | files |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
} | tee "$work/scale.md"
