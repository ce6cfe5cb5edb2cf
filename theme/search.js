// The site's search (registered as `additional-js`): mdBook's search bar and results, fed by the
// small index the post-build step writes into `search/` (preprocessors/src/outputs/search), so a
// query downloads only the parts it needs: one shard of terms per word, then the results shown.
// mdBook's own index is switched off (`[output.html.search] enable = false`); if it is on, this
// script leaves the page to it. Without JavaScript there is no search: the page says so (a
// `<noscript>` line the post-build step writes) and the table of contents works as ever.
//
// Keys as in mdBook: `s` or `/` opens search, Escape closes it, the arrow keys move through the
// results, Enter follows one. `?search=words` in the address opens search with those words.
//
// A query word finds the words it starts; a word of five letters or more also finds, ranked
// after them, the words one typo away (a letter added, dropped, replaced or two neighbours
// swapped, never the first letter); "quoted words" find the phrase (the index's word positions,
// fetched for those words only). On a narrow screen the filters fold behind one button, so the
// results come first.
(function () {
  "use strict";
  var bar = document.getElementById("mdbook-menu-bar");
  var buttons = bar && bar.querySelector(".left-buttons");
  if (!buttons || document.getElementById("mdbook-search-toggle")) return;
  var ROOT = typeof path_to_root === "string" ? path_to_root : "";
  var BASE = ROOT + "search/";
  var PAGE = 10; // results shown at a time
  var ICON =
    '<span class="fa-svg"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" aria-hidden="true"><path d="M416 208c0 45.9-14.9 88.3-40 122.7L502.6 457.4c12.5 12.5 12.5 32.8 0 45.3s-32.8 12.5-45.3 0L330.7 376c-34.4 25.2-76.8 40-122.7 40C93.1 416 0 322.9 0 208S93.1 0 208 0S416 93.1 416 208zM208 352c79.5 0 144-64.5 144-144s-64.5-144-144-144S64 128.5 64 208s64.5 144 144 144z"/></svg></span>';

  function el(tag, attrs, html) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (html) e.innerHTML = html;
    return e;
  }
  function esc(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return "&#" + c.charCodeAt(0) + ";";
    });
  }

  // ------------------------------------------------------------------ mdBook's markup
  var toggle = el("button", {
    id: "mdbook-search-toggle", class: "icon-button", type: "button", title: "Search (`/`)",
    "aria-label": "Toggle Searchbar", "aria-expanded": "false", "aria-keyshortcuts": "/ s",
    "aria-controls": "mdbook-searchbar",
  }, ICON);
  buttons.appendChild(toggle);
  var wrap = el("div", { id: "mdbook-search-wrapper", class: "hidden" });
  wrap.innerHTML =
    '<form id="mdbook-searchbar-outer" class="searchbar-outer" role="search">' +
    '<div class="search-wrapper"><input type="search" id="mdbook-searchbar" name="searchbar" ' +
    'placeholder="Search this book ..." aria-label="Search this book" autocomplete="off" ' +
    'aria-controls="mdbook-searchresults-outer" aria-describedby="mdbook-searchresults-header"></div></form>' +
    '<div id="mdbook-searchresults-outer" class="searchresults-outer hidden">' +
    '<div id="mdbook-searchresults-header" class="searchresults-header" role="status" aria-live="polite"></div>' +
    '<div class="report-search-filters hidden" role="group" aria-label="Filter the results"></div>' +
    '<ul id="mdbook-searchresults"></ul>' +
    '<button type="button" class="report-search-more hidden">Show more results</button></div>';
  bar.parentNode.insertBefore(wrap, bar.nextSibling);
  var input = wrap.querySelector("#mdbook-searchbar");
  var outer = wrap.querySelector("#mdbook-searchresults-outer");
  var header = wrap.querySelector("#mdbook-searchresults-header");
  var filters = wrap.querySelector(".report-search-filters");
  var list = wrap.querySelector("#mdbook-searchresults");
  var more = wrap.querySelector(".report-search-more");
  var help = document.querySelector("#mdbook-help-popup > div");
  if (help && help.firstElementChild) {
    help.insertBefore(
      el("p", {}, "Press <kbd>S</kbd> or <kbd>/</kbd> to search in the book"),
      help.firstElementChild.nextSibling
    );
  }
  window.search = window.search || {};
  window.search.hasFocus = function () {
    return document.activeElement === input;
  };

  // ------------------------------------------------------------------ the index
  // Words exactly as the index has them (outputs/search/text.rs): accents dropped, lower case,
  // runs of letters and digits; one letter alone is dropped, one digit kept.
  function terms(text) {
    var words = text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/ς/g, "σ")
      .match(/[\p{Alphabetic}\p{N}]+/gu) || [];
    return words.filter(function (w) {
      var n = Array.from(w).length;
      return n <= 40 && (n >= 2 || /^\p{N}$/u.test(w));
    });
  }
  function shardName(prefix) {
    return Array.from(prefix).map(function (c) {
      return /[a-z0-9]/.test(c) ? c : "_" + c.codePointAt(0).toString(16) + "_";
    }).join("");
  }
  var cache = {};
  function get(path, binary) {
    if (!cache[path]) {
      cache[path] = fetch(BASE + path).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return binary ? r.arrayBuffer() : r.json();
      });
      cache[path].catch(function () {
        delete cache[path];
      });
    }
    return cache[path];
  }
  var meta = null;
  function loadMeta() {
    return get("meta.json").then(function (m) {
      meta = m;
      meta.splitSet = new Set(m.split);
      return m;
    });
  }
  // Unsigned LEB128 numbers (see the index's documentation).
  function reader(buf) {
    var b = new Uint8Array(buf), i = 0;
    return {
      more: function () { return i < b.length; },
      num: function () {
        var n = 0, shift = 0, byte;
        do {
          byte = b[i++];
          n += (byte & 0x7f) * Math.pow(2, shift);
          shift += 7;
        } while (byte & 0x80);
        return n;
      },
      bytes: function (n) { i += n; return b.subarray(i - n, i); },
    };
  }
  var utf8 = new TextDecoder();
  // Front-coded words (the bytes shared with the previous word, then the rest's length and
  // bytes), each followed by what `after(word, r)` reads and returns.
  function frontCoded(buf, after) {
    var r = reader(buf), out = [], prev = new Uint8Array(0);
    while (r.more()) {
      var shared = r.num(), rest = r.bytes(r.num());
      var t = new Uint8Array(shared + rest.length);
      t.set(prev.subarray(0, shared));
      t.set(rest, shared);
      prev = t;
      out.push(after(utf8.decode(t), r));
    }
    return out;
  }
  // A shard: [term, ids, weights] in term order (and, once read, positions: see positions()).
  function shard(prefix) {
    var name = "t/" + shardName(prefix) + ".bin";
    return get(name, true).then(function (buf) {
      buf.terms = buf.terms || frontCoded(buf, function (term, r) {
        var n = r.num(), ids = new Uint32Array(n), ws = new Uint32Array(n), id = 0;
        for (var k = 0; k < n; k++) {
          id += r.num();
          ids[k] = id;
          ws[k] = r.num();
        }
        return [term, ids, ws];
      });
      return buf.terms;
    }, function () {
      return []; // no term starts so
    });
  }
  // The one shard that can hold `word` and the words it starts: down the split prefixes.
  function shardOf(word) {
    var chars = Array.from(word), k = 1;
    while (k < chars.length && meta.splitSet.has(chars.slice(0, k).join(""))) k++;
    return chars.slice(0, k).join("");
  }
  // How a match counts: the word itself, a longer word it starts, a word one typo away.
  var EXACT = 1, PREFIX = 0.5, TYPO = 0.3;
  var TYPO_MIN = 5; // characters (outputs/search: TYPO_MIN)
  // The records matching one query word, `w`: {text, prefix (longer words count), typo ("" |
  // "whole" | "prefix": one typo away, or a beginning one typo away while it is typed)}. Resolves
  // to {scores: Map(record → score), terms: the index's words that matched}.
  function lookup(w) {
    var found = new Map(), matched = [];
    function add(entry, f) {
      matched.push(entry);
      for (var k = 0; k < entry[1].length; k++) {
        var s = entry[2][k] * f;
        if (!(found.get(entry[1][k]) >= s)) found.set(entry[1][k], s);
      }
    }
    return shard(shardOf(w.text)).then(function (entries) {
      entries.forEach(function (e) {
        if (e[0] === w.text) add(e, EXACT);
        else if (w.prefix && e[0].indexOf(w.text) === 0) add(e, PREFIX);
      });
      if (!w.typo) return;
      return typos(w.text, w.typo === "prefix").then(function (near) {
        return Promise.all(near.map(function (t) {
          return shard(shardOf(t)).then(function (entries) {
            entries.forEach(function (e) {
              if (e[0] === t) add(e, TYPO);
            });
          });
        }));
      });
    }).then(function () {
      return { scores: found, entries: matched };
    });
  }
  // The index's words one typo from `word` (or, `begins`, whose beginning is), other than those
  // it is or starts: from the shard of its first character, or that character's vocabulary when
  // the shard is split.
  function typos(word, begins) {
    var first = Array.from(word)[0];
    var words = meta.splitSet.has(first) ? vocabulary(first) : shard(first).then(function (entries) {
      return entries.map(function (e) { return e[0]; });
    });
    return words.then(function (list) {
      return list.filter(function (t) {
        return t.indexOf(word) !== 0 && oneTypo(word, t, begins);
      });
    });
  }
  // At most one typo between `q` and `t` (or a beginning of `t`): Damerau–Levenshtein's optimal
  // string alignment distance, rows cut short once above one; never on the first character.
  function oneTypo(q, t, begins) {
    var a = Array.from(q), b = Array.from(t), m = a.length, n = b.length;
    if (a[0] !== b[0] || n < m - 1 || (!begins && n > m + 1)) return false;
    var before = null, prev = [], cur, i, j;
    for (j = 0; j <= n; j++) prev.push(j);
    for (i = 1; i <= m; i++) {
      cur = [i];
      var least = i;
      for (j = 1; j <= n; j++) {
        var d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
        cur.push(d);
        if (d < least) least = d;
      }
      if (least > 1) return false;
      before = prev;
      prev = cur;
    }
    return (begins ? Math.min.apply(null, prev) : prev[n]) <= 1;
  }
  // A vocabulary file: the words of a split first character, without postings.
  function vocabulary(first) {
    return get("v/" + shardName(first) + ".bin", true).then(function (buf) {
      buf.words = buf.words || frontCoded(buf, function (word) { return word; });
      return buf.words;
    }, function () {
      return [];
    });
  }
  // Where each word of a shard stands in each of its records: the shard's entries gain a fourth
  // element, per posting the list of positions.
  function positions(prefix) {
    return Promise.all([shard(prefix), get("p/" + shardName(prefix) + ".bin", true)]).then(function (got) {
      var entries = got[0], buf = got[1];
      if (buf.read) return entries;
      var r = reader(buf);
      entries.forEach(function (e) {
        var per = [];
        for (var k = 0; k < e[1].length; k++) {
          var n = r.num(), at = 0, list = [];
          for (var q = 0; q < n; q++) list.push((at += r.num()));
          per.push(list);
        }
        e[3] = per;
      });
      buf.read = true;
      return entries;
    });
  }
  // Does record `id` hold the phrase? `words`: per word of the phrase, its matched entries, or
  // null for a word not checked (see search()): the others must stand at their distances.
  function holds(id, words) {
    var sets = words.map(function (entries) {
      if (!entries) return null;
      var set = new Set();
      entries.forEach(function (e) {
        var k = e[1].indexOf(id);
        if (k >= 0 && e[3]) e[3][k].forEach(function (p) { set.add(p); });
      });
      return set;
    });
    var a = sets.findIndex(function (set) { return set; });
    for (var p of sets[a]) {
      var all = true;
      for (var i = a + 1; i < sets.length && all; i++) all = !sets[i] || sets[i].has(p + i - a);
      if (all) return true;
    }
    return false;
  }
  // A query: its words, each {text, prefix, typo, phrase (index of its phrase, or -1)}. Quotes,
  // straight or typographic, make a phrase of the words between them (an open quote runs to the
  // end); the last word, unless a space or a quote follows it (`raw`: the query as typed), is
  // still being typed.
  function parse(raw) {
    var parts = raw.split(/["\u201c\u201d\u201e\u00ab\u00bb]/), out = [], phrases = 0;
    var typing = /[\p{Alphabetic}\p{N}]$/u.test(raw);
    parts.forEach(function (part, i) {
      var quoted = i % 2 === 1, list = terms(part);
      var phrase = quoted && list.length > 1 ? phrases++ : -1;
      list.forEach(function (t, k) {
        var last = typing && i === parts.length - 1 && k === list.length - 1;
        var long = Array.from(t).length >= TYPO_MIN && !/^\p{N}+$/u.test(t);
        out.push({
          text: t,
          prefix: !quoted || last,
          typo: quoted || !long ? "" : last ? "prefix" : "whole",
          phrase: phrase,
        });
      });
    });
    return out;
  }
  // The records of one organisation or agenda item: its list in the file of its first character.
  function facet(kind, value) {
    var first = Array.from(value)[0];
    return get("f/" + kind + "/" + shardName(first) + ".bin", true).then(function (buf) {
      var r = reader(buf);
      while (r.more()) {
        var name = utf8.decode(r.bytes(r.num())), n = r.num(), set = new Set(), id = 0;
        for (var k = 0; k < n; k++) set.add((id += r.num()));
        if (name === value) return set;
      }
      return new Set();
    });
  }

  // ------------------------------------------------------------------ searching
  var state = { raw: "", query: "", hits: [], kind: "", item: "", org: "", shown: 0, seq: 0 };
  function kindOf(id) {
    for (var i = 0; i < meta.kinds.length; i++) {
      if (id >= meta.kinds[i].start && id < meta.kinds[i].end) return meta.kinds[i].id;
    }
    return "";
  }
  // Searches `raw`, the query as typed (the results' header shows it trimmed).
  function search(raw) {
    var seq = ++state.seq;
    var words = parse(raw);
    state.raw = raw;
    state.query = raw.trim();
    if (!words.length) {
      show(false);
      return Promise.resolve();
    }
    return loadMeta().then(function () {
      return Promise.all(words.map(lookup));
    }).then(function (found) {
      // Every word's records, scores added; then each phrase's words in a row.
      var hits = [];
      found[0].scores.forEach(function (s, id) {
        for (var i = 1; i < found.length; i++) {
          var t = found[i].scores.get(id);
          if (t === undefined) return;
          s += t;
        }
        hits.push([id, s]);
      });
      // A phrase's words. One in more than half the records ("the", "of") says little of where
      // the phrase is and has the largest positions: it is not checked when a rarer word is.
      var phrases = [];
      words.forEach(function (w, i) {
        if (w.phrase < 0) return;
        var n = 0;
        found[i].entries.forEach(function (e) { n += e[1].length; });
        (phrases[w.phrase] = phrases[w.phrase] || []).push([found[i].entries, n > meta.records / 2]);
      });
      phrases = phrases.map(function (p) {
        var rare = p.some(function (w) { return !w[1]; });
        return p.map(function (w) { return rare && w[1] ? null : w[0]; });
      });
      var needed = new Set();
      phrases.forEach(function (p) {
        p.forEach(function (entries) {
          (entries || []).forEach(function (e) { needed.add(shardOf(e[0])); });
        });
      });
      return Promise.all(Array.from(needed).map(positions)).then(function () {
        hits = hits.filter(function (h) {
          return phrases.every(function (p) { return holds(h[0], p); });
        });
        hits.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
        state.matched = new Set();
        found.forEach(function (f) {
          f.entries.forEach(function (e) { state.matched.add(e[0]); });
        });
        return Promise.all([
          state.item ? facet("a", state.item) : null,
          state.org ? facet("o", state.org) : null,
        ]);
      }).then(function (sets) {
        if (seq !== state.seq) return;
        state.hits = hits.filter(function (h) {
          return (!sets[0] || sets[0].has(h[0])) && (!sets[1] || sets[1].has(h[0]));
        });
        render();
      });
    }).catch(function () {
      if (seq !== state.seq) return;
      header.textContent = "Search is not available: its index could not be loaded.";
      show(true);
    });
  }
  function visible() {
    return state.hits.filter(function (h) {
      return !state.kind || kindOf(h[0]) === state.kind;
    });
  }
  function render() {
    var hits = visible(), n = hits.length, q = state.query;
    header.textContent = n === 0 ? "No search results for '" + q + "'."
      : n + " search result" + (n === 1 ? "" : "s") + " for '" + q + "':";
    renderFilters();
    list.innerHTML = "";
    state.shown = 0;
    showMore();
    show(true);
  }
  function showMore() {
    var hits = visible(), end = Math.min(hits.length, state.shown + PAGE);
    for (var i = state.shown; i < end; i++) {
      var li = el("li", { class: "report-search-pending" });
      list.appendChild(li);
      fill(li, hits[i][0]);
    }
    state.shown = end;
    more.classList.toggle("hidden", end >= hits.length);
  }
  function fill(li, id) {
    get("r/" + Math.floor(id / meta.per_file) + ".json").then(function (file) {
      var r = file[id % meta.per_file];
      li.className = "";
      li.innerHTML = '<a href="' + esc(ROOT + r.u) + '">' + esc(r.t) + "</a>" +
        '<span class="teaser">' + teaser(r.b, state.matched) + "</span>";
    }, function () {
      li.remove();
    });
  }
  // Some thirty words of the text (twenty on a narrow screen) around the first word that matched,
  // the matched words in bold.
  function teaser(body, matched) {
    var parts = body.split(/\s+/), first = -1, size = narrow.matches ? 20 : 30;
    var hit = parts.map(function (p, i) {
      var yes = terms(p).some(function (x) { return matched.has(x); });
      if (yes && first < 0) first = i;
      return yes;
    });
    var start = Math.max(0, first - Math.floor(size / 3)), end = Math.min(parts.length, start + size);
    var out = parts.slice(start, end).map(function (p, i) {
      return hit[start + i] ? "<em>" + esc(p) + "</em>" : esc(p);
    }).join(" ");
    return (start > 0 ? "… " : "") + out + (end < parts.length ? " …" : "");
  }

  // ------------------------------------------------------------------ filters
  // On a narrow screen (a phone) the filters fold behind one button, so the results come first.
  var narrow = window.matchMedia("(max-width: 620px)");
  var fold = el("button", { type: "button", class: "report-search-fold", "aria-expanded": "false" });
  function folded() {
    var open = !narrow.matches || fold.getAttribute("aria-expanded") === "true";
    fold.hidden = !narrow.matches;
    var ids = [];
    Array.prototype.forEach.call(filters.children, function (c, i) {
      if (c === fold) return;
      c.hidden = !open;
      c.id = c.id || "report-search-filter-" + i;
      ids.push(c.id);
    });
    fold.setAttribute("aria-controls", ids.join(" "));
    var on = (state.kind ? 1 : 0) + (state.item ? 1 : 0) + (state.org ? 1 : 0);
    fold.textContent = "Filters" + (on ? " (" + on + " on)" : "");
  }
  fold.addEventListener("click", function () {
    fold.setAttribute("aria-expanded", String(fold.getAttribute("aria-expanded") !== "true"));
    folded();
  });
  narrow.addEventListener("change", folded);
  var orgsLoaded = false;
  function renderFilters() {
    if (filters.childElementCount === 0) buildFilters();
    folded();
    var counts = {};
    state.hits.forEach(function (h) {
      var k = kindOf(h[0]);
      counts[k] = (counts[k] || 0) + 1;
    });
    filters.querySelectorAll("button[data-kind]").forEach(function (b) {
      var k = b.getAttribute("data-kind");
      var n = k ? counts[k] || 0 : state.hits.length;
      b.querySelector(".report-search-count").textContent = " (" + n + ")";
      b.setAttribute("aria-pressed", String(k === state.kind));
      b.disabled = n === 0 && k !== state.kind;
    });
    filters.classList.toggle("hidden", state.hits.length === 0 && !state.item && !state.org);
  }
  function buildFilters() {
    filters.appendChild(fold);
    var kinds = el("div", { class: "report-search-kinds" });
    [{ id: "", label: "All" }].concat(meta.kinds).forEach(function (k) {
      var b = el("button", { type: "button", "data-kind": k.id },
        esc(k.label) + '<span class="report-search-count"></span>');
      b.addEventListener("click", function () {
        state.kind = k.id;
        render();
      });
      kinds.appendChild(b);
    });
    filters.appendChild(kinds);
    if (meta.item) {
      var items = select("item", meta.item, meta.items.map(function (i) { return [i.id, i.label]; }));
      filters.appendChild(items);
    }
    if (meta.org) {
      var orgs = select("org", meta.org, []);
      var s = orgs.querySelector("select");
      // The organisations' names are fetched when the filter is first used.
      var load = function () {
        if (orgsLoaded) return;
        orgsLoaded = true;
        get("orgs.json").then(function (list) {
          list.forEach(function (o) {
            s.appendChild(el("option", { value: o[0] }, esc(o[1])));
          });
        });
      };
      s.addEventListener("focus", load);
      s.addEventListener("pointerdown", load);
      filters.appendChild(orgs);
    }
  }
  function select(key, label, options) {
    var l = el("label", { class: "report-search-select" }, esc(label) + " ");
    var s = el("select", {});
    s.appendChild(el("option", { value: "" }, "All"));
    options.forEach(function (o) {
      s.appendChild(el("option", { value: o[0] }, esc(o[1])));
    });
    s.addEventListener("change", function () {
      state[key] = s.value;
      search(state.raw);
    });
    l.appendChild(s);
    return l;
  }

  // ------------------------------------------------------------------ opening, keys, address
  function show(yes) {
    outer.classList.toggle("hidden", !yes);
  }
  function open() {
    wrap.classList.remove("hidden");
    toggle.setAttribute("aria-expanded", "true");
    loadMeta().catch(function () {});
    window.scrollTo(0, 0);
    input.focus();
    input.select();
  }
  function close() {
    wrap.classList.add("hidden");
    toggle.setAttribute("aria-expanded", "false");
    setAddress("");
    if (wrap.contains(document.activeElement)) toggle.focus();
  }
  function setAddress(query) {
    var url = new URL(location.href);
    if (query) url.searchParams.set("search", query);
    else url.searchParams.delete("search");
    if (url.href !== location.href) history.replaceState(history.state, "", url.href);
  }
  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value.trim();
      input.classList.toggle("active", q !== "");
      setAddress(q);
      search(input.value);
    }, 100);
  });
  more.addEventListener("click", showMore);
  toggle.addEventListener("click", function () {
    if (wrap.classList.contains("hidden")) open();
    else close();
  });
  wrap.querySelector("form").addEventListener("submit", function (e) {
    e.preventDefault();
  });
  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("li > a"));
  }
  function focusResult(a) {
    list.querySelectorAll("li.focus").forEach(function (li) { li.classList.remove("focus"); });
    if (a) {
      a.parentNode.classList.add("focus");
      a.focus();
    }
  }
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var searching = !wrap.classList.contains("hidden");
    var inResults = list.contains(document.activeElement);
    if (e.key === "Escape" && searching) {
      e.preventDefault();
      close();
    } else if ((e.key === "s" || e.key === "/") && !e.shiftKey &&
               !/^(input|select|textarea)$/i.test(e.target.nodeName) && !e.target.isContentEditable) {
      e.preventDefault();
      open();
    } else if (searching && (document.activeElement === input || inResults) &&
               (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      var all = links(), at = all.indexOf(document.activeElement);
      if (!all.length) return;
      e.preventDefault();
      if (e.key === "ArrowDown") focusResult(all[Math.min(at + 1, all.length - 1)]);
      else if (at <= 0) {
        focusResult(null);
        input.focus();
      } else focusResult(all[at - 1]);
    } else if (e.key === "Enter" && document.activeElement === input) {
      e.preventDefault();
      var first = links()[0];
      if (first) location.assign(first.href);
    }
  });
  var asked = new URL(location.href).searchParams.get("search");
  if (asked) {
    open();
    input.value = asked;
    input.classList.add("active");
    search(asked);
  }
})();
