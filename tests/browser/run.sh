#!/usr/bin/env bash
# Real-browser tests of the default theme: builds the example site (also in German) and
# tests/browser/fixture (also in German and in Arabic, right to left), then checks them in headless Chromium (check.mjs).
# Needs what .ci/run installs: Debian's chromium, a Java runtime, Node.js with npm, and `npm ci` in tests/browser. A missing tool is named and fails
# the run; nothing is skipped. Screenshots go to target/screenshots/.
#
#   bash tests/browser/run.sh                       # build, check, print "N passed, M failed"
#   UPDATE_SCREENSHOTS=1 bash tests/browser/run.sh  # also refresh docs/screenshots/
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
chromium="${CHROMIUM:-/usr/bin/chromium}"

fail() {
  echo "error: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}

missing=()
command -v cargo >/dev/null 2>&1 || missing+=("cargo (the Rust toolchain)")
command -v node >/dev/null 2>&1 || missing+=("node (Node.js 18 or later: apt-get install nodejs)")
command -v npm >/dev/null 2>&1 || missing+=("npm (apt-get install npm)")
command -v java >/dev/null 2>&1 || missing+=("java, for the Nu HTML checker (apt-get install default-jre-headless)")
[ -x "$chromium" ] || missing+=("$chromium (apt-get install chromium)")
if [ ${#missing[@]} -gt 0 ]; then
  for m in "${missing[@]}"; do echo "missing: $m" >&2; done
  fail "the browser tests need the tools above"
fi
if command -v node >/dev/null 2>&1; then
  major="$(node -p 'process.versions.node.split(".")[0]')"
  [ "$major" -ge 18 ] || fail "node $major is too old: the browser tests need Node.js 18 or later"
fi

# The pinned npm packages (package-lock.json); installed here when node_modules is missing.
if [ ! -f "$here/node_modules/.package-lock.json" ]; then
  echo "== npm ci (tests/browser)"
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund) || fail "npm ci failed in tests/browser"
fi
for pkg in playwright-core axe-core vnu-jar; do
  [ -d "$here/node_modules/$pkg" ] || fail "missing npm package $pkg: run npm ci in tests/browser"
done
[ -f "$here/node_modules/vnu-jar/build/dist/vnu.jar" ] || fail "missing node_modules/vnu-jar/build/dist/vnu.jar"
java -version >/dev/null 2>&1 || fail "java does not run (java -version failed)"

echo "== building rave"
(cd "$root" && cargo build --release --locked --quiet) || fail "cargo build --release failed"
rave="$target/release/rave"
[ -x "$rave" ] || fail "no rave binary at $rave"

sites="$root/target/browser"
mkdir -p "$sites"
echo "== building the example site"
"$rave" build --root "$root" --output "$sites/example" --quiet || fail "the example site does not build"
echo "== building the example site in German"
rm -rf "$sites/example-de-src"
mkdir -p "$sites/example-de-src"
cp -r "$root/content" "$root/static" "$sites/example-de-src/"
sed "s/^language: .*/language: de/" "$root/site.yaml" >"$sites/example-de-src/site.yaml"
grep -q "^language:" "$sites/example-de-src/site.yaml" || echo "language: de" >>"$sites/example-de-src/site.yaml"
"$rave" build --root "$sites/example-de-src" --output "$sites/example-de" --quiet || fail "the example site does not build in German"
echo "== building the fixture site"
"$rave" build --root "$here/fixture" --output "$sites/fixture" --now 2025-06-01T12:00:00Z --quiet ||
  fail "the fixture site does not build"

# The fixture again in German and in Arabic (right to left, its catalogue partly English).
for lang in de ar; do
  rm -rf "$sites/fixture-$lang-src"
  cp -r "$here/fixture" "$sites/fixture-$lang-src"
  sed -i "s/^language: .*/language: $lang/" "$sites/fixture-$lang-src/site.yaml"
  echo "== building the fixture site in language $lang"
  "$rave" build --root "$sites/fixture-$lang-src" --output "$sites/fixture-$lang" --now 2025-06-01T12:00:00Z --quiet ||
    fail "the fixture site does not build in language $lang"
done

shots="$root/target/screenshots"
rm -rf "$shots"
mkdir -p "$shots"
echo "== checking in $("$chromium" --version 2>/dev/null | tail -n 1)"
node "$here/check.mjs" --shots "$shots" "example=$sites/example" "example-de=$sites/example-de" "fixture=$sites/fixture" \
  "fixture-de=$sites/fixture-de" "fixture-ar=$sites/fixture-ar"
status=$?

if [ "${UPDATE_SCREENSHOTS:-}" = 1 ]; then
  docs="$root/docs/screenshots"
  mkdir -p "$docs"
  for shot in company-phone-light company-phone-dark story-desktop-light story-desktop-dark; do
    src="$shots/example/docs-$shot.png"
    [ -f "$src" ] && cp "$src" "$docs/$shot.png" && echo "updated docs/screenshots/$shot.png"
  done
  # The German example site's company page, for the README's languages.
  src="$shots/example-de/docs-company-phone-light.png"
  [ -f "$src" ] && cp "$src" "$docs/company-phone-light-de.png" && echo "updated docs/screenshots/company-phone-light-de.png"
fi
exit $status
