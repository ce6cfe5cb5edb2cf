// Previews of the links to an endnote, an organisation, an agenda item or a meeting, in place
// (`additional-js`, after mdBook's scripts). The data is made at build time (one small file for
// the whole site, named by <meta name="report-previews">, loaded once on the first hover, focus
// or tap of a link); without JavaScript, or without that file (`mdbook serve`), links work as
// they always do.
//
// A preview opens on hover (after a short delay), on keyboard focus and on tap; it closes with
// Escape, when the pointer or focus leaves both the link and the preview, on a second tap and on
// a tap elsewhere; the pointer can move onto it (WCAG 2.1 SC 1.4.13). Plain text is a tooltip
// (WAI-ARIA APG); a preview with links is a non-modal dialog placed right after its link in the
// document (after the picture, for a mark of a picture), whose links leave the Tab order until a
// reader enters it (ArrowDown, or a click): then Tab goes on through it and out to the text,
// Shift+Tab back to the link; Escape returns to the link. A switch in the menu bar turns
// previews off and on, remembered in localStorage.
//
// By touch (as Wikipedia's mobile reference previews): the first tap on a link opens its preview
// and leaves it open (the focus a tap gives the link opens nothing by itself, so the tap is not
// taken for a keyboard's focus, with its hint), the preview's links go on at one tap; a tap on a
// picture's mark follows its link. A preview is never taller than the window: it goes on the
// side of its link with more room, below the menu bar, and scrolls inside when its text is long.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="report-previews"]');
  var main = document.querySelector("#mdbook-content main");
  if (!meta || !main || typeof path_to_root === "undefined") return;
  var STORE = "report-previews";
  var root = new URL(path_to_root || ".", location.href);
  root.hash = "";
  root.search = "";
  var data = null;
  var loading = null;
  var open = null; // { trigger, box, via }
  var hoverTimer = 0;
  var closeTimer = 0;
  var lastPointer = "mouse";
  var pressed = null; // the link under the last pointer press: the focus it gets opens nothing
  var refocused = null; // the link focus returns to, whose focus opens nothing

  var enabled = function () {
    try {
      return localStorage.getItem(STORE) !== "off";
    } catch (e) {
      return true;
    }
  };

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve) {
        window.reportPreviewsLoaded = function (d) {
          data = d;
          resolve();
        };
        var s = document.createElement("script");
        s.src = new URL(meta.content, root).href;
        s.onerror = function () {
          data = {};
          resolve();
        };
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  // The link a preview belongs to, for an element of the page.
  function triggerOf(el) {
    var a = el && el.closest ? el.closest("a[href]") : null;
    if (!a || !main.contains(a) || a.closest(".report-preview, .report-cite")) return null;
    if (a.classList.contains("permalink") || a.classList.contains("header")) return null;
    return a;
  }

  // A mark of a picture (a link inside an <svg>): an HTML preview cannot go inside it.
  function inPicture(a) {
    return !!a.closest("svg");
  }

  // The link's address (an SVG link's `href` is not a string).
  function hrefOf(a) {
    return new URL(a.getAttribute("href"), location.href).href;
  }

  // The link's target from the site's root, as the data is keyed.
  function keyOf(a) {
    var u = new URL(hrefOf(a));
    u.search = "";
    return u.href.indexOf(root.href) === 0 ? decodeURI(u.href.slice(root.href.length)) : null;
  }

  function lookup(key) {
    if (!data || key === null) return null;
    var kinds = ["notes", "orgs", "items", "meetings"];
    for (var i = 0; i < kinds.length; i++) {
      var table = data[kinds[i]];
      if (table && Object.prototype.hasOwnProperty.call(table, key)) {
        return { kind: kinds[i], entry: table[key], key: key };
      }
    }
    return null;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function link(href, text) {
    var a = el("a", "", text);
    a.href = new URL(href, root).href;
    return a;
  }

  // The preview's content: a title and what the data says.
  function build(found, trigger, via) {
    var box = el("div", "report-preview report-preview-" + found.kind);
    box.id = "report-preview";
    var e = found.entry;
    var title = e.title || e.name;
    var head = el("p", "report-preview-title");
    if (found.kind === "notes") {
      head.appendChild(link(found.key, e.title));
      box.appendChild(head);
      var body = el("div", "report-preview-body");
      body.innerHTML = e.html;
      var page = new URL(found.key, root);
      body.querySelectorAll("[id]").forEach(function (n) {
        n.removeAttribute("id");
      });
      body.querySelectorAll("a[href]").forEach(function (a) {
        a.href = new URL(a.getAttribute("href"), page).href;
      });
      box.appendChild(body);
    } else if (found.kind === "orgs") {
      head.textContent = e.acronym ? e.name + " (" + e.acronym + ")" : e.name;
      box.appendChild(head);
      var facts = el("p", "report-preview-facts");
      if (e.kind) facts.appendChild(document.createTextNode(e.kind));
      if (e.parent) {
        facts.appendChild(document.createTextNode((e.kind ? " · " : "") + "part of "));
        facts.appendChild(link(e.parent.href, e.parent.text));
      }
      if (facts.childNodes.length) box.appendChild(facts);
      if (e.website) {
        var site = el("p", "report-preview-facts");
        site.appendChild(link(e.website, e.website.replace(/^https?:\/\//, "").replace(/\/$/, "")));
        box.appendChild(site);
      }
      var more = el("p", "report-preview-facts");
      more.appendChild(link(found.key, e.mentions));
      box.appendChild(more);
    } else {
      head.textContent = title;
      box.appendChild(head);
      if (found.kind === "meetings") {
        box.appendChild(el("p", "report-preview-facts", e.place ? e.date + " · " + e.place : e.date));
      }
      // A tap does not follow the link: the preview offers it.
      if (via === "touch") {
        var go = el("p", "report-preview-facts");
        go.appendChild(link(found.key, "Go to “" + trigger.textContent.trim() + "”"));
        box.appendChild(go);
      }
    }
    var links = box.querySelectorAll("a");
    if (links.length) {
      box.setAttribute("role", "dialog");
      box.setAttribute("aria-label", "Preview: " + (title || trigger.textContent.trim()));
      links.forEach(function (a) {
        a.setAttribute("tabindex", "-1");
      });
      if (via === "focus") {
        box.appendChild(el("p", "report-preview-hint", "↓ to enter · Esc to close"));
      }
    } else {
      box.setAttribute("role", "tooltip");
    }
    return box;
  }

  // The top of the free part of the window: below the menu bar while it shows.
  function topLimit() {
    var bar = document.getElementById("mdbook-menu-bar");
    var b = bar ? bar.getBoundingClientRect() : null;
    return b && b.bottom > 0 && b.height > 0 ? b.bottom + 6 : 8;
  }

  // Below the link, or above it when there is more room there, inside the window and below the
  // menu bar; a preview taller than its side's room gets that height and scrolls inside.
  function place(box, trigger) {
    box.style.left = "0px";
    box.style.top = "0px";
    box.style.maxHeight = "";
    var origin = box.getBoundingClientRect();
    var r = trigger.getBoundingClientRect();
    var w = origin.width;
    var h = origin.height;
    var x = Math.max(8, Math.min(r.left, innerWidth - w - 8));
    var below = innerHeight - 8 - (r.bottom + 6);
    var above = r.top - 6 - topLimit();
    var y;
    if (h <= below || below >= above) {
      y = r.bottom + 6;
      if (h > below) box.style.maxHeight = Math.max(below, 0) + "px";
    } else {
      h = Math.min(h, above);
      y = r.top - 6 - h;
      box.style.maxHeight = h + "px";
    }
    box.style.left = x - origin.left + "px";
    box.style.top = y - origin.top + "px";
  }

  function show(trigger, via) {
    clearTimeout(closeTimer);
    if (!enabled()) return;
    if (open && open.trigger === trigger) return;
    var key = keyOf(trigger);
    load().then(function () {
      var found = lookup(key);
      if (!found || !trigger.isConnected) return;
      close(false);
      var box = build(found, trigger, via);
      // After the picture for a mark of one; after an endnote marker's <sup>, not inside it.
      var after = inPicture(trigger)
        ? trigger.closest("svg")
        : trigger.parentElement.matches("sup")
          ? trigger.parentElement
          : trigger;
      after.insertAdjacentElement("afterend", box);
      if (trigger.hasAttribute("title")) {
        trigger.setAttribute("data-report-title", trigger.getAttribute("title"));
        trigger.removeAttribute("title");
      }
      trigger.setAttribute("aria-describedby", box.id);
      if (box.getAttribute("role") === "dialog") trigger.setAttribute("aria-expanded", "true");
      place(box, trigger);
      open = { trigger: trigger, box: box, via: via };
    });
  }

  // Closes the preview; `refocus`: focus inside it returns to its link.
  function close(refocus) {
    clearTimeout(hoverTimer);
    clearTimeout(closeTimer);
    if (!open) return;
    var o = open;
    open = null;
    var inside = o.box.contains(document.activeElement);
    o.box.remove();
    o.trigger.removeAttribute("aria-describedby");
    o.trigger.removeAttribute("aria-expanded");
    if (refocus && inside) {
      refocused = o.trigger;
      o.trigger.focus({ preventScroll: true });
    }
  }

  function closeSoon() {
    clearTimeout(hoverTimer);
    clearTimeout(closeTimer);
    closeTimer = setTimeout(function () {
      close(false);
    }, 300);
  }

  function enter() {
    if (!open || open.box.getAttribute("role") !== "dialog") return false;
    var links = open.box.querySelectorAll("a");
    links.forEach(function (a) {
      a.removeAttribute("tabindex");
    });
    var hint = open.box.querySelector(".report-preview-hint");
    if (hint) hint.remove();
    links[0].focus();
    return true;
  }

  var inPreview = function (node) {
    return open && node && (open.box.contains(node) || open.trigger.contains(node));
  };

  document.addEventListener("pointerdown", function (e) {
    lastPointer = e.pointerType || "mouse";
    pressed = triggerOf(e.target);
    if (open && !inPreview(e.target)) close(false);
  });

  main.addEventListener("pointerover", function (e) {
    if (e.pointerType === "touch") return;
    if (open && open.box.contains(e.target)) {
      clearTimeout(closeTimer);
      return;
    }
    var t = triggerOf(e.target);
    if (!t || t.contains(e.relatedTarget)) return;
    if (open && open.trigger === t) {
      clearTimeout(closeTimer);
      return;
    }
    load();
    clearTimeout(hoverTimer);
    hoverTimer = setTimeout(function () {
      show(t, "hover");
    }, 350);
  });

  main.addEventListener("pointerout", function (e) {
    if (e.pointerType === "touch") return;
    var t = triggerOf(e.target);
    if (t && !t.contains(e.relatedTarget)) clearTimeout(hoverTimer);
    if (open && open.via !== "focus" && inPreview(e.target) && !inPreview(e.relatedTarget)) closeSoon();
  });

  main.addEventListener("focusin", function (e) {
    if (open && open.box.contains(e.target)) return;
    var t = triggerOf(e.target);
    // Focus that comes with a press (a tap, a click) is not a keyboard's: the hover or the tap
    // decides.
    var again = t === refocused || t === pressed;
    refocused = null;
    if (t && !again && (!open || open.trigger !== t)) show(t, "focus");
  });

  main.addEventListener("focusout", function (e) {
    if (open && inPreview(e.target) && !inPreview(e.relatedTarget)) close(false);
  });

  main.addEventListener("click", function (e) {
    var t = triggerOf(e.target);
    if (!t || lastPointer !== "touch" || !enabled() || e.ctrlKey || e.metaKey || e.shiftKey) return;
    // A tap on a picture's mark follows its link.
    if (inPicture(t)) return;
    if (open && open.trigger === t) {
      e.preventDefault();
      close(false);
      return;
    }
    var key = keyOf(t);
    if (data && !lookup(key)) return;
    e.preventDefault();
    load().then(function () {
      if (lookup(key)) show(t, "touch");
      else location.href = hrefOf(t);
    });
  });

  document.addEventListener("keydown", function (e) {
    pressed = null;
    if (!open) return;
    if (e.key === "Escape") {
      e.preventDefault();
      close(true);
    } else if (e.key === "ArrowDown" && document.activeElement === open.trigger && enter()) {
      e.preventDefault();
    }
  });

  addEventListener("resize", function () {
    if (open) place(open.box, open.trigger);
  });

  // The switch, in the menu bar beside mdBook's buttons.
  var bar = document.querySelector("#mdbook-menu-bar .left-buttons");
  if (bar) {
    var button = el("button", "icon-button report-previews-switch");
    button.type = "button";
    button.setAttribute("role", "switch");
    button.setAttribute("aria-label", "Previews");
    button.innerHTML =
      '<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">' +
      '<path fill="none" stroke="currentColor" stroke-width="2" d="M4 5h16v11H9l-5 4z"/>' +
      '<path class="report-previews-off" stroke="currentColor" stroke-width="2" d="M3 3l18 18"/></svg>';
    var sync = function () {
      var on = enabled();
      button.setAttribute("aria-checked", on ? "true" : "false");
      button.title = on ? "Previews: on" : "Previews: off";
      if (!on) {
        close(false);
        document.querySelectorAll("[data-report-title]").forEach(function (a) {
          a.setAttribute("title", a.getAttribute("data-report-title"));
          a.removeAttribute("data-report-title");
        });
      }
    };
    button.addEventListener("click", function () {
      try {
        localStorage.setItem(STORE, enabled() ? "off" : "on");
      } catch (e) {}
      sync();
    });
    sync();
    bar.appendChild(button);
  }
})();
