// Real-browser checks of rave's default theme, run by tests/browser/run.sh after it has built the
// sites. Usage: node check.mjs --shots DIR NAME=OUTPUT_DIR...
//
// For each built site: a tiny static server on 127.0.0.1 serves the folder, and headless Chromium
// (Debian's /usr/bin/chromium, driven by playwright-core) loads its pages. Checks: axe-core on
// every page type in light and dark, the Nu HTML checker on every page, no horizontal scrolling at
// 390 px, no request to another host, no script but search, internal links and anchors resolve,
// search finds a company, pages work with JavaScript off, the company report card fits a phone
// screen, focus and skip link, every parent path of a page is a page, badge contrast, budgets
// (CSS, story HTML), lazy images, photos on a 390 px phone load their smallest copy. Prints one
// line per check and closes with `N passed, M failed`.

import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const here = path.dirname(new URL(import.meta.url).pathname);
const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const VNU = path.join(here, "node_modules/vnu-jar/build/dist/vnu.jar");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const LAUNCH_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
// What a 390 px phone shows before any scrolling: 844 CSS px less the browser's own bars.
const PHONE_FOLD = 700;
const CSS_BUDGET = 20000; // "under 20 KB", read strictly
const STORY_BUDGET = 60 * 1024; // per 1,000 words
// Every page type the default theme renders (the body's kind-* class).
const KINDS = ["home", "archive", "story", "company", "companies", "leaderboard", "author", "authors", "tag",
  "tags", "category", "categories", "series", "series-index", "page", "search", "404"];

// ---------------------------------------------------------------------------------------------
// Results

let passed = 0;
let failed = 0;
function record(name, problems) {
  const list = (Array.isArray(problems) ? problems : problems ? [problems] : []).filter(Boolean);
  if (list.length === 0) {
    passed += 1;
    console.log(`ok   ${name}`);
  } else {
    failed += 1;
    console.log(`FAIL ${name}`);
    for (const p of list.slice(0, 25)) console.log(`       ${String(p).replace(/\n/g, "\n       ")}`);
    if (list.length > 25) console.log(`       ... and ${list.length - 25} more`);
  }
}
function note(text) {
  console.log(`note ${text}`);
}
async function check(name, fn) {
  try {
    record(name, await fn());
  } catch (err) {
    record(name, `threw: ${err && err.stack ? err.stack : err}`);
  }
}

// ---------------------------------------------------------------------------------------------
// A static server: files of one folder, `index.html` for folders, the site's 404.html otherwise.

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8", ".json": "application/json", ".xml": "application/xml",
  ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
  ".webp": "image/webp", ".gif": "image/gif", ".txt": "text/plain; charset=utf-8", ".ico": "image/x-icon",
};
function serve(dir) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = path.join(root, pathname);
    const send = (status, f) => {
      res.writeHead(status, { "content-type": TYPES[path.extname(f)] || "application/octet-stream" });
      res.end(req.method === "HEAD" ? undefined : fs.readFileSync(f));
    };
    if (file !== root && !file.startsWith(root + path.sep)) return send(404, path.join(root, "404.html"));
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      if (!pathname.endsWith("/")) {
        res.writeHead(301, { location: pathname + "/" }).end();
        return;
      }
      file = path.join(file, "index.html");
    }
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return send(200, file);
    return send(404, path.join(root, "404.html"));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

// ---------------------------------------------------------------------------------------------
// The pages of a built site

function walk(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}
function pagesOf(dir) {
  return walk(dir)
    .filter((f) => f.endsWith(".html"))
    .map((file) => {
      const rel = path.relative(dir, file).split(path.sep).join("/");
      const html = fs.readFileSync(file, "utf8");
      const kind = (html.match(/<body class="kind-([a-z0-9-]+)/) || [])[1] || "unknown";
      const url = "/" + rel.replace(/(^|\/)index\.html$/, "$1");
      return { file, url, kind, html, bytes: fs.statSync(file).size };
    })
    .sort((a, b) => a.url.localeCompare(b.url));
}
// One page per kind (the biggest, which has the most to lay out), plus the site's extra pages.
function representatives(pages, extra) {
  const picked = new Map();
  for (const kind of KINDS) {
    const of = pages.filter((p) => p.kind === kind && !/\/page\/\d+\/$/.test(p.url));
    const pool = of.length ? of : pages.filter((p) => p.kind === kind);
    if (pool.length) {
      const best = pool.reduce((a, b) => (b.bytes > a.bytes ? b : a));
      picked.set(best.url, { ...best, label: kind });
    }
  }
  for (const [label, url] of Object.entries(extra)) {
    const page = pages.find((p) => p.url === url);
    if (page) picked.set(url, { ...page, label });
  }
  return [...picked.values()];
}

// ---------------------------------------------------------------------------------------------
// Helpers in the page

async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")}: ${n.failureSummary.split("\n").slice(1, 2).join(" ").trim()}`),
    }));
  });
  return result.map((v) => `${v.id} (${v.impact}) ${v.help}\n  ${v.nodes.join("\n  ")}`);
}

