// rave default theme: client-side search over the chunked index in search-index/ (meta.json,
// word shards, filter lists and entry chunks; the format is described in
// src/render/search_index.rs). Only the shards of the words typed, the filters chosen and the
// entries of the hits shown are downloaded, so a search stays small on a large site. Results
// are built with textContent only, so nothing from the index can become markup. Every word shown
// comes from the site's catalogue, in the form's data-words (JSON); the script carries none of
// its own.
(function () {
  "use strict";
  var form = document.querySelector(".search-form");
  if (!form) return;
  var nojs = document.querySelector(".search-nojs");
  if (nojs) nojs.hidden = true;
  var filters = form.querySelector(".search-filters");
  var input = form.querySelector("input[name=q]");
  var company = form.querySelector("input[name=company]");
  var author = form.querySelector("input[name=author]");
  var grade = form.querySelector("select[name=grade]");
  var year = form.querySelector("select[name=year]");
  var status = document.querySelector(".search-status");
  var list = document.querySelector(".search-results");
  var more = document.querySelector(".search-more");
  var base = form.getAttribute("data-index");
  var PAGE = 10;
  var meta = null;
  var files = {}; // path in the index -> promise of its JSON (null when there is no such file)
  var generation = 0; // the newest search; answers to older ones are dropped
  var hits = [];
  var shown = 0;
  var lang = document.documentElement.lang || undefined;
  var text = {};
  try { text = JSON.parse(form.getAttribute("data-words") || "{}"); } catch (e) { text = {}; }
  var plural = new Intl.PluralRules(lang);

  // The catalogue's "{count} stories found" in the plural form of `n`.
  function foundText(n) {
    var forms = text.found || {};
    var form = forms[plural.select(n)] || forms.other || "{count}";
    return form.replace("{count}", n.toLocaleString(lang));
  }

  function load(path) {
    if (!files[path]) {
      files[path] = fetch(base + path).then(function (response) {
        if (response.status === 404) return null;
        if (!response.ok) throw new Error(path + ": " + response.status);
        return response.json();
      });
    }
    return files[path];
  }

  // The index's rule (search_index::words): lower case, no accents, letters and digits.
  function words(text) {
    return text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // The shard of a word: hex of the UTF-8 bytes of its first two characters.
  function shardKey(word) {
    var bytes = new TextEncoder().encode(Array.from(word).slice(0, 2).join(""));
    return Array.from(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  // A list of story numbers: base-36 deltas joined by ".", or "~" and a base64 bitmap.
  function decode(text) {
    var ids = [];
    if (!text) return ids;
    if (text.charAt(0) === "~") {
      var bytes = atob(text.slice(1));
      for (var i = 0; i < bytes.length; i++) {
        for (var b = bytes.charCodeAt(i), bit = 0; b; b >>= 1, bit++) if (b & 1) ids.push(i * 8 + bit);
      }
    } else {
      var last = 0;
      text.split(".").forEach(function (d) { last += parseInt(d, 36); ids.push(last); });
    }
    return ids;
  }

  function intersect(a, b) {
    var out = [];
    for (var i = 0, j = 0; i < a.length && j < b.length;) {
      if (a[i] < b[j]) i++;
      else if (a[i] > b[j]) j++;
      else { out.push(a[i]); i++; j++; }
    }
    return out;
  }

  // Stories with a word of `kind` ("w" everything, "c" company names, "a" author names) that
  // starts with `term` (a one-character term matches only that word).
  function matching(kind, term) {
    return load(kind + "/" + shardKey(term) + ".json").then(function (shard) {
      if (!shard) return [];
      var found = new Set();
      var whole = Array.from(term).length < 2;
      Object.keys(shard).forEach(function (word) {
        if (whole ? word === term : word.lastIndexOf(term, 0) === 0) decode(shard[word]).forEach(function (id) { found.add(id); });
      });
      return Array.from(found).sort(function (x, y) { return x - y; });
    });
  }

  // Every story that matches the form, newest first; null when nothing was asked.
  function search() {
    var sets = [];
    words(input.value).forEach(function (t) { sets.push(matching("w", t)); });
    words(company.value).forEach(function (t) { sets.push(matching("c", t)); });
    words(author.value).forEach(function (t) { sets.push(matching("a", t)); });
    if (/^[a-f]$/.test(grade.value)) sets.push(load("f/grade-" + grade.value + ".json").then(decode));
    if (/^-?\d+$/.test(year.value)) sets.push(load("f/year-" + year.value + ".json").then(decode));
    if (!sets.length) return Promise.resolve(null);
    return Promise.all(sets).then(function (lists) { return lists.reduce(intersect); });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // "2024-07-19" as "19 July 2024" in the page's language (the date stays as it is if unreadable).
  function day(ymd) {
    var date = new Date(ymd + "T00:00:00Z");
    if (isNaN(date)) return ymd;
    return date.toLocaleDateString(lang, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  }

  function hit(entry) {
    var item = el("li", "search-hit");
    var link = el("a", null, entry.title);
    link.href = entry.url;
    var heading = el("h2", "search-title");
    heading.appendChild(link);
    item.appendChild(heading);
    item.appendChild(el("p", "muted", day(entry.date) + " · " + entry.author));
    if (entry.companies.length) {
      // The rating as shown on the site, with its verdict in words (never a glyph alone).
      item.appendChild(el("p", "search-companies", entry.companies.map(function (c) {
        var rating = c.rating || "";
        var verdict = (text.verdicts || {})[c.verdict] || "";
        if (verdict && rating.toLowerCase() !== verdict.toLowerCase()) rating += (rating ? ", " : "") + verdict;
        return c.name + " (" + (rating || text.not_rated || "") + ")";
      }).join(" · ")));
    }
    if (entry.summary) item.appendChild(el("p", null, entry.summary));
    return item;
  }

  // The next page of hits: only the entry chunks they are in are downloaded.
  function showMore(mine) {
    var ids = hits.slice(shown, shown + PAGE);
    shown += ids.length;
    more.hidden = true;
    return Promise.all(ids.map(function (id) {
      return load("s/" + Math.floor(id / meta.chunk) + ".json").then(function (chunk) { return chunk[id % meta.chunk]; });
    })).then(function (entries) {
      if (mine !== generation) return;
      entries.forEach(function (entry) { if (entry) list.appendChild(hit(entry)); });
      more.hidden = shown >= hits.length;
    });
  }

  function failed() { status.textContent = text.failed || ""; }

  function run() {
    var mine = ++generation;
    search().then(function (found) {
      if (mine !== generation) return;
      list.textContent = "";
      hits = found || [];
      shown = 0;
      if (!found) { status.textContent = ""; more.hidden = true; return; }
      status.textContent = foundText(hits.length);
      return showMore(mine);
    }).catch(failed);
  }

  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  company.value = params.get("company") || "";
  author.value = params.get("author") || "";
  status.textContent = text.loading || "";
  load("meta.json").then(function (m) {
    if (!m) throw new Error("meta.json");
    meta = m;
    var number = new Intl.NumberFormat(document.documentElement.lang || undefined, { useGrouping: false });
    meta.years.forEach(function (pair) {
      var option = el("option", null, number.format(pair[0]));
      option.value = String(pair[0]);
      year.appendChild(option);
    });
    grade.value = params.get("grade") || "";
    year.value = params.get("year") || "";
    if (filters) filters.hidden = false;
    status.textContent = "";
    run();
    [input, company, author].forEach(function (field) { field.addEventListener("input", run); });
    [grade, year].forEach(function (field) { field.addEventListener("change", run); });
    more.addEventListener("click", function () { showMore(generation).catch(failed); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var query = new URLSearchParams();
      [input, company, author, grade, year].forEach(function (field) { if (field.value) query.set(field.name, field.value); });
      history.replaceState(null, "", "?" + query.toString());
      run();
    });
  }).catch(failed);
})();
