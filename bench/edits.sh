#!/usr/bin/env bash
# Rebuild and edit-to-browser time of `rave serve` for every kind of edit a writer makes, on the
# synthetic corpus (10,000 stories by default), and how long an editor's atomic save lasts as the
# watcher sees it (what the watcher's debounce must cover).
#
#   bash bench/edits.sh                          # 10,000 stories, 7 edits of each kind
#   bash bench/edits.sh --stories 1000 --repeat 5
#
# The site is generated on tmpfs (/dev/shm unless BENCH_DIR says otherwise); `rave serve` keeps
# its output in memory. A client holds the live-reload event stream open, as a browser showing a
# page does, naming the page the edit is about (`?path=`), which rave then renders first. For
# each kind of edit the script saves one file, then records:
#   - rebuild: rave's own "rebuilt ... in N ms" (the session's rebuild, without the debounce);
#   - edit-to-browser: from the save until the page's live-reload event reaches the client
#     (debounce, rendering that page, or the whole rebuild when the page is not rendered first,
#     and publishing included); the page is then fetched and must show the change, or the script
#     fails;
#   - page reloaded first: how many of the saves reloaded the page before the rebuild settled
#     (`data: page` on the stream).
# Then it times editors' saves (vim: backup by rename, write, fsync, delete the backup; VS Code:
# write in place, and write a temporary file then rename it over; JetBrains "safe write": a
# temporary file, the original renamed to a backup, the temporary renamed in, the backup deleted)
# on the site's file system and on SAVES_DISK (default: the target folder, on disk): the span from a
# save's first operation on the file to its last is how long the file is unfinished.
# Environment: BENCH_DIR (default /dev/shm/rave-edits), SEED (1), PORT (default 18765), KINDS (only
# the kinds of edit whose names contain one of these comma-separated words), RAVE_BIN
# and GEN_BIN (binaries to use instead of building the worktree's in release), BASE_TEMPLATE (the
# base.html the site overrides and the template edit changes; default: the worktree's theme's).
# Writes $BENCH_DIR/edits.md. Nothing is asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

stories=10000
repeat=7
while [ $# -gt 0 ]; do
  case "$1" in
    --stories) stories="$2"; shift ;;
    --repeat) repeat="$2"; shift ;;
    *) echo "usage: bash bench/edits.sh [--stories N] [--repeat R]" >&2; exit 2 ;;
  esac
  shift
done
work="${BENCH_DIR:-/dev/shm/rave-edits}"
seed="${SEED:-1}"
port="${PORT:-18765}"
mkdir -p "$work"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
if [ -n "${RAVE_BIN:-}" ]; then
  # Binaries built earlier (e.g. of another commit, to compare): RAVE_BIN and GEN_BIN.
  rave="$RAVE_BIN"; gen="${GEN_BIN:?GEN_BIN names the gen_corpus binary}"
else
  cargo build --release --quiet --bin rave --example gen_corpus
  rave="$CARGO_TARGET_DIR/release/rave"
  gen="$CARGO_TARGET_DIR/release/examples/gen_corpus"
fi

server=""
cleanup() {
  if [ -n "$server" ]; then
    kill -INT "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
}
trap cleanup EXIT

site="$work/site-$stories"
rm -rf "$site"
echo "== generating $stories stories in $site" >&2
"$gen" --stories "$stories" --seed "$seed" --out "$site" >&2
mkdir -p "$site/templates"
cp "${BASE_TEMPLATE:-$repo/themes/default/templates/base.html}" "$site/templates/base.html"
log="$work/serve-$stories.log"
SOURCE_DATE_EPOCH=1735689600 "$rave" serve --root "$site" --port "$port" >"$log" 2>&1 &
server=$!
for _ in $(seq 1 1200); do
  grep -q "^Serving " "$log" && break
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.5
done
grep -q "^Serving " "$log" || { echo "rave serve did not start" >&2; exit 1; }
url="$(sed -n 's/^Serving \(http[^ ]*\).*/\1/p' "$log" | head -1)"
# Let the first build's files settle (rave trusts a file's stamp once it is 2 s old).
sleep 3

