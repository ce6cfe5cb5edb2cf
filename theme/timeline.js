// Timeline page: filter the meetings by organisation and year.
//
// Progressive enhancement: the page lists every meeting without JavaScript. This script adds a
// form with two labelled selects; entries that do not match get the `hidden` attribute, and so
// do the month and year headings left without entries. A status line announces the count.
(function () {
  "use strict";
  var entries = Array.prototype.slice.call(document.querySelectorAll("li.timeline-entry"));
  var intro = document.getElementById("timeline-intro");
  if (!entries.length || !intro) {
    return;
  }

  var orgNames = {};
  var years = [];
  entries.forEach(function (li) {
    if (years.indexOf(li.dataset.year) < 0) {
      years.push(li.dataset.year);
    }
    li.querySelectorAll("[data-org]").forEach(function (el) {
      orgNames[el.dataset.org] = el.textContent;
    });
  });
  var orgs = Object.keys(orgNames).sort(function (a, b) {
    return orgNames[a].localeCompare(orgNames[b]);
  });

  function select(id, label, all, values, text) {
    var wrap = document.createElement("p");
    var lab = document.createElement("label");
    lab.htmlFor = id;
    lab.textContent = label;
    var sel = document.createElement("select");
    sel.id = id;
    sel.add(new Option(all, ""));
    values.forEach(function (v) {
      sel.add(new Option(text(v), v));
    });
    wrap.append(lab, " ", sel);
    return { wrap: wrap, sel: sel };
  }

  var form = document.createElement("form");
  form.className = "timeline-filter";
  form.setAttribute("role", "search");
  form.setAttribute("aria-label", "Filter the timeline");
  var org = select("timeline-filter-org", "Organisation", "All organisations", orgs, function (v) {
    return orgNames[v];
  });
  var year = select("timeline-filter-year", "Year", "All years", years, String);
  var status = document.createElement("p");
  status.className = "timeline-filter-status";
  status.setAttribute("role", "status");
  form.append(org.wrap, year.wrap, status);
  form.addEventListener("submit", function (e) {
    e.preventDefault();
  });
  intro.after(form);

  // The headings (h2 year, h3 group) and lists of the page, in order.
  var parts = Array.prototype.slice.call(
    document.querySelectorAll("main h2, main h3, main ol.timeline-entries")
  );

  function apply() {
    var o = org.sel.value;
    var y = year.sel.value;
    var shown = 0;
    entries.forEach(function (li) {
      var match =
        (!o || li.dataset.organisers.split(" ").indexOf(o) >= 0) && (!y || li.dataset.year === y);
      li.hidden = !match;
      shown += match ? 1 : 0;
    });
    // A heading stays visible while a later list before the next heading of its level or
    // higher still shows an entry.
    parts.forEach(function (el, i) {
      if (el.tagName === "OL") {
        el.hidden = !el.querySelector("li.timeline-entry:not([hidden])");
        return;
      }
      var visible = false;
      for (var k = i + 1; k < parts.length; k++) {
        var next = parts[k];
        if (next.tagName !== "OL" && next.tagName <= el.tagName) {
          break;
        }
        if (next.tagName === "OL" && next.querySelector("li.timeline-entry:not([hidden])")) {
          visible = true;
          break;
        }
      }
      el.hidden = !visible;
    });
    status.textContent =
      shown === entries.length
        ? "Showing all " + shown + " meetings."
        : "Showing " + shown + " of " + entries.length + " meetings.";
  }

  org.sel.addEventListener("change", apply);
  year.sel.addEventListener("change", apply);
  apply();
})();