function contrast(a, b) {
  const lum = ([r, g, b]) => {
    const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}
const rgb = (s) => (s.match(/[\d.]+/g) || []).slice(0, 3).map(Number);

// ---------------------------------------------------------------------------------------------
// Checks of one site

async function checkSite(browser, name, dir, shots, extra, shows = {}) {
  console.log(`\n== ${name}: ${dir}`);
  const pages = pagesOf(dir);
  const server = await serve(dir);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const reps = representatives(pages, extra);
  const outside = new Set();
  const pageErrors = [];
  const watch = (page) => {
    page.on("request", (req) => {
      const u = req.url();
      if (u.startsWith("data:") || u.startsWith("blob:") || u.startsWith("about:")) return;
      if (!u.startsWith(origin + "/")) outside.add(`${u} (from ${page.url()})`);
    });
    page.on("pageerror", (err) => pageErrors.push(`${page.url()}: ${err.message}`));
    page.on("console", (msg) => { if (msg.type() === "error") pageErrors.push(`${page.url()}: console: ${msg.text()}`); });
  };
  const context = async (options = {}) => {
    const ctx = await browser.newContext({ viewport: DESKTOP, ...options });
    // Any host but the local server is refused outright, as well as recorded.
    await ctx.route((url) => !url.href.startsWith(origin + "/"), (route) => route.abort());
    return ctx;
  };

  try {
    await check(`${name}: every page type is there (${KINDS.length} kinds, ${pages.length} pages)`, () => {
      const have = new Set(pages.map((p) => p.kind));
      return KINDS.filter((k) => !have.has(k)).map((k) => `no page of kind "${k}"`)
        .concat(Object.entries(extra).filter(([, u]) => !pages.some((p) => p.url === u)).map(([l, u]) => `no page ${u} (${l})`));
    });

    await check(`${name}: the pages that stand for a part of the story page show it`, () =>
      Object.entries(shows).flatMap(([url, marks]) => {
        const file = path.join(dir, url, "index.html");
        const html = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
        return marks.filter((m) => !html.includes(m)).map((m) => `${url}: no ${m}`);
      }));

    // --- Nu HTML checker on every generated page
    await check(`${name}: Nu HTML checker, 0 errors in ${pages.length} pages`, () => {
      const run = spawnSync("java", ["-jar", VNU, "--errors-only", "--skip-non-html", "--format", "json", dir], { encoding: "utf8", maxBuffer: 64 << 20 });
      if (run.error) return `could not run java: ${run.error.message}`;
      let messages;
      try {
        messages = JSON.parse(run.stderr || run.stdout).messages;
      } catch {
        return `unreadable vnu output (exit ${run.status}): ${(run.stderr || run.stdout).slice(0, 500)}`;
      }
      return messages.filter((m) => m.type === "error" || m.subType === "fatal")
        .map((m) => `${(m.url || "").replace("file:" + path.resolve(dir), "")}:${m.lastLine}: ${m.message}`);
    });

    // --- Static checks of the HTML
    await check(`${name}: every alias's redirect page leads to a page of the site, and the sitemap leaves it out`, () => {
      const problems = [];
      const sitemap = fs.existsSync(path.join(dir, "sitemap.xml")) ? fs.readFileSync(path.join(dir, "sitemap.xml"), "utf8") : "";
      const listed = new Set([...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname));
      for (const p of pages.filter((x) => x.kind === "redirect")) {
        const target = (p.html.match(/http-equiv="refresh" content="0; url=([^"]+)"/) || [])[1];
        if (!target || !pages.some((q) => q.url === target && q.kind !== "redirect")) problems.push(`${p.url}: leads to ${target}`);
        if (listed.has(p.url)) problems.push(`${p.url}: in the sitemap`);
      }
      return problems;
    });
    await check(`${name}: every parent path of every page is a page, never the 404 (trimmed URLs land somewhere)`, async () => {
      const problems = [];
      const parents = new Map();
      for (const p of pages) {
        if (p.kind === "404") continue;
        const segments = p.url.split("/").filter(Boolean);
        segments.pop(); // the page itself (`x/` of `/a/x/`, `x.html` of `/a/x.html`)
        for (let i = segments.length; i >= 0; i -= 1) {
          const parent = "/" + segments.slice(0, i).map((s) => s + "/").join("");
          if (!parents.has(parent)) parents.set(parent, p.url);
        }
      }
      for (const [parent, of] of parents) {
        const r = await fetch(origin + encodeURI(parent), { redirect: "manual" });
        if (r.status !== 200) problems.push(`${parent} (a parent of ${of}) -> ${r.status}`);
      }
      return problems;
    });
    await check(`${name}: no script on any page but search (JSON-LD data aside)`, () => pages.flatMap((p) => {
      const scripts = [...p.html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]).filter((a) => !/type="application\/ld\+json"/.test(a));
      if (p.kind === "search") return scripts.length === 1 && /search\.js/.test(scripts[0]) ? [] : [`${p.url}: ${scripts.length} scripts`];
      return scripts.length ? [`${p.url}: ${scripts.map((s) => `<script${s}>`).join(" ")}`] : [];
    }));
    await check(`${name}: no reference to another host in src, href of stylesheets, or CSS url()`, () => {
      const problems = [];
      for (const p of pages) {
        for (const m of p.html.matchAll(/<(?:img|script|iframe|source|video|audio)\b[^>]*\ssrc="([^"]+)"/g)) {
          if (/^(https?:)?\/\//.test(m[1])) problems.push(`${p.url}: src ${m[1]}`);
        }
        for (const m of p.html.matchAll(/<link\b[^>]*>/g)) {
          const href = (m[0].match(/href="([^"]+)"/) || [])[1] || "";
          if (/rel="(stylesheet|icon|preload|modulepreload|preconnect|dns-prefetch)"/.test(m[0]) && /^(https?:)?\/\//.test(href)) problems.push(`${p.url}: ${m[0]}`);
        }
      }
      const css = fs.readFileSync(path.join(dir, "style.css"), "utf8");
      for (const m of css.matchAll(/url\(([^)]*)\)|@import[^;]*/g)) problems.push(`style.css: ${m[0]}`);
      return problems;
    });

    // --- Links and anchors: every internal href and src resolves (fetched from the server)
    await check(`${name}: every internal link and anchor resolves`, async () => {
      const problems = [];
      const seen = new Map();
      const ids = (html) => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
      const fetchOnce = async (u) => {
        if (!seen.has(u)) seen.set(u, fetch(origin + u, { redirect: "manual" }).then(async (r) => ({ status: r.status, body: r.headers.get("content-type")?.startsWith("text/html") ? await r.text() : "" })));
        return seen.get(u);
      };
      for (const p of pages) {
        const base = origin + (p.url.endsWith(".html") ? p.url : p.url);
        for (const m of p.html.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
          const raw = m[1].replace(/&amp;/g, "&");
          if (/^(mailto:|tel:|data:)/.test(raw)) continue;
          let u;
          try { u = new URL(raw, base); } catch { problems.push(`${p.url}: bad URL ${raw}`); continue; }
          if (u.origin !== origin) continue;
          const target = u.pathname + u.search;
          const r = await fetchOnce(target);
          if (r.status !== 200 && !(p.kind === "404" && false)) { problems.push(`${p.url}: ${raw} -> ${r.status}`); continue; }
          if (u.hash && u.hash.length > 1) {
            const html = u.pathname === new URL(base).pathname ? p.html : r.body;
            if (!ids(html).has(decodeURIComponent(u.hash.slice(1)))) problems.push(`${p.url}: ${raw}: no element with that id`);
          }
        }
      }
      return problems;
    });

    // --- Budgets
    await check(`${name}: style.css under 20 KB (${CSS_BUDGET} bytes)`, () => {
      const bytes = fs.statSync(path.join(dir, "style.css")).size;
      note(`${name}: style.css is ${bytes} bytes`);
      return bytes < CSS_BUDGET ? [] : `style.css is ${bytes} bytes`;
    });
    await check(`${name}: story pages under ${STORY_BUDGET / 1024} KB of HTML per 1,000 words`, () => {
      const stories = pages.filter((p) => p.kind === "story").map((p) => ({ ...p, words: Number((p.html.match(/data-words="(\d+)"/) || [])[1] || NaN) }));
      if (!stories.length) return "no story page";
      const missing = stories.filter((s) => Number.isNaN(s.words));
      if (missing.length) return missing.map((s) => `${s.url}: no data-words`);
      const longest = stories.reduce((a, b) => (b.words > a.words ? b : a));
      note(`${name}: the longest story (${longest.words} words, ${longest.url}) is ${longest.bytes} bytes of HTML; the largest story page is ${Math.max(...stories.map((s) => s.bytes))} bytes`);
      return stories.filter((s) => s.bytes > STORY_BUDGET * Math.max(1, s.words / 1000)).map((s) => `${s.url}: ${s.bytes} bytes for ${s.words} words`);
    });

    // --- Every page on a phone: no horizontal scrolling, lazy images below the fold
    {
      const ctx = await context({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
      const page = await ctx.newPage();
      watch(page);
      const overflow = new Map();
      const eager = [];
      const sizeless = [];
      // Redirect pages of aliases move on at once: they are checked on their own below.
      for (const p of pages.filter((x) => x.kind !== "redirect")) {
        const resp = await page.goto(origin + p.url, { waitUntil: "load" });
        if (!resp || resp.status() !== 200) { overflow.set(p.url, [`status ${resp && resp.status()}`]); continue; }
        const r = await page.evaluate((fold) => {
          const doc = document.documentElement;
          const wide = [];
          if (doc.scrollWidth > doc.clientWidth) {
            for (const el of document.querySelectorAll("body *")) {
              const b = el.getBoundingClientRect();
              if (b.right > doc.clientWidth + 0.5 && b.width > 0) wide.push(`${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).split(" ").join(".") : ""} right=${Math.round(b.right)}`);
            }
          }
          const imgs = [...document.images].map((img) => ({ src: img.getAttribute("src"), top: img.getBoundingClientRect().top + scrollY, lazy: img.loading === "lazy", sized: img.hasAttribute("width") && img.hasAttribute("height") }));
          return { scroll: doc.scrollWidth, client: doc.clientWidth, wide: wide.slice(0, 5), imgs: imgs.filter((i) => i.top > fold && !i.lazy), sizeless: imgs.filter((i) => !i.sized) };
        }, PHONE.height);
        if (r.scroll > r.client) overflow.set(p.url, [`scrollWidth ${r.scroll} > clientWidth ${r.client}`, ...r.wide]);
        for (const i of r.imgs) eager.push(`${p.url}: ${i.src} at ${Math.round(i.top)} px has no loading="lazy"`);
        for (const i of r.sizeless) sizeless.push(`${p.url}: ${i.src}`);
      }
      for (const kind of KINDS) {
        const of = pages.filter((p) => p.kind === kind);
        if (!of.length) continue;
        record(`${name}: no horizontal scrolling at 390 px: ${kind} (${of.length} page${of.length > 1 ? "s" : ""})`,
          of.filter((p) => overflow.has(p.url)).map((p) => `${p.url}: ${overflow.get(p.url).join("; ")}`));
      }
      record(`${name}: images below the fold load lazily (all pages at 390 px)`, eager);
      // rave reads the size of the site's own raster images; SVG and remote images have none.
      const raster = (src) => !/^(https?:)?\/\//.test(src) && !/\.svg$/i.test(src);
      record(`${name}: the site's raster images have width and height (all pages)`, sizeless.filter((s) => raster(s.replace(/^.*: /, ""))));
      const unsized = sizeless.filter((s) => !raster(s.replace(/^.*: /, "")));
      if (unsized.length) note(`${name}: ${unsized.length} SVG or remote image(s) without width/height: ${[...new Set(unsized.map((s) => s.replace(/^.*: /, "")))].join(", ")}`);
      await ctx.close();
    }

    // --- axe-core on every page type, light and dark, desktop and phone; screenshots
    for (const scheme of ["light", "dark"]) {
      for (const [vpName, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
        const ctx = await context({ viewport, colorScheme: scheme, isMobile: vpName === "phone", hasTouch: vpName === "phone", deviceScaleFactor: 1 });
        const page = await ctx.newPage();
        watch(page);
        for (const p of reps) {
          await page.goto(origin + p.url, { waitUntil: "load" });
          await page.emulateMedia({ colorScheme: scheme });
          const shot = path.join(shots, name, `${p.label}-${vpName}-${scheme}.png`);
          fs.mkdirSync(path.dirname(shot), { recursive: true });
          await page.screenshot({ path: shot, fullPage: true });
          if (p.label === "company" || p.label === "story") await page.screenshot({ path: path.join(shots, name, `docs-${p.label}-${vpName}-${scheme}.png`) });
          await check(`${name}: axe-core, 0 violations: ${p.label} ${p.url} (${scheme}, ${vpName})`, () => axe(page));
        }
        await ctx.close();
      }
    }

    // --- Print style of a story
    await check(`${name}: print style of a story shows the story, not the site around it`, async () => {
      const story = reps.find((p) => p.label === "story");
      const ctx = await context();
      const page = await ctx.newPage();
      watch(page);
      await page.goto(origin + story.url);
      await page.emulateMedia({ media: "print", colorScheme: "light" });
      const r = await page.evaluate(() => ({
        header: getComputedStyle(document.querySelector(".site-header")).display,
        footer: getComputedStyle(document.querySelector(".site-footer")).display,
        prose: getComputedStyle(document.querySelector(".prose")).display,
        bg: getComputedStyle(document.body).backgroundColor,
      }));
      await page.screenshot({ path: path.join(shots, name, "story-print.png"), fullPage: true });
      await page.pdf({ path: path.join(shots, name, "story-print.pdf"), format: "A4" });
      await ctx.close();
      const problems = [];
      if (r.header !== "none") problems.push("site header is printed");
      if (r.footer !== "none") problems.push("site footer is printed");
      if (r.prose === "none") problems.push("story text is hidden");
      if (rgb(r.bg).some((c) => c < 250)) problems.push(`background ${r.bg}`);
      return problems;
    });

    // --- Photos on a phone: the smallest copy, never a wider one or the photo itself
    await check(`${name}: at 390 px every photo (lead, figures, logos, avatars) loads its smallest copy, never a wider one or the original`, async () => {
      const ctx = await context({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
      const page = await ctx.newPage();
      watch(page);
      const requested = [];
      page.on("request", (req) => { if (req.resourceType() === "image") requested.push(new URL(req.url()).pathname); });
      const problems = [];
      let shownCount = 0;
      let bytes = 0;
      for (const p of pages.filter((x) => x.kind !== "redirect" && /<img[^>]*\ssrcset="/.test(x.html))) {
        requested.length = 0;
        await page.goto(origin + p.url, { waitUntil: "load" });
        const shown = await page.evaluate(async () => {
          const path = (u) => new URL(u, location.href).pathname;
          // The smallest candidate of a srcset: what a 390 px screen at pixel ratio 1 needs.
          const smallest = (set) => set.split(",").map((c) => c.trim().split(/\s+/))
            .map(([u, w]) => ({ u: path(u), w: parseInt(w, 10) })).sort((a, b) => a.w - b.w)[0].u;
          const out = [];
          for (const img of document.querySelectorAll("img[srcset]")) {
            img.scrollIntoView();
            await Promise.race([img.decode().catch(() => {}), new Promise((r) => setTimeout(r, 3000))]);
            const sets = [img.getAttribute("srcset"), ...[...(img.closest("picture")?.querySelectorAll("source") || [])].map((s) => s.getAttribute("srcset"))];
            out.push({ src: path(img.getAttribute("src")), current: img.currentSrc ? path(img.currentSrc) : "(nothing)", smallest: sets.map(smallest) });
          }
          return out;
        });
        for (const s of shown) {
          shownCount += 1;
          if (!s.smallest.includes(s.current)) problems.push(`${p.url}: ${s.src} shows ${s.current}, not ${s.smallest.join(" or ")}`);
        }
        const allowed = new Set(shown.flatMap((s) => s.smallest));
        for (const r of new Set(requested)) {
          if (shown.some((s) => s.src === r)) problems.push(`${p.url}: the photo itself, ${r}, was downloaded`);
          else if (/-\d+w\.(webp|jpe?g|png)$/.test(r) && !allowed.has(r)) problems.push(`${p.url}: downloaded ${r}, wider than needed`);
        }
        for (const r of new Set(requested)) {
          if (allowed.has(r)) bytes += fs.statSync(path.join(dir, decodeURIComponent(r))).size;
        }
      }
      note(`${name}: ${shownCount} photos shown at 390 px, ${bytes} bytes of photo copies downloaded over all pages`);
      // The fixture has photos on every page type; the example site has none.
      if (name.startsWith("fixture") && shownCount < 6) problems.push(`only ${shownCount} photos with srcset were shown: the fixture should have photos on every page type`);
      await ctx.close();
      return problems;
    });

    // --- Badges: AA contrast in light and dark, never colour alone
    for (const scheme of ["light", "dark"]) {
      await check(`${name}: every rating band and verdict chip passes WCAG AA contrast (${scheme})`, async () => {
        const ctx = await context({ colorScheme: scheme });
        const page = await ctx.newPage();
        watch(page);
        await page.goto(origin + "/");
        const r = await page.evaluate(() => {
          const box = document.createElement("div");
          box.className = "card";
          document.querySelector("main").prepend(box);
          const out = [];
          const bg = (el) => {
            for (let e = el; e; e = e.parentElement) {
              const c = getComputedStyle(e).backgroundColor;
              if (!/rgba\(0, 0, 0, 0\)|transparent/.test(c)) return c;
            }
            return "rgb(255, 255, 255)";
          };
          for (const band of ["a", "b", "c", "d", "f", "none"]) {
            const b = document.createElement("span");
            b.className = `badge band-${band}`;
            b.textContent = "B+";
            box.append(b);
            const s = getComputedStyle(b);
            out.push({ what: `badge band-${band}`, fg: s.color, bg: s.backgroundColor, min: 4.5 });
            const track = document.createElement("span");
            track.className = "dist-track";
            const bar = document.createElement("span");
            bar.className = `dist-bar band-${band}`;
            track.append(bar);
            box.append(track);
            out.push({ what: `distribution bar band-${band} against its track`, fg: getComputedStyle(bar).backgroundColor, bg: getComputedStyle(track).backgroundColor, min: 3 });
          }
          for (const v of ["good", "mixed", "bad", "ugly"]) {
            const c = document.createElement("span");
            c.className = `verdict verdict-${v}`;
            c.textContent = v;
            box.append(c);
            out.push({ what: `verdict chip ${v} on a card`, fg: getComputedStyle(c).color, bg: bg(c), min: 4.5 });
            document.body.append(c);
            out.push({ what: `verdict chip ${v} on the page`, fg: getComputedStyle(c).color, bg: bg(c), min: 4.5 });
          }
          return out;
        });
        await ctx.close();
        return r.map((x) => ({ ...x, ratio: contrast(rgb(x.fg), rgb(x.bg)) }))
          .filter((x) => x.ratio < x.min)
          .map((x) => `${x.what}: ${x.fg} on ${x.bg} is ${x.ratio.toFixed(2)}:1, needs ${x.min}:1`);
      });
    }
    await check(`${name}: every badge shows its rating as text and has a full label for screen readers`, async () => {
      const ctx = await context();
      const page = await ctx.newPage();
      watch(page);
      const problems = [];
      for (const p of reps) {
        await page.goto(origin + p.url);
        const bad = await page.evaluate(() => [...document.querySelectorAll(".badge")].filter((b) => {
          const shown = b.querySelector("[aria-hidden=true]");
          const label = b.querySelector(".visually-hidden");
          return !shown || !shown.textContent.trim() || !label || label.textContent.trim().length < 5;
        }).map((b) => b.outerHTML.slice(0, 120)));
        for (const b of bad) problems.push(`${p.url}: ${b}`);
      }
      await ctx.close();
      return problems;
    });

    // --- Company report card above the fold on a phone
    await check(`${name}: company pages answer "how does it treat people?" above the fold at 390 px (name, average, count, distribution, newest story)`, async () => {
      const ctx = await context({ viewport: PHONE, isMobile: true, hasTouch: true });
      const page = await ctx.newPage();
      watch(page);
      const problems = [];
      for (const p of pages.filter((x) => x.kind === "company" && !/\/page\/\d+\/$/.test(x.url))) {
        await page.goto(origin + p.url);
        const r = await page.evaluate(() => {
          const bottom = (sel) => { const e = document.querySelector(sel); return e ? Math.round(e.getBoundingClientRect().bottom + scrollY) : null; };
          return {
            graded: !!document.querySelector(".report-average"),
            verdicts: !!document.querySelector(".report .verdicts"),
            name: bottom("main h1"), average: bottom(".report-average"), count: bottom(".report-count"),
            dist: bottom(".report .dist"), newest: bottom(".report-newest"),
          };
        });
        const need = { name: r.name, count: r.count, newest: r.newest };
        if (r.graded) Object.assign(need, { average: r.average, distribution: r.dist });
        for (const [k, v] of Object.entries(need)) {
          if (v === null) problems.push(`${p.url}: no ${k}`);
          else if (v > PHONE_FOLD) problems.push(`${p.url}: ${k} ends at ${v} px, below ${PHONE_FOLD} px`);
        }
      }
      await ctx.close();
      return problems;
    });

    // --- Keyboard: skip link first, visible focus
    await check(`${name}: the first Tab shows a skip link that moves focus to the main content`, async () => {
      const ctx = await context();
      const page = await ctx.newPage();
      watch(page);
      await page.goto(origin + "/");
      await page.keyboard.press("Tab");
      const r = await page.evaluate(() => {
        const a = document.activeElement;
        const b = a.getBoundingClientRect();
        const s = getComputedStyle(a);
        return { cls: a.className, text: a.textContent, inView: b.top >= 0 && b.bottom <= innerHeight && b.width > 0, outline: s.outlineStyle, width: parseFloat(s.outlineWidth) };
      });
      const problems = [];
      if (r.cls !== "skip-link") problems.push(`first Tab focuses .${r.cls} "${r.text}"`);
      if (!r.inView) problems.push("the focused skip link is not visible");
      if (r.outline === "none" || r.width < 2) problems.push(`focus outline ${r.outline} ${r.width}px`);
      await page.keyboard.press("Enter");
      await page.keyboard.press("Tab");
      const next = await page.evaluate(() => ({ inMain: !!document.activeElement.closest("main"), tag: document.activeElement.tagName }));
      if (!next.inMain) problems.push(`after the skip link, Tab goes to ${next.tag} outside main`);
      await ctx.close();
      return problems;
    });
    for (const scheme of ["light", "dark"]) {
      await check(`${name}: focused links, buttons and fields show a focus ring of 3:1 contrast (${scheme})`, async () => {
        const ctx = await context({ colorScheme: scheme });
        const page = await ctx.newPage();
        watch(page);
        const problems = [];
        for (const p of reps.filter((x) => ["home", "company", "search", "story"].includes(x.label))) {
          await page.goto(origin + p.url);
          const els = await page.evaluate(() => [...document.querySelectorAll("a[href], button, input")].map((e, i) => { e.dataset.focusProbe = i; return i; }));
          for (const i of els.slice(0, 40)) {
            const loc = page.locator(`[data-focus-probe="${i}"]`);
            if (!(await loc.isVisible())) continue;
            await loc.focus();
            await page.keyboard.press("Shift");
            const r = await loc.evaluate((e) => {
              const s = getComputedStyle(e);
              let bg = "rgb(255, 255, 255)";
              for (let x = e.parentElement; x; x = x.parentElement) { const c = getComputedStyle(x).backgroundColor; if (!/rgba\(0, 0, 0, 0\)/.test(c)) { bg = c; break; } }
              return { html: e.outerHTML.slice(0, 80), style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor, bg };
            });
            if (r.style === "none" || r.width < 2) problems.push(`${p.url}: ${r.html}: outline ${r.style} ${r.width}px`);
            else if (contrast(rgb(r.color), rgb(r.bg)) < 3) problems.push(`${p.url}: ${r.html}: outline ${r.color} on ${r.bg}`);
          }
        }
        await ctx.close();
        return problems;
      });
    }

    // --- Search
    // The index's entries, in the chunk files of search-index/s/, newest first.
    const chunks = fs.readdirSync(path.join(dir, "search-index", "s")).map((f) => parseInt(f, 10)).sort((a, b) => a - b);
    const index = chunks.flatMap((k) => JSON.parse(fs.readFileSync(path.join(dir, "search-index", "s", `${k}.json`), "utf8")));
    await check(`${name}: search finds stories by company name as you type`, async () => {
      const entry = index.find((e) => e.companies.length);
      if (!entry) return "no story in search-index/s/ rates a company";
      const company = entry.companies[0].name;
      const expected = index.filter((e) => e.companies.some((c) => c.name === company)).length;
      const problems = [];
      for (const scheme of ["light", "dark"]) {
        const ctx = await context({ colorScheme: scheme });
        const page = await ctx.newPage();
        watch(page);
        await page.goto(origin + "/search/");
        await page.fill("#search-q", company);
        await page.waitForSelector(".search-hit", { timeout: 5000 });
        const hits = await page.locator(".search-hit").count();
        const status = await page.locator(".search-status").textContent();
        if (hits < Math.min(expected, 10)) problems.push(`"${company}": ${hits} hits, ${expected} stories rate it`);
        // The catalogue's "N stories found", in the site's language, with the number of hits.
        const words = JSON.parse(await page.locator(".search-form").getAttribute("data-words"));
        const forms = Object.values(words.found || {});
        if (!forms.some((f) => { const [a, b] = f.split("{count}"); return status.startsWith(a) && status.endsWith(b) && status.length > a.length + b.length; })) problems.push(`status says "${status}", not one of ${JSON.stringify(forms)}`);
        const first = await page.locator(".search-hit a").first().getAttribute("href");
        if (!first || !first.startsWith("/")) problems.push(`first hit links to ${first}`);
        await page.screenshot({ path: path.join(shots, name, `search-results-desktop-${scheme}.png`), fullPage: true });
        for (const v of await axe(page)) problems.push(`axe with results (${scheme}): ${v}`);
        // A query in the address works too, and clicking a hit opens the story.
        await page.goto(origin + "/search/?q=" + encodeURIComponent(company));
        await page.waitForSelector(".search-hit", { timeout: 5000 });
        await Promise.all([page.waitForURL((u) => u.pathname.startsWith("/stories/")), page.locator(".search-hit a").first().click()]);
        await ctx.close();
      }
      return problems;
    });

    await check(`${name}: search filters by company, author and year, and shows more on demand`, async () => {
      const entry = index.find((e) => e.companies.length);
      if (!entry) return "no story in search-index/s/ rates a company";
      const company = entry.companies[0].name;
      const year = entry.date.slice(0, 4);
      const expected = index.filter((e) => e.date.startsWith(year) && e.author === entry.author && e.companies.some((c) => c.name === company));
      const problems = [];
      const ctx = await context({});
      const page = await ctx.newPage();
      watch(page);
      await page.goto(origin + "/search/");
      await page.waitForSelector(".search-filters:not([hidden])", { timeout: 5000 });
      await page.fill("#search-company", company);
      await page.fill("#search-author", entry.author);
      await page.selectOption("#search-year", year);
      await page.waitForSelector(`.search-hit a[href="${entry.url}"]`, { timeout: 5000 });
      const hits = await page.locator(".search-hit").count();
      if (hits < Math.min(expected.length, 10)) problems.push(`${company}, ${entry.author}, ${year}: ${hits} hits, ${expected.length} expected`);
      await page.screenshot({ path: path.join(shots, name, "search-filters-desktop.png"), fullPage: true });
      for (const v of await axe(page)) problems.push(`axe with filters: ${v}`);
      // Every story of a year: more than a page of hits, the rest behind the button.
      const busiest = Object.entries(index.reduce((n, e) => { const y = e.date.slice(0, 4); n[y] = (n[y] || 0) + 1; return n; }, {})).sort((a, b) => b[1] - a[1])[0];
      await page.goto(origin + "/search/?year=" + busiest[0]);
      await page.waitForSelector(".search-hit", { timeout: 5000 });
      const first = await page.locator(".search-hit").count();
      if (first !== Math.min(busiest[1], 10)) problems.push(`year ${busiest[0]}: ${first} hits shown first, ${busiest[1]} stories`);
      if (busiest[1] > 10) {
        await page.click(".search-more");
        await page.waitForFunction((n) => document.querySelectorAll(".search-hit").length > n, first, { timeout: 5000 });
      } else if (await page.locator(".search-more").isVisible()) problems.push("a 'more' button with every hit shown");
      await ctx.close();
      return problems;
    });

    // --- Without JavaScript
    await check(`${name}: every page type renders and its links work with JavaScript off`, async () => {
      const ctx = await context({ javaScriptEnabled: false });
      const page = await ctx.newPage();
      watch(page);
      const problems = [];
      for (const p of reps) {
        await page.goto(origin + p.url);
        const h1 = (await page.locator("main h1").first().textContent()) || "";
        if (!h1.trim()) problems.push(`${p.url}: no h1`);
        if (!(await page.locator("main h1").first().isVisible())) problems.push(`${p.url}: h1 not visible`);
      }
      // Browse: home -> Companies -> the first company -> its first story -> its author.
      await page.goto(origin + "/");
      await Promise.all([page.waitForURL("**/companies/"), page.locator('.site-nav a[href$="/companies/"]').click()]);
      const co = page.locator(".letter .company-list a").first();
      const coName = (await co.textContent()).trim();
      await Promise.all([page.waitForURL("**/companies/*/"), co.click()]);
      if ((await page.locator("main h1").textContent()).trim() !== coName) problems.push(`company page h1 is not "${coName}"`);
      const story = page.locator(".company-stories .card-title a").first();
      const title = (await story.textContent()).trim();
      await Promise.all([page.waitForURL("**/stories/*/"), story.click()]);
      if ((await page.locator("main h1").textContent()).trim() !== title) problems.push(`story page h1 is not "${title}"`);
      await Promise.all([page.waitForURL("**/authors/*/"), page.locator(".story .byline a[rel=author]").click()]);
      await page.goto(origin + "/search/");
      if (!(await page.locator(".search-nojs").isVisible())) problems.push("the search page does not say that search needs JavaScript");
      await ctx.close();
      return problems;
    });

    await check(`${name}: no request to any host but the local server`, () => [...outside]);
    await check(`${name}: no script error or console error`, () => [...new Set(pageErrors)]);
  } finally {
    server.close();
  }
}

// ---------------------------------------------------------------------------------------------

const argv = process.argv.slice(2);
let shots = path.resolve("screenshots");
const sites = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--shots") shots = path.resolve(argv[++i]);
  else {
    const [name, dir] = argv[i].split("=");
    sites.push({ name, dir: path.resolve(dir) });
  }
}
// Pages of the fixture that each stand for a case the representatives may not cover.
const EXTRA = {
  fixture: {
    "company-unrated": "/companies/quiet-corner-bakery/",
    "company-verdicts": "/companies/verdict-only-vans/",
    "company-long-name": "/companies/hyperconsolidatedtelecommunications-regional-broadband-mobile-services-6719d537/",
    "company-page-2": "/companies/brightwater-appliances/page/2/",
    "story-bundle-image": "/stories/kettle-returned-in-person/",
    "story-unrated": "/stories/thank-you-to-strangers/",
    "story-editor-note-series": "/stories/refund-saga-part-two/",
    "author-no-profile": "/authors/bertram-quill/",
    "leaderboard-worst": "/companies/worst/",
    "home-page-2": "/page/2/",
  },
};

// What those pages are there to show (checked by their markup), so that the axe and Nu checks
// of them keep covering it.
const SHOWS = {
  "/stories/refund-saga-part-two/": ['class="editor-note"', 'class="person author-box"', 'class="avatar"',
    'class="series-box"', '<b aria-current="page">', "<li>The Refund Saga, part three"],
  "/stories/kettle-returned-in-person/": ["</picture><figcaption>", "<figcaption>The replacement kettle",
    'rel="nofollow noopener">Ada Okonkwo</a></figcaption></figure>'],
};

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
try {
  for (const s of sites) {
    const shows = s.name.startsWith("fixture") ? SHOWS : {};
    await checkSite(browser, s.name, s.dir, shots, EXTRA[s.name] || {}, shows);
  }
} finally {
  await browser.close();
}
console.log(`\nscreenshots: ${shots}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