python3 - "$site" "$url" "$log" "$repeat" "$stories" "$work" "${SAVES_DISK:-$CARGO_TARGET_DIR}" >"$work/edits.md" <<'PY'
import glob, os, re, socket, statistics, sys, threading, time
import urllib.parse, urllib.request

site, url, log, repeat, n, work, disk = sys.argv[1:8]
repeat = int(repeat)
TIMEOUT = 120.0
host, port = re.match(r"http://([^:/]+):(\d+)", url).groups()

# --- the live-reload client -----------------------------------------------------------------
# Like a browser showing the page an edit is about, the client names that page on the stream
# (`?path=`), so that rave renders it first; one stream per kind of edit, for its page.
events = []          # (perf_counter, name, data) of the current stream
events_lock = threading.Condition()
stream = {"socket": None}

def listen(s):
    buf = b""
    while True:
        try:
            chunk = s.recv(65536)
        except OSError:
            return
        if not chunk:
            return
        now = time.perf_counter()
        buf += chunk
        for name, data in re.findall(rb"event: ?(\w+)\r?\ndata: ?(\w*)", buf):
            with events_lock:
                if stream["socket"] is s:
                    events.append((now, name.decode(), data.decode()))
                    events_lock.notify_all()
        buf = buf[buf.rfind(b"\n") + 1:]

def watch_page(page):
    """Opens the event stream for `page`, closing the last one."""
    old = stream["socket"]
    s = socket.create_connection((host, int(port)))
    with events_lock:
        stream["socket"] = s
        events.clear()
    if old is not None:
        old.close()
    path = urllib.parse.quote(page, safe="")
    s.sendall(f"GET /__rave/events?path={path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/event-stream\r\n\r\n".encode())
    threading.Thread(target=listen, args=(s,), daemon=True).start()
    time.sleep(0.3)

def rebuild_times():
    with open(log, encoding="utf-8", errors="replace") as f:
        return [int(m) for m in re.findall(r"rebuilt after \d+ changes? in (\d+) ms", f.read())]

def first_times():
    """rave's own time to the open page's early hand-on, per rebuild that had one."""
    with open(log, encoding="utf-8", errors="replace") as f:
        return [int(m) for m in re.findall(r"shown first after (\d+) ms", f.read())]

def fetch(path):
    with urllib.request.urlopen(url.rstrip("/") + path, timeout=60) as r:
        return r.read().decode("utf-8", "replace")

def measure(edit, page, marker):
    """Saves, waits for the reload event, checks `page` shows `marker`; (ms to event, rebuild ms)."""
    with events_lock:
        seen = len(events)
    rebuilt = len(rebuild_times())
    shown = len(first_times())
    start = time.perf_counter()
    edit()
    with events_lock:
        if not events_lock.wait_for(lambda: len(events) > seen, TIMEOUT):
            raise SystemExit(f"no live-reload event within {TIMEOUT} s")
        at, name, data = events[seen]
    if name != "reload":
        raise SystemExit(f"the rebuild failed (event {name}); see {log}")
    to_browser = (at - start) * 1000.0
    early = data == "page"
    # What the browser fetches when it reloads.
    body = fetch(page)
    if marker not in body:
        raise SystemExit(f"{page} does not show {marker!r} at its reload")
    deadline = time.perf_counter() + TIMEOUT
    while len(rebuild_times()) <= rebuilt and time.perf_counter() < deadline:
        time.sleep(0.01)
    # Let the watcher go quiet, and a second rebuild (if the save caused one) finish.
    time.sleep(0.6)
    times = rebuild_times()[rebuilt:]
    firsts = first_times()[shown:]
    return (to_browser, (times[0] if times else float("nan")), len(times), early,
            firsts[0] if firsts else None)

