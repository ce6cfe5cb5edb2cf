// The pictures of the generated pages (`additional-js`; the post-build step links it only from
// the pages that have one): the agenda's heat map sorts by a column, and the network shows one
// organisation's partners. Progressive enhancement: without JavaScript the table reads in name
// order and the network page lists every pair in its table.
(function () {
  "use strict";

  // 1. The heat map sorts: each column heading becomes a button; pressed, the rows follow that
  //    column's counts, largest first (ties and the first column: the page's own order, by name).
  //    Without JavaScript the table reads in name order.
  Array.prototype.forEach.call(document.querySelectorAll("table.agenda-matrix.heat-map"), function (table) {
    var body = table.tBodies[0];
    if (!body || !table.tHead) {
      return;
    }
    var heads = table.tHead.rows[0].cells;
    var original = Array.prototype.slice.call(body.rows);
    Array.prototype.forEach.call(heads, function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "matrix-sort";
      while (th.firstChild) {
        button.appendChild(th.firstChild);
      }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var rows = original.slice();
        var count = function (r) {
          return Number(r.cells[col].getAttribute("data-count")) || 0;
        };
        if (col > 0) {
          rows.sort(function (a, b) {
            return count(b) - count(a) || original.indexOf(a) - original.indexOf(b);
          });
        }
        rows.forEach(function (r) {
          body.appendChild(r);
        });
        Array.prototype.forEach.call(heads, function (h) {
          h.removeAttribute("aria-sort");
        });
        th.setAttribute("aria-sort", col > 0 ? "descending" : "ascending");
      });
    });
  });

  // 2. The network: a select above the picture picks one organisation; both drawings (the
  //    circle, and the list shown on a phone) then set it and its partners apart and fade the
  //    rest, and a line under the picture names its partners, strongest first, with what they
  //    share, each linked to its page (from the table of pairs, which holds the same pairs).
  //    A tap or a click on a mark still follows its link.
  var figure = document.querySelector("figure.network-figure");
  var table = document.querySelector("table.network-table");
  if (figure && table) {
    var names = {};
    var hrefs = {};
    figure.querySelectorAll("a[data-org]").forEach(function (a) {
      var id = a.getAttribute("data-org");
      if (!names[id]) {
        var title = a.querySelector("title");
        // The title: "Name (ACR): kind; 12 mentions, 3 partners".
        names[id] = title ? title.textContent.replace(/: [^:]*$/, "") : id;
        hrefs[id] = new URL(a.getAttribute("href"), location.href).href;
      }
    });
    var byHref = {};
    Object.keys(hrefs).forEach(function (id) {
      byHref[hrefs[id]] = id;
    });
    // The pairs, from the table (strongest first): organisation, with, paragraphs, meetings.
    var pairs = [];
    Array.prototype.forEach.call(table.tBodies[0].rows, function (tr) {
      var links = tr.querySelectorAll("a[href]");
      if (links.length < 2) return;
      var a = byHref[links[0].href];
      var b = byHref[links[1].href];
      if (!a || !b) return;
      var n = function (k) {
        return Number(tr.cells[k].textContent) || 0;
      };
      pairs.push({ a: a, b: b, paragraphs: n(2), meetings: n(3) });
    });
    var ids = Object.keys(names).sort(function (x, y) {
      return names[x].localeCompare(names[y]);
    });

    var wrap = document.createElement("p");
    wrap.className = "network-pick";
    var label = document.createElement("label");
    label.htmlFor = "network-pick";
    label.textContent = "Show the partners of";
    var select = document.createElement("select");
    select.id = "network-pick";
    select.add(new Option("no organisation", ""));
    ids.forEach(function (id) {
      select.add(new Option(names[id], id));
    });
    wrap.append(label, " ", select);
    figure.before(wrap);
    var said = document.createElement("div");
    said.className = "network-partners";
    said.setAttribute("role", "status");
    figure.querySelector("figcaption").before(said);

    var plural = function (n, word) {
      return n + " " + word + (n === 1 ? "" : "s");
    };
    var pick = function (id) {
      figure.classList.toggle("network-picked", !!id);
      var partners = {};
      var mine = pairs.filter(function (p) {
        return p.a === id || p.b === id;
      });
      mine.forEach(function (p) {
        partners[p.a === id ? p.b : p.a] = true;
      });
      figure.querySelectorAll("a[data-org]").forEach(function (a) {
        var org = a.getAttribute("data-org");
        a.classList.toggle("picked", org === id);
        a.classList.toggle("partner", !!partners[org]);
      });
      figure.querySelectorAll("path[data-orgs]").forEach(function (path) {
        path.classList.toggle("picked", !!id && path.getAttribute("data-orgs").split(" ").indexOf(id) >= 0);
      });
      said.textContent = "";
      if (!id) return;
      var head = document.createElement("p");
      head.textContent =
        names[id] +
        (mine.length
          ? " is named with " + plural(mine.length, "organisation") + " of the picture:"
          : " is named with none of the organisations of the picture.");
      said.appendChild(head);
      if (!mine.length) return;
      var list = document.createElement("ol");
      mine.forEach(function (p) {
        var other = p.a === id ? p.b : p.a;
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = hrefs[other];
        a.textContent = names[other];
        var what = [];
        if (p.paragraphs) what.push(plural(p.paragraphs, "paragraph"));
        if (p.meetings) what.push(plural(p.meetings, "meeting"));
        li.append(a, " (" + what.join(", ") + ")");
        list.appendChild(li);
      });
      said.appendChild(list);
    };
    select.addEventListener("change", function () {
      pick(select.value);
    });
  }
})();
