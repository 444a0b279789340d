#!/usr/bin/env bash
# `rave import wordpress` on a large generated export: throughput (MB of export per second of
# wall time) and peak RSS. Measures only; nothing is asserted.
#
#   bash bench/import.sh              # a 500 MB export (MB=500), table in $BENCH_DIR/import.md
#   MB=100 bash bench/import.sh       # a smaller one
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
dir="${BENCH_DIR:-/tmp/rave-bench}/import"
mb="${MB:-500}"
mkdir -p "$dir"

command -v /usr/bin/time >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq time; }
(cd "$root" && cargo build --release --locked --quiet --bin rave)
rave="$target/release/rave"

export_file="$dir/export-${mb}mb.xml"
if [ ! -f "$export_file" ]; then
  echo "== generating a ${mb} MB export"
  python3 - "$export_file" "$mb" <<'PY'
import sys
path, mb = sys.argv[1], int(sys.argv[2])
words = ("the clerk said the refund would take ten working days and then the line went quiet "
         "so I called again on Monday and waited forty minutes with the same four bars of music").split()
def para(n, k):
    return " ".join(words[(n * 7 + i) % len(words)] for i in range(k)).capitalize() + "."
head = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench Stories</title><link>https://bench.example</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_login><![CDATA[writer]]></wp:author_login><wp:author_email><![CDATA[w@bench.example]]></wp:author_email><wp:author_display_name><![CDATA[Bench Writer]]></wp:author_display_name></wp:author>
"""
limit = mb * 1024 * 1024
with open(path, "w") as out:
    out.write(head)
    n = 0
    size = len(head)
    while size < limit:
        n += 1
        pid = n * 10
        body = "\n\n".join(para(n + j, 60) for j in range(6))
        body += f'\n\n[caption id="attachment_{pid + 1}" width="300"]<img class="wp-image-{pid + 1}" src="https://bench.example/wp-content/uploads/2020/01/p{n}-300x200.jpg" alt="" /> Photo {n}. Photo: Bench[/caption]\n\n<!--more-->\n\n' + para(n, 40)
        comments = "".join(
            f"<wp:comment><wp:comment_id>{pid * 10 + c}</wp:comment_id><wp:comment_author><![CDATA[Reader {c}]]></wp:comment_author>"
            f"<wp:comment_author_email><![CDATA[r{c}@bench.example]]></wp:comment_author_email><wp:comment_author_IP><![CDATA[192.0.2.{c}]]></wp:comment_author_IP>"
            f"<wp:comment_date_gmt><![CDATA[2020-01-02 10:0{c}:00]]></wp:comment_date_gmt><wp:comment_content><![CDATA[{para(n + c, 30)}]]></wp:comment_content>"
            f"<wp:comment_approved><![CDATA[1]]></wp:comment_approved><wp:comment_type><![CDATA[comment]]></wp:comment_type><wp:comment_parent>{pid * 10 + c - 1 if c > 1 else 0}</wp:comment_parent></wp:comment>"
            for c in range(1, 5))
        item = (f"<item><title>Shop {n} gets an F</title><link>https://bench.example/2020/01/shop-{n}/</link><dc:creator><![CDATA[writer]]></dc:creator>"
                f"<content:encoded><![CDATA[{body}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>"
                f"<wp:post_id>{pid}</wp:post_id><wp:post_date><![CDATA[2020-01-01 10:00:00]]></wp:post_date><wp:post_date_gmt><![CDATA[2020-01-01 09:00:00]]></wp:post_date_gmt>"
                f"<wp:post_name><![CDATA[shop-{n}]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type><wp:post_password><![CDATA[]]></wp:post_password>"
                f"<category domain=\"category\" nicename=\"shops\"><![CDATA[Shops]]></category>{comments}</item>\n"
                f"<item><title>p{n}</title><wp:post_id>{pid + 1}</wp:post_id><wp:post_type><![CDATA[attachment]]></wp:post_type><wp:status><![CDATA[inherit]]></wp:status><wp:post_parent>{pid}</wp:post_parent>"
                f"<wp:attachment_url><![CDATA[https://bench.example/wp-content/uploads/2020/01/p{n}.jpg]]></wp:attachment_url>"
                f"<wp:postmeta><wp:meta_key><![CDATA[_wp_attached_file]]></wp:meta_key><wp:meta_value><![CDATA[2020/01/p{n}.jpg]]></wp:meta_value></wp:postmeta></item>\n")
        out.write(item)
        size += len(item)
    out.write("</channel></rss>\n")
PY
fi
bytes=$(stat -c %s "$export_file")
site="$dir/site"
rm -rf "$site"
echo "== importing $(( bytes / 1024 / 1024 )) MB"
/usr/bin/time -v "$rave" import wordpress "$export_file" --root "$site" > "$dir/report.md" 2> "$dir/time.txt"
wall=$(grep "Elapsed (wall clock)" "$dir/time.txt" | awk '{print $NF}')
seconds=$(python3 -c "import sys; p=[float(x) for x in sys.argv[1].split(':')]; print(sum(v*60**i for i,v in enumerate(reversed(p))))" "$wall")
rss_kb=$(grep "Maximum resident set size" "$dir/time.txt" | awk '{print $NF}')
stories=$(grep -c "" <(find "$site/content/stories" -name '*.md'))
{
  echo "| export | stories | wall time | throughput | peak RSS |"
  echo "|---|---|---|---|---|"
  python3 -c "import sys; b,s,r,n=map(float,sys.argv[1:5]); print(f'| {b/1048576:.0f} MB | {int(n):,} | {s:.1f} s | {b/1048576/s:.0f} MB/s | {r/1024:.0f} MB |')" "$bytes" "$seconds" "$rss_kb" "$stories"
} | tee "$dir/import.md"
