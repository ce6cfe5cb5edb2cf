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
})();
