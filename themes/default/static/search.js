// rave default theme: client-side search over search-index.json. Results are built with
// textContent only, so nothing from the index can become markup. Every word shown comes from
// the site's catalogue, in the form's data-words (JSON); the script carries none of its own.
(function () {
  "use strict";
  var form = document.querySelector(".search-form");
  if (!form) return;
  var nojs = document.querySelector(".search-nojs");
  if (nojs) nojs.hidden = true;
  var input = form.querySelector("input[name=q]");
  var status = document.querySelector(".search-status");
  var list = document.querySelector(".search-results");
  var index = null;
  var lang = document.documentElement.lang || undefined;
  var text = {};
  try { text = JSON.parse(form.getAttribute("data-words") || "{}"); } catch (e) { text = {}; }
  var plural = new Intl.PluralRules(lang);

  // The catalogue's "{count} stories found" in the plural form of `n`.
  function found(n) {
    var forms = text.found || {};
    var form = forms[plural.select(n)] || forms.other || "{count}";
    return form.replace("{count}", n.toLocaleString(lang));
  }

  function words(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  function haystack(entry) {
    var parts = [entry.title, entry.summary, entry.author].concat(entry.tags);
    entry.companies.forEach(function (c) { parts.push(c.name); });
    return words(parts.join(" ")).join(" ");
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

  function show(query) {
    var terms = words(query);
    list.textContent = "";
    if (!terms.length) { status.textContent = ""; return; }
    var hits = index.filter(function (entry) {
      return terms.every(function (t) { return entry._text.indexOf(t) !== -1; });
    });
    status.textContent = found(hits.length);
    hits.slice(0, 50).forEach(function (entry) {
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
          var grade = c.rating || "";
          var verdict = (text.verdicts || {})[c.verdict] || "";
          if (verdict && grade.toLowerCase() !== verdict.toLowerCase()) grade += (grade ? ", " : "") + verdict;
          return c.name + " (" + (grade || text.not_rated || "") + ")";
        }).join(" · ")));
      }
      if (entry.summary) item.appendChild(el("p", null, entry.summary));
      list.appendChild(item);
    });
  }

  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  status.textContent = text.loading || "";
  fetch(form.getAttribute("data-index"))
    .then(function (response) { return response.json(); })
    .then(function (entries) {
      index = entries.map(function (e) { e._text = haystack(e); return e; });
      status.textContent = "";
      show(input.value);
      input.addEventListener("input", function () { show(input.value); });
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
        show(input.value);
      });
    })
    .catch(function () { status.textContent = text.failed || ""; });
})();
