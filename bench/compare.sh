#!/usr/bin/env bash
# rave against Hugo on the same synthetic corpus (examples/gen_corpus.rs), clean full builds.
#
#   bash bench/compare.sh              # 1,000 and 10,000 stories
#   bash bench/compare.sh --large      # also 100,000 stories
#   bash bench/compare.sh --sizes "1000 5000" --runs 5
#
# Environment: BENCH_DIR (work folder, default /tmp/rave-bench; corpora and outputs go there),
# SEED (1), RUNS (hyperfine runs per build; default 5, and 3 from 10,000 stories up),
# HUGO_TIMEOUT (seconds one Hugo build may take before it is reported as timed out; 3600),
# SKIP_HUGO=1 (rave only).
#
# Prints one table: stories, median wall time of each (hyperfine, output removed before every
# run with --prepare), the ratio rave/Hugo, peak memory of each (max RSS from /usr/bin/time -v,
# one extra run) and the files each writes. hyperfine, Hugo (Debian's `hugo`) and GNU time are
# installed with apt-get when missing. Nothing here is asserted: it measures.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

sizes="1000 10000"
runs="${RUNS:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --large) sizes="$sizes 100000" ;;
    --sizes) sizes="$2"; shift ;;
    --runs) runs="$2"; shift ;;
    *) echo "usage: bash bench/compare.sh [--large] [--sizes \"N ...\"] [--runs R]" >&2; exit 2 ;;
  esac
  shift
done
work="${BENCH_DIR:-/tmp/rave-bench}"
seed="${SEED:-1}"
hugo_timeout="${HUGO_TIMEOUT:-3600}"
now="2025-01-01"
mkdir -p "$work"

need() { # command, Debian package
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "installing $2 from Debian's packages" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  fi
}
need hyperfine hyperfine
[ -x /usr/bin/time ] || need /usr/bin/time time
[ "${SKIP_HUGO:-0}" = 1 ] || need hugo hugo

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
cargo build --release --quiet --bin rave --example gen_corpus
rave="$CARGO_TARGET_DIR/release/rave"
gen="$CARGO_TARGET_DIR/release/examples/gen_corpus"

# Median of a hyperfine JSON export, in seconds.
median() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"; }
# Max RSS in MB of one run of a command (after a clean of its output).
peak_mb() {
  /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}'
}
files() { find "$1" -type f | wc -l | tr -d ' '; }

{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB RAM"
  echo "rave: $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$repo" diff --quiet 2>/dev/null || echo '+changes'), $("$rave" --version)"
  [ "${SKIP_HUGO:-0}" = 1 ] || echo "hugo: $(hugo version | cut -d' ' -f2)"
  echo "seed $seed, --now $now, work folder $work"
} | tee "$work/machine.txt"

rows=()
for n in $sizes; do
  site="$work/site-$n"; hsite="$work/hugo-$n"; out="$work/out-rave-$n"; hout="$work/out-hugo-$n"
  echo "== $n stories: generating" >&2
  "$gen" --stories "$n" --seed "$seed" --out "$site" --hugo "$hsite" >&2
  r="${runs:-$([ "$n" -ge 10000 ] && echo 3 || echo 5)}"

  echo "== $n stories: rave ($r runs)" >&2
  hyperfine --style basic --warmup 1 --runs "$r" --export-json "$work/rave-$n.json" \
    --prepare "rm -rf '$out'" \
    "'$rave' build --root '$site' --output '$out' --now $now --quiet" >&2
  rave_s="$(median "$work/rave-$n.json")"
  rm -rf "$out"
  rave_mb="$(peak_mb "$rave" build --root "$site" --output "$out" --now "$now" --quiet)"
  rave_files="$(files "$out")"

  hugo_s="-"; hugo_mb="-"; hugo_files="-"; ratio="-"
  if [ "${SKIP_HUGO:-0}" != 1 ]; then
    echo "== $n stories: hugo ($r runs, at most ${hugo_timeout}s each)" >&2
    # Hugo is built into a fresh folder each time; its resource cache is kept out of the way.
    hcmd="timeout $hugo_timeout hugo --quiet --source '$hsite' --destination '$hout' --cacheDir '$work/hugo-cache'"
    if hyperfine --style basic --warmup 0 --runs "$r" --export-json "$work/hugo-$n.json" \
      --prepare "rm -rf '$hout' '$work/hugo-cache'" "$hcmd" >&2; then
      hugo_s="$(median "$work/hugo-$n.json")"
      rm -rf "$hout" "$work/hugo-cache"
      hugo_mb="$(peak_mb timeout "$hugo_timeout" hugo --quiet --source "$hsite" --destination "$hout" --cacheDir "$work/hugo-cache")"
      hugo_files="$(files "$hout")"
      ratio="$(python3 -c "print(f'{$rave_s / $hugo_s:.3f}')")"
    else
      hugo_s="failed/timeout"
    fi
  fi
  hugo_cell="$hugo_s"
  case "$hugo_s" in -|failed*) ;; *) hugo_cell="$(printf '%.3f s' "$hugo_s")" ;; esac
  rows+=("$(printf '| %s | %.3f s | %s | %s | %s MB | %s MB | %s | %s |' \
    "$n" "$rave_s" "$hugo_cell" "$ratio" "$rave_mb" "$hugo_mb" "$rave_files" "$hugo_files")")
  # Per story, for the linearity target (10k against 100k).
  python3 -c "print(f'   rave: {$rave_s / $n * 1e6:.0f} µs per story')" >&2
done

{
  echo
  echo "| stories | rave median | Hugo median | rave/Hugo | rave peak RSS | Hugo peak RSS | rave files | Hugo files |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
} | tee "$work/table.md"
