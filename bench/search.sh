#!/usr/bin/env bash
# What a reader's search downloads: rave builds the synthetic corpus, then a simulation of the
# default theme's search.js (same word rule, same files) types queries letter by letter, as a
# reader does, and adds up every distinct file of search-index/ the page would fetch: meta.json,
# the shards of each word as typed, the filter lists, and the entry chunks of the first page of
# hits after every keystroke.
#
#   bash bench/search.sh                    # 100,000 stories
#   bash bench/search.sh --stories 10000
#
# Queries: the most rated company's name; that name with its stories' most common summary word;
# a two-word query of common words; the company filter with a year and a grade. Prints bytes
# (and gzip bytes, as a server compressing JSON would send) per query and the largest, and
# writes $BENCH_DIR/rows/search-N.tsv for bench/table.sh. Environment: BENCH_DIR (default
# /dev/shm/rave-bench), SEED (1). Nothing is asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
stories=100000
while [ $# -gt 0 ]; do
  case "$1" in
    --stories) stories="$2"; shift ;;
    *) echo "usage: bash bench/search.sh [--stories N]" >&2; exit 2 ;;
  esac
  shift
done
work="${BENCH_DIR:-/dev/shm/rave-bench}"
seed="${SEED:-1}"
mkdir -p "$work/rows"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
cargo build --release --quiet --bin rave --example gen_corpus
site="$work/search-site-$stories"; out="$work/search-out-$stories"
rm -rf "$site" "$out"
"$CARGO_TARGET_DIR/release/examples/gen_corpus" --stories "$stories" --seed "$seed" --out "$site" >&2
"$CARGO_TARGET_DIR/release/rave" build --root "$site" --output "$out" --now 2025-01-01 --quiet
rm -rf "$site"

python3 - "$out/search-index" "$stories" "$work/rows/search-$stories.tsv" <<'EOF'
import collections, gzip, json, os, sys, unicodedata

root, stories, rows = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def path(rel): return os.path.join(root, rel)
def load(rel):
    try:
        with open(path(rel), encoding="utf-8") as f: return json.load(f)
    except FileNotFoundError: return None

def words(text):  # search.js: lower case, NFD without marks, split at non letters/digits
    text = "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.category(c).startswith("M"))
    out, cur = [], []
    for c in text:
        if unicodedata.category(c)[0] in "LN": cur.append(c)
        elif cur: out.append("".join(cur)); cur = []
    if cur: out.append("".join(cur))
    return out

def key(word): return word[:2].encode().hex()

def decode(text):
    if not text: return []
    if text[0] == "~":
        import base64
        data = base64.b64decode(text[1:])
        return [i * 8 + b for i, byte in enumerate(data) for b in range(8) if byte >> b & 1]
    ids, last = [], 0
    for d in text.split("."):
        last += int(d, 36); ids.append(last)
    return ids

meta = load("meta.json")
def search(fields, fetched):
    sets = []
    for kind, text in fields.get("words", []):
        for term in words(text):
            rel = f"{kind}/{key(term)}.json"; fetched.add(rel)
            shard = load(rel) or {}
            found = set()
            for w, lst in shard.items():
                if (w == term) if len(term) < 2 else w.startswith(term): found.update(decode(lst))
            sets.append(found)
    for rel in fields.get("filters", []):
        fetched.add(rel); sets.append(set(decode(load(rel) or "")))
    if not sets: return None
    hits = sorted(set.intersection(*sets))
    for i in hits[:10]: fetched.add(f"s/{i // meta['chunk']}.json")
    return hits

def typed(fields_of):  # every keystroke of the last text field, then the whole query
    fetched = {"meta.json"}
    full = fields_of(None)
    kind, text = full["words"][-1]
    for n in range(1, len(text) + 1):
        search(fields_of(text[:n]), fetched)
    hits = search(full, fetched)
    # A shard no word of the site needs is fetched too, and answered 404 (no body to count).
    present = [r for r in fetched if os.path.exists(path(r))]
    size = sum(os.path.getsize(path(r)) for r in present)
    gz = sum(len(gzip.compress(open(path(r), "rb").read())) for r in present)
    return len(hits or []), len(fetched), size, gz

# The most rated company, and common words, from the entries.
companies, summary_words = collections.Counter(), collections.Counter()
for name in sorted(os.listdir(path("s")), key=lambda f: int(f.split(".")[0]))[:200]:
    for e in load(f"s/{name}"):
        for c in e["companies"]: companies[c["name"]] += 1
        summary_words.update(set(words(e["summary"])))
company = companies.most_common(1)[0][0]
common = [w for w, _ in summary_words.most_common(40) if len(w) > 3][:2]
year = meta["years"][0][0]
queries = {
    f"company name \"{company}\"": lambda t: {"words": [("w", t if t is not None else company)]},
    f"\"{company} {common[0]}\"": lambda t: {"words": [("w", company), ("w", t if t is not None else common[0])]},
    f"common words \"{common[0]} {common[1]}\"": lambda t: {"words": [("w", common[0]), ("w", t if t is not None else common[1])]},
    f"company filter \"{company}\", year {year}, grade F": lambda t: {"words": [("c", t if t is not None else company)], "filters": [f"f/year-{year}.json", "f/grade-f.json"]},
}
total_files = sum(len(fs) for _, _, fs in os.walk(root))
total_bytes = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(root) for f in fs)
print(f"{stories} stories: search-index/ has {total_files} files, {total_bytes / 1e6:.1f} MB in all")
print("| query (typed letter by letter) | hits | files fetched | bytes | gzip bytes |")
print("|---|---:|---:|---:|---:|")
worst = (0, 0)
for label, q in queries.items():
    hits, files, size, gz = typed(q)
    worst = max(worst, (size, gz))
    print(f"| {label} | {hits} | {files} | {size / 1000:.0f} KB | {gz / 1000:.0f} KB |")
with open(rows, "w") as f:
    f.write(f"stories\t{stories}\nsearch_max_bytes\t{worst[0]}\nsearch_max_gzip\t{worst[1]}\nindex_files\t{total_files}\nindex_bytes\t{total_bytes}\n")
EOF
