// Timeline page: filter the meetings by organisation and year.
//
// Progressive enhancement: the page lists every meeting without JavaScript. This script adds a
// form with two labelled selects; entries that do not match get the `hidden` attribute, and so
// do the month and year headings left without entries, and their bars leave the picture. A
// status line announces the count.
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

  // The picture's bars, each a link to its entry.
  var bars = Array.prototype.slice.call(document.querySelectorAll('svg.timeline-axis a[href^="#"]'));

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
    bars.forEach(function (a) {
      var li = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
      a.classList.toggle("timeline-axis-out", !!li && li.hidden);
    });
    status.textContent =
      shown === entries.length
        ? "Showing all " + shown + " meetings."
        : "Showing " + shown + " of " + entries.length + " meetings.";
  }

  org.sel.addEventListener("change", apply);
  year.sel.addEventListener("change", apply);
  apply();

  // On a phone the picture scrolls sideways: it opens on the months before the document's date
  // (its dotted line near the right edge), where its meetings are, not on the first month.
  var scroller = document.querySelector(".timeline-scroll");
  var dated = scroller && scroller.querySelector(".timeline-axis-report");
  if (dated && scroller.scrollWidth > scroller.clientWidth) {
    var at = dated.getBoundingClientRect().left - scroller.getBoundingClientRect().left;
    scroller.scrollLeft = at - scroller.clientWidth * 0.75;
  }
})();