def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()

def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)

def front_matter_edit(path, pattern, replace):
    def run():
        text = read(path)
        new, count = re.subn(pattern, replace, text, count=1, flags=re.M)
        if count != 1:
            raise SystemExit(f"{pattern!r} not found in {path}")
        write(path, new)
    return run

stories = sorted(glob.glob(os.path.join(site, "content/stories/**/*.md"), recursive=True))
def slug(path):
    return os.path.splitext(os.path.basename(path))[0]
def story_page(path):
    return f"/stories/{slug(path)}/"
candidates = [p for p in stories if "\ndraft: true\n" not in read(p)]
# A story in the middle of the list, rating in the `companies:` form, in a series.
listed = [p for p in candidates if "\ncompanies:\n" in read(p) and '\n    rating: "' in read(p)]
story = listed[len(listed) // 2]
serial = next(p for p in listed[len(listed) // 3:] if "\nseries: " in read(p))
series_slug = re.search(r"^series: (\S+)$", read(serial), re.M).group(1)
series_file = os.path.join(site, "content/series", series_slug + ".md")
company_files = sorted(glob.glob(os.path.join(site, "content/companies/*.md")))
company_file = company_files[len(company_files) // 2]
author_file = sorted(glob.glob(os.path.join(site, "content/authors/*.md")))[0]
template = os.path.join(site, "templates", "base.html")
config = os.path.join(site, "site.yaml")
nonce = str(os.getpid())

kinds = {
    "story text": lambda i: (
        lambda: write(story, read(story) + f"\nEdit marker body-{nonce}-{i}.\n"),
        story_page(story), f"body-{nonce}-{i}"),
    "rating": lambda i: (
        front_matter_edit(story, r'^    rating: "[^"]*"', f'    rating: "7.{i + 1:02d}/10"'),
        story_page(story), f"7.{i + 1:02d}/10"),
    "title": lambda i: (
        front_matter_edit(story, r"^title: (.*)$", f"title: Title{nonce}x{i} \\1"),
        story_page(story), f"Title{nonce}x{i}"),
    "date": lambda i: (
        front_matter_edit(story, r"^date: \d{4}-\d\d-\d\d", f"date: 2013-0{1 + i % 9}-1{i % 10}"),
        story_page(story), f"2013-0{1 + i % 9}-1{i % 10}"),
    "tags": lambda i: (
        front_matter_edit(story, r"^tags: \[", f"tags: [tag{nonce}x{i}, "),
        story_page(story), f"tag{nonce}x{i}"),
    "company added": lambda i: (
        front_matter_edit(story, r"^companies:\n", f"companies:\n  - name: Newco {nonce} {i}\n    rating: B\n"),
        story_page(story), f"Newco {nonce} {i}"),
    "company profile": lambda i: (
        front_matter_edit(company_file, r"^description: .*$", f"description: Profile edit {nonce} {i}."),
        "/companies/" + slug(company_file) + "/", f"Profile edit {nonce} {i}."),
    "author profile": lambda i: (
        front_matter_edit(author_file, r"^tagline: .*$", f"tagline: Tagline edit {nonce} {i}"),
        "/authors/" + slug(author_file) + "/", f"Tagline edit {nonce} {i}"),
    "series": lambda i: (
        front_matter_edit(series_file, r"^title: .*$", f"title: Series edit {nonce} {i}"),
        "/series/" + series_slug + "/", f"Series edit {nonce} {i}"),
    "template (base.html)": lambda i: (
        lambda: write(template, re.sub(r"<!-- edit [^>]* -->\n?", "", read(template)).replace(
            "</body>", f"<!-- edit template-{nonce}-{i} -->\n</body>", 1)),
        story_page(story), f"template-{nonce}-{i}"),
    "site.yaml": lambda i: (
        front_matter_edit(config, r"^description: .*$", f"description: Site edit {nonce} {i}."),
        "/", f"Site edit {nonce} {i}."),
}

print(f"| stories | edit | rebuild median | rebuild min-max | edit-to-browser median | min-max | rebuilds per save | page reloaded first | page rendered first after (median) |")
print("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
only = [k for k in os.environ.get("KINDS", "").split(",") if k]
for kind, make in kinds.items():
    if only and not any(k in kind for k in only):
        continue
    watch_page(make(0)[1])
    results = [measure(*make(i)) for i in range(repeat)]
    rebuild = [r[1] for r in results]
    browser = [r[0] for r in results]
    per_save = max(r[2] for r in results)
    first = sum(1 for r in results if r[3])
    rendered_first = [r[4] for r in results if r[4] is not None]
    rendered_first = f"{statistics.median(rendered_first):.0f} ms" if rendered_first else "-"
    print(f"| {n} | {kind} | {statistics.median(rebuild):.0f} ms | {min(rebuild):.0f}-{max(rebuild):.0f} ms"
          f" | {statistics.median(browser):.0f} ms | {min(browser):.0f}-{max(browser):.0f} ms | {per_save}"
          f" | {first} of {len(results)} | {rendered_first} |", flush=True)
    print(f"{kind}: rebuild {statistics.median(rebuild):.0f} ms, to browser {statistics.median(browser):.0f} ms", file=sys.stderr, flush=True)

# --- how long an editor's save lasts on the file itself -----------------------------------------
# The watcher gathers events per path, so one save is one change when the events on the file
# (renamed away, created, written, closed, renamed in) fall within the debounce. Each save below
# returns the times of its first and last operation on the file (an event follows each at once).
clock = time.perf_counter
text = read(story)

def fsync_write(path, body):
    with open(path, "w", encoding="utf-8") as f:
        f.write(body)
        f.flush()
        os.fsync(f.fileno())

def vim(body):
    first = clock()
    os.rename(target, target + "~")
    fsync_write(target, body)
    last = clock()
    os.unlink(target + "~")
    return first, last

def vscode_in_place(body):
    first = clock()
    write(target, body)
    return first, clock()

def rename_over(body):
    fsync_write(target + ".tmp", body)
    first = clock()
    os.rename(target + ".tmp", target)
    return first, clock()

def jetbrains(body):
    fsync_write(target + "___jb_tmp___", body)
    first = clock()
    os.rename(target, target + "___jb_old___")
    os.rename(target + "___jb_tmp___", target)
    last = clock()
    os.unlink(target + "___jb_old___")
    return first, last

print()
print("| where | editor save | what it does | unfinished for: median | 99th percentile | max |")
print("|---|---|---|---:|---:|---:|")
for where in (work, disk):
    folder = os.path.join(where, "edits-saves")
    os.makedirs(folder, exist_ok=True)
    target = os.path.join(folder, "story.md")
    write(target, text)
    for name, what, save in [
        ("vim", "rename to backup, write, fsync, delete backup", vim),
        ("VS Code (default)", "truncate and write in place", vscode_in_place),
        ("VS Code (atomic), rename-over", "write temporary, fsync, rename over", rename_over),
        ("JetBrains safe write", "write temporary, fsync, rename original away, rename in, delete", jetbrains),
    ]:
        spans = []
        for i in range(200):
            first, last = save(text + f"\nsave {i}\n")
            spans.append((last - first) * 1000.0)
        spans.sort()
        print(f"| {where} | {name} | {what} | {statistics.median(spans):.2f} ms | {spans[int(len(spans) * 0.99) - 1]:.2f} ms | {spans[-1]:.2f} ms |", flush=True)
    for leftover in os.listdir(folder):
        os.unlink(os.path.join(folder, leftover))
    os.rmdir(folder)
PY
rss_mb="$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$server/status" 2>/dev/null || echo '?')"
echo >>"$work/edits.md"
echo "Peak RSS of rave serve: $rss_mb MB" >>"$work/edits.md"
cat "$work/edits.md"
