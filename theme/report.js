// Small accessibility and print fixes on top of mdBook 0.5.4's page (registered as
// `additional-js` in book.toml, loaded at the end of <body> on every page). Each fix is
// independent and does nothing if the element it fixes is missing.
(function () {
  "use strict";

  // 1. The sidebar toggle is a <label> for a hidden checkbox: no keyboard access, and the
  //    aria-label/aria-expanded mdBook puts on it are not allowed on a label (axe: critical
  //    aria-allowed-attr, serious aria-prohibited-attr). Make it a button for assistive
  //    technology and the keyboard; a click on the label still toggles the checkbox.
  var toggle = document.getElementById("mdbook-sidebar-toggle");
  if (toggle && toggle.tagName === "LABEL") {
    toggle.setAttribute("role", "button");
    toggle.setAttribute("tabindex", "0");
    toggle.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        toggle.click();
      }
    });
  }

  // 2. The menu bar (book title, theme, search and print buttons) is the page's banner
  //    landmark, so no content sits outside a landmark.
  var menuBar = document.getElementById("mdbook-menu-bar");
  if (menuBar && !menuBar.hasAttribute("role")) {
    menuBar.setAttribute("role", "banner");
  }

  // 3. A skip link, the first Tab stop of the page: past the menu bar and the sidebar's
  //    hundred-odd links to the text.
  var main = document.querySelector("#mdbook-content main");
  if (main) {
    if (!main.id) {
      main.id = "report-main";
    }
    main.setAttribute("tabindex", "-1");
    var skip = document.createElement("a");
    skip.className = "report-skip-link";
    skip.href = "#" + main.id;
    skip.textContent = "Skip to the text";
    skip.addEventListener("click", function (e) {
      e.preventDefault();
      main.focus({ preventScroll: true });
      main.scrollIntoView();
    });
    document.body.insertBefore(skip, document.body.firstChild);
  }

  // 4. Print: external links get their address written after them (theme/report.css), except
  //    those whose text already is the address (the endnotes' URLs, organisations' websites).
  var bare = function (u) {
    return u.replace(/^https?:\/\//, "").replace(/\/$/, "");
  };
  document.querySelectorAll('#mdbook-content main a[href^="http"]').forEach(function (a) {
    if (bare(a.textContent.trim()) === bare(a.getAttribute("href"))) {
      a.classList.add("report-url-shown");
    }
  });

  // 5. A status line for what was copied (one per page, announced politely).
  var status = null;
  var say = function (text) {
    if (!status) {
      status = document.createElement("div");
      status.className = "report-status";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = text;
    clearTimeout(say.timer);
    say.timer = setTimeout(function () {
      status.textContent = "";
    }, 2500);
  };
  var copy = function (text, done) {
    var fallback = function () {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (e) {}
      area.remove();
      say(ok ? done : "Copying failed: select the text and copy it");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () {
        say(done);
      }, fallback);
    } else {
      fallback();
    }
  };

  // 6. A paragraph's permalink (¶) copies the paragraph's address and makes it the page's, so
  //    "Cite this" cites the paragraph; without JavaScript it is an ordinary link to it.
  var paragraphId = function () {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    return el && el.classList.contains("anchor-target") ? id : null;
  };
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a.permalink");
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    var id = a.getAttribute("href").slice(1);
    history.replaceState(null, "", "#" + id);
    citeParagraph();
    copy(location.href, "Link to this paragraph copied");
  });

  // 7. "Cite this": copy and download buttons for each format; cited from a paragraph (the
  //    address has a paragraph's #id), the formats carry the paragraph's address.
  var cite = document.querySelector("details.report-cite");
  function citeParagraph() {
    if (!cite) return;
    var url = cite.getAttribute("data-url");
    var id = paragraphId();
    var note = cite.querySelector(".report-cite-paragraph");
    cite.querySelectorAll("figure.report-cite-format pre").forEach(function (pre) {
      if (!pre.hasAttribute("data-page")) pre.setAttribute("data-page", pre.textContent);
      var text = pre.getAttribute("data-page");
      pre.textContent = url && id ? text.split(url).join(url + "#" + id) : text;
    });
    if (note) note.remove();
    if (url && id) {
      var words = document.getElementById(id).parentElement.textContent.trim().split(/\s+/);
      note = document.createElement("p");
      note.className = "report-cite-paragraph";
      note.textContent = "Citing the paragraph “" + words.slice(0, 8).join(" ") + (words.length > 8 ? " …”" : "”");
      cite.querySelector("summary").insertAdjacentElement("afterend", note);
    }
  }
  if (cite) {
    cite.querySelectorAll("figure.report-cite-format").forEach(function (fig) {
      var caption = fig.querySelector("figcaption");
      var pre = fig.querySelector("pre");
      var name = caption.textContent;
      var button = function (label, action) {
        var b = document.createElement("button");
        b.type = "button";
        b.textContent = label;
        b.setAttribute("aria-label", label + " " + name);
        b.addEventListener("click", action);
        caption.appendChild(b);
      };
      button("Copy", function () {
        copy(pre.textContent, name + " copied");
      });
      button("Download", function () {
        var type = fig.getAttribute("data-format") === "csl-json" ? "application/json" : "text/plain";
        var a = document.createElement("a");
        a.href = URL.createObjectURL(new Blob([pre.textContent], { type: type + ";charset=utf-8" }));
        a.download = fig.getAttribute("data-file");
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () {
          URL.revokeObjectURL(a.href);
        }, 1000);
      });
    });
    citeParagraph();
    addEventListener("hashchange", citeParagraph);
  }

  // 8. The sidebar: a chapter followed by many pages of its own directory (the organisation
  //    pages after their index, which mdBook lists flat because they are unnumbered) gets a
  //    button that shows or hides them, hidden unless the reader is on one of them, so the
  //    document's own chapters stay in view on a phone.
  var FOLD_MIN = 8;
  document.querySelectorAll("#mdbook-sidebar ol.chapter").forEach(function (list) {
    var items = Array.prototype.slice.call(list.children);
    items.forEach(function (li, i) {
      var a = li.querySelector(":scope > .chapter-link-wrapper > a[href]");
      var m = a && a.getAttribute("href").match(/^(.*\/)index\.html$/);
      if (!m) return;
      var prefix = a.href.slice(0, a.href.length - "index.html".length);
      var group = [];
      for (var j = i + 1; j < items.length; j++) {
        var b = items[j].querySelector(":scope > .chapter-link-wrapper > a[href]");
        if (!b || b.href.indexOf(prefix) !== 0) break;
        group.push(items[j]);
      }
      if (group.length < FOLD_MIN) return;
      var ol = document.createElement("ol");
      ol.className = "section report-fold-group";
      ol.id = "report-fold-" + i;
      group.forEach(function (g) {
        ol.appendChild(g);
      });
      li.appendChild(ol);
      var active = !!ol.querySelector("a.active");
      var toggle = document.createElement("button");
      toggle.type = "button";
      toggle.className = "report-fold";
      toggle.setAttribute("aria-controls", ol.id);
      toggle.textContent = String(group.length);
      var set = function (open) {
        ol.hidden = !open;
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        toggle.setAttribute("aria-label", (open ? "Hide the " : "Show the ") + group.length + " pages of " + a.textContent.trim());
      };
      toggle.addEventListener("click", function () {
        set(ol.hidden);
      });
      set(active);
      a.parentElement.appendChild(toggle);
    });
  });
})();
