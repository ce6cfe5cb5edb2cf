// The site's search (registered as `additional-js`): mdBook's search bar and results, fed by the
// small index the post-build step writes into `search/` (preprocessors/src/outputs/search), so a
// query downloads only the parts it needs: one shard of terms per word, then the results shown.
// mdBook's own index is switched off (`[output.html.search] enable = false`); if it is on, this
// script leaves the page to it. Without JavaScript there is no search: the page says so (a
// `<noscript>` line the post-build step writes) and the table of contents works as ever.
//
// Keys as in mdBook: `s` or `/` opens search, Escape closes it, the arrow keys move through the
// results, Enter follows one. `?search=words` in the address opens search with those words.
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
      byte: function () { return b[i++]; },
      bytes: function (n) { i += n; return b.subarray(i - n, i); },
    };
  }
  var utf8 = new TextDecoder();
  // A shard: [term, ids, weights] in term order.
  function shard(prefix) {
    var name = "t/" + shardName(prefix) + ".bin";
    return get(name, true).then(function (buf) {
      if (buf.terms) return buf.terms;
      var r = reader(buf), out = [], prev = new Uint8Array(0);
      while (r.more()) {
        var shared = r.num(), rest = r.bytes(r.num());
        var t = new Uint8Array(shared + rest.length);
        t.set(prev.subarray(0, shared));
        t.set(rest, shared);
        prev = t;
        var n = r.num(), ids = new Uint32Array(n), ws = new Uint8Array(n), id = 0;
        for (var k = 0; k < n; k++) {
          id += r.num();
          ids[k] = id;
          ws[k] = r.byte();
        }
        out.push([utf8.decode(t), ids, ws]);
      }
      buf.terms = out;
      return out;
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
  // Scores of the records matching `word`: exact matches count whole, longer words half.
  function lookup(word) {
    return shard(shardOf(word)).then(function (entries) {
      var scores = new Map();
      entries.forEach(function (e) {
        if (e[0].indexOf(word) !== 0) return;
        var f = e[0] === word ? 1 : 0.5;
        for (var k = 0; k < e[1].length; k++) {
          var s = e[2][k] * f;
          if (!(scores.get(e[1][k]) >= s)) scores.set(e[1][k], s);
        }
      });
      return scores;
    });
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
  var state = { query: "", hits: [], kind: "", item: "", org: "", shown: 0, seq: 0 };
  function kindOf(id) {
    for (var i = 0; i < meta.kinds.length; i++) {
      if (id >= meta.kinds[i].start && id < meta.kinds[i].end) return meta.kinds[i].id;
    }
    return "";
  }
  function search(query) {
    var seq = ++state.seq;
    var words = terms(query);
    state.query = query;
    if (!words.length) {
      show(false);
      return Promise.resolve();
    }
    return loadMeta().then(function () {
      return Promise.all(words.map(lookup));
    }).then(function (maps) {
      var hits = [];
      maps[0].forEach(function (s, id) {
        for (var i = 1; i < maps.length; i++) {
          var t = maps[i].get(id);
          if (t === undefined) return;
          s += t;
        }
        hits.push([id, s]);
      });
      hits.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      return Promise.all([
        state.item ? facet("a", state.item) : null,
        state.org ? facet("o", state.org) : null,
      ]).then(function (sets) {
        if (seq !== state.seq) return;
        state.hits = hits.filter(function (h) {
          return (!sets[0] || sets[0].has(h[0])) && (!sets[1] || sets[1].has(h[0]));
        });
        render(words);
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
  function render(words) {
    var hits = visible(), n = hits.length, q = state.query;
    header.textContent = n === 0 ? "No search results for '" + q + "'."
      : n + " search result" + (n === 1 ? "" : "s") + " for '" + q + "':";
    renderFilters();
    list.innerHTML = "";
    state.shown = 0;
    state.words = words;
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
        '<span class="teaser">' + teaser(r.b, state.words) + "</span>";
    }, function () {
      li.remove();
    });
  }
  // About thirty words of the text around the first word that matches, those words in bold.
  function teaser(body, words) {
    var parts = body.split(/\s+/), first = -1;
    var hit = parts.map(function (p, i) {
      var yes = terms(p).some(function (x) {
        return words.some(function (w) { return x.indexOf(w) === 0; });
      });
      if (yes && first < 0) first = i;
      return yes;
    });
    var start = Math.max(0, first - 10), end = Math.min(parts.length, start + 30);
    var out = parts.slice(start, end).map(function (p, i) {
      return hit[start + i] ? "<em>" + esc(p) + "</em>" : esc(p);
    }).join(" ");
    return (start > 0 ? "… " : "") + out + (end < parts.length ? " …" : "");
  }

  // ------------------------------------------------------------------ filters
  var orgsLoaded = false;
  function renderFilters() {
    if (filters.childElementCount === 0) buildFilters();
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
    var kinds = el("div", { class: "report-search-kinds" });
    [{ id: "", label: "All" }].concat(meta.kinds).forEach(function (k) {
      var b = el("button", { type: "button", "data-kind": k.id },
        esc(k.label) + '<span class="report-search-count"></span>');
      b.addEventListener("click", function () {
        state.kind = k.id;
        render(state.words);
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
      search(state.query);
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
      search(q);
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
