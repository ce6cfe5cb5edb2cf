// Browser tests of the built site: `node tests/browser/run.mjs <site dir> [screenshot dir]`.
//
// Serves the site over HTTP on 127.0.0.1 (mdBook's search needs http, not file://), drives
// Debian's Chromium (/usr/bin/chromium) with playwright-core, and checks what a reader does:
// the landing page, an organisation link and back to its paragraph, an endnote and its
// back-link, the timeline (when the site has one), the site's search (bytes to the first result
// within budget, keys, filters, every theme, without JavaScript), the print page, the keyboard,
// phone widths, previews (hover, focus, tap with touch emulation, Escape, the on/off switch, axe
// with one open in every theme at 360 px), "Cite this" (its three formats, copy, download),
// paragraph permalinks, the folded sidebar, a phone with touch (a tap opening a preview and its
// link going on, a picture's mark followed, a long note whole on screen, the pictures' labels at
// 12 px or more, the network's picking, the timeline's filter on its picture, the heat map's
// header and shades, a chapter's first load within 120 KB gzip, the print page's first page and
// the menu bar's title), and axe-core over every page (serious and critical violations fail).
// The server sends text gzipped, as a web server would. Screenshots go to the
// screenshot dir (default: ci-artifacts/screenshots next to the current directory).
//
// MDBOOK_REPORT_BROWSER_ONLY=<regex> limits the run to the scenarios whose names match.
//
// Run by tests/browser.rs under `cargo test`, which is ignored when Node, the npm packages or
// Chromium are missing. Prints one line per scenario and a closing "N passed, N failed,
// N skipped" line; exits 1 if any scenario failed (with MDBOOK_REPORT_REQUIRE_BROWSER set, a skipped
// scenario counts as failed).

import http from "node:http";
import fs from "node:fs";
import zlib from "node:zlib";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "package.json"));
const { chromium } = require("playwright-core");
const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const CHROMIUM = process.env.MDBOOK_REPORT_CHROMIUM || "/usr/bin/chromium";
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
const THEMES = ["light", "rust", "coal", "navy", "ayu"];
// Pages checked with axe in every theme (every page is checked in the default theme).
const THEME_SAMPLE = [
  "index.html",
  "protect-human-rights.html",
  "agenda.html",
  "endnotes.html",
  "agencies/index.html",
  "agencies/unicef.html",
  "timeline.html",
  "documents.html",
  "network.html",
  "data.html",
];

// The site: the argument, else book/html (two outputs) or book.
const site = path.resolve(
  process.argv[2] || (fs.existsSync(path.join("book", "html", "index.html")) ? "book/html" : "book")
);
const shots = path.resolve(process.argv[3] || path.join("ci-artifacts", "screenshots"));
if (!fs.existsSync(path.join(site, "index.html"))) {
  console.error(`no site at ${site} (index.html missing): build it first`);
  process.exit(2);
}
fs.mkdirSync(shots, { recursive: true });
const exists = (rel) => fs.existsSync(path.join(site, rel));

// ---------------------------------------------------------------------------------- server

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".ics": "text/calendar; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

const server = http.createServer((req, res) => {
  let rel;
  try {
    rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  if (rel.endsWith("/")) rel += "index.html";
  const file = path.join(site, path.normalize(rel));
  if (!file.startsWith(site + path.sep)) {
    res.writeHead(403).end();
    return;
  }
  fs.readFile(file, (err, data) => {
    if (err) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const type = TYPES[path.extname(file)] || "application/octet-stream";
    // Text is sent gzipped, as a web server would (the pages' weight is measured in transfer
    // bytes); fonts and images are compressed already.
    if (/^(text\/|application\/json|image\/svg)/.test(type) && /\bgzip\b/.test(req.headers["accept-encoding"] || "")) {
      res.writeHead(200, { "content-type": type, "content-encoding": "gzip", vary: "accept-encoding" });
      res.end(zlib.gzipSync(data, { level: 9 }));
      return;
    }
    res.writeHead(200, { "content-type": type });
    res.end(data);
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const BASE = `http://127.0.0.1:${server.address().port}/`;

// ---------------------------------------------------------------------------------- browser

const profile = fs.mkdtempSync(path.join(os.tmpdir(), "report-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
  ],
  viewport: DESKTOP,
});
context.setDefaultTimeout(15000);
const pageErrors = [];
context.on("page", (p) => p.on("pageerror", (e) => pageErrors.push(`${p.url()}: ${e.message}`)));
// Nothing leaves the machine: any request to another host is refused.
await context.route(
  (url) => !url.href.startsWith(BASE),
  (route) => route.abort()
);

/** A new page at `viewport`, in mdBook theme `theme` (set before any script runs). */
async function open(rel, { viewport = DESKTOP, theme = "light" } = {}) {
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(`${rel}: ${e.message}`));
  await page.setViewportSize(viewport);
  await page.addInitScript((t) => {
    try {
      localStorage.setItem("mdbook-theme", t);
    } catch {}
  }, theme);
  if (rel !== null) await page.goto(BASE + rel);
  return page;
}

const relUrl = (page) => page.url().slice(BASE.length);

// ---------------------------------------------------------------------------------- harness

const results = [];
function check(cond, message) {
  if (!cond) throw new Error(message);
}
// MDBOOK_REPORT_BROWSER_ONLY=<regex> runs only the scenarios whose name matches (while iterating).
const only = process.env.MDBOOK_REPORT_BROWSER_ONLY ? new RegExp(process.env.MDBOOK_REPORT_BROWSER_ONLY, "i") : null;
// Under CI (MDBOOK_REPORT_REQUIRE_BROWSER, set by .ci/run) a scenario that skips itself fails: a skip
// there would hide a page the build lost.
const REQUIRE = Boolean(process.env.MDBOOK_REPORT_REQUIRE_BROWSER);
async function scenario(name, fn) {
  if (only && !only.test(name)) return;
  const t0 = Date.now();
  try {
    const skipped = await fn();
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    if (typeof skipped === "string" && REQUIRE) {
      results.push("failed");
      console.log(`FAIL - ${name}: skipped (${skipped}), and MDBOOK_REPORT_REQUIRE_BROWSER is set`);
    } else if (typeof skipped === "string") {
      results.push("skipped");
      console.log(`skip - ${name}: ${skipped}`);
    } else {
      results.push("passed");
      console.log(`ok   - ${name} (${secs} s)`);
    }
  } catch (e) {
    results.push("failed");
    console.log(`FAIL - ${name}: ${e.message}`);
  }
}

/** The paragraph (or list item) of a targeted anchor is on screen, below the menu bar. */
async function targetVisible(page) {
  return page.evaluate(() => {
    const id = decodeURIComponent(location.hash.slice(1));
    const el = document.getElementById(id);
    if (!el) return { ok: false, why: `no element #${id}` };
    // An anchor span is empty, at the start of its paragraph: the paragraph is what is seen.
    const block = el.classList.contains("anchor-target") ? el.closest("p, li") || el : el;
    const r = block.getBoundingClientRect();
    const bar = document.getElementById("mdbook-menu-bar").getBoundingClientRect();
    const bg = getComputedStyle(block).backgroundColor;
    return {
      ok: el.matches(":target") && r.top >= bar.bottom - 2 && r.top < innerHeight,
      targeted: el.matches(":target"),
      top: Math.round(r.top),
      barBottom: Math.round(bar.bottom),
      highlighted: bg !== "rgba(0, 0, 0, 0)" && bg !== "transparent",
    };
  });
}

// ---------------------------------------------------------------------------------- scenarios

await scenario("landing page: title, about-edition, entry points, every link resolves", async () => {
  const page = await open("index.html");
  const h1 = await page.textContent("main h1");
  check(h1.includes("Global Migration Group"), `h1 is "${h1}"`);
  check((await page.title()).startsWith("Follow-up by the agencies"), `title "${await page.title()}"`);
  const about = await page.textContent(".about-edition");
  check(/Annex/.test(about) && /not included/.test(about), "the about-edition note mentions the Annex");
  const entries = ["agenda.html", "agencies/index.html", "endnotes.html", "introduction.html"];
  if (exists("timeline.html")) entries.push("timeline.html");
  if (exists("documents.html")) entries.push("documents.html");
  for (const href of entries) {
    check(await page.$(`main a[href="${href}"]`), `no entry point to ${href}`);
  }
  const hrefs = await page.$$eval("main a[href]", (as) => as.map((a) => a.href));
  for (const href of new Set(hrefs.map((h) => h.split("#")[0]))) {
    if (!href.startsWith(BASE)) continue;
    const res = await page.request.get(href);
    check(res.ok(), `${href} answers ${res.status()}`);
  }
  const desc = await page.getAttribute('meta[name="description"]', "content");
  check(desc && desc.length > 50, "a meta description");
  await page.close();
});

await scenario("organisation link (UNICEF in 2.1) → its page → back to the paragraph", async () => {
  const page = await open("protect-human-rights.html");
  await page.click('main a.org[href="agencies/unicef.html"] >> nth=0');
  await page.waitForURL(/agencies\/unicef\.html$/);
  check((await page.textContent("main h1")).includes("UNICEF"), "the UNICEF page's heading");
  check(await page.$("dl.org-facts"), "the facts list");
  const mention = page.locator('ul.mentions a[href^="../protect-human-rights.html#p-"]').first();
  const href = await mention.getAttribute("href");
  await mention.click();
  await page.waitForURL((u) => u.href.endsWith(href.replace("../", "")));
  await page.waitForTimeout(150);
  const t = await targetVisible(page);
  check(t.ok, `paragraph not in view or not targeted: ${JSON.stringify(t)}`);
  check(t.highlighted, "the targeted paragraph is highlighted");
  await page.close();
});

await scenario("endnote marker → its note → back-link to the marker", async () => {
  const page = await open("protect-human-rights.html");
  const marker = page.locator("main sup.endnote-ref a").first();
  const label = (await marker.textContent()).trim();
  await marker.click();
  await page.waitForURL(new RegExp(`endnotes\\.html#note-${label}$`));
  await page.waitForTimeout(150);
  const note = await targetVisible(page);
  check(note.ok, `note ${label} not in view: ${JSON.stringify(note)}`);
  check(note.highlighted, "the targeted note is highlighted");
  await page.click(`#note-${label} a[role="doc-backlink"] >> nth=0`);
  await page.waitForURL(new RegExp(`protect-human-rights\\.html#note-ref-${label}$`));
  await page.waitForTimeout(150);
  const back = await targetVisible(page);
  check(back.ok, `marker ${label} not in view after the back-link: ${JSON.stringify(back)}`);
  await page.close();
});

await scenario("timeline: entries in date order", async () => {
  if (!exists("timeline.html")) return "timeline.html is not in this build (timeline branch not merged)";
  const page = await open("timeline.html");
  const entries = await page.$$eval('main li[id^="meeting-"]', (lis) =>
    lis.map((li) => ({ id: li.id, year: Number(li.dataset.year), visible: li.offsetParent !== null }))
  );
  check(entries.length > 5, `only ${entries.length} entries`);
  check(entries.every((e) => e.visible), "every entry is visible");
  for (let i = 1; i < entries.length; i++) {
    check(entries[i - 1].year <= entries[i].year, `${entries[i - 1].id} (${entries[i - 1].year}) before ${entries[i].id} (${entries[i].year})`);
  }
  // Month groups (ids timeline-YYYY-MM) appear in calendar order.
  const months = await page.$$eval("main h3[id]", (hs) =>
    hs.map((h) => h.id).filter((id) => /^timeline-\d{4}-\d{2}$/.test(id))
  );
  const sorted = [...months].sort();
  check(JSON.stringify(months) === JSON.stringify(sorted), `month groups out of order: ${months.join(", ")}`);
  await page.close();
});

// Search: the site's own (theme/search.js over search/), in mdBook's search bar.
const SEARCH_BUDGET = 150 * 1024; // bytes from opening search to the first result (issue 17)
/** Opens search with `s` on `page` and types `query` a key at a time; returns the bytes
 * transferred for search until the first result shows (search scripts included). */
async function searchFor(page, query) {
  let bytes = 0;
  const done = [];
  const count = async (req) => {
    const s = await req.sizes();
    bytes += s.responseBodySize + s.responseHeadersSize;
  };
  const onFinished = (req) => {
    if (/\/search\//.test(req.url())) done.push(count(req));
  };
  page.on("requestfinished", onFinished);
  // The client script came with the page: its bytes are search's too.
  bytes += await page.evaluate(() =>
    performance.getEntriesByType("resource")
      .filter((e) => /\/theme\/search[^/]*\.js$/.test(e.name))
      .reduce((a, e) => a + e.encodedBodySize, 0)
  );
  await page.keyboard.press("s");
  await page.waitForSelector("#mdbook-searchbar", { state: "visible" });
  check(await page.evaluate(() => document.activeElement.id === "mdbook-searchbar"), "`s` focuses the search bar");
  await page.keyboard.type(query, { delay: 150 });
  await page.locator("#mdbook-searchresults li > a").first().waitFor({ state: "visible" });
  await page.waitForLoadState("networkidle");
  await Promise.all(done);
  page.off("requestfinished", onFinished);
  return bytes;
}

await scenario('search "UNHCR" → its page, within the byte budget; no monolithic index', async () => {
  check(!exists("searchindex.js") && !fs.readdirSync(site).some((f) => /^searchindex/.test(f)), "mdBook's searchindex is in the site");
  const page = await open("index.html");
  const bytes = await searchFor(page, "UNHCR");
  check(bytes <= SEARCH_BUDGET, `search transferred ${bytes} bytes before the first result (budget ${SEARCH_BUDGET})`);
  console.log(`       "UNHCR": ${bytes} bytes from opening search to the first result`);
  const header = await page.textContent("#mdbook-searchresults-header");
  check(/search results? for 'UNHCR'/.test(header), `header "${header}"`);
  const first = page.locator("#mdbook-searchresults li > a").first();
  check((await first.getAttribute("href")) === "agencies/unhcr.html", `first result ${await first.getAttribute("href")}`);
  check(/\?search=UNHCR/.test(page.url()), `the address keeps the search: ${page.url()}`);
  await first.click();
  await page.waitForURL(/agencies\/unhcr\.html$/);
  check((await page.textContent("main h1")).includes("UNHCR"), "reached the UNHCR page");
  await page.close();
});

/** Every result listed has arrived (its record file fetched). */
const allShown = () => !document.querySelector("#mdbook-searchresults li.report-search-pending");

await scenario("search: keyboard (/, arrows, Enter, Escape), meetings and chapters found, filters", async () => {
  const page = await open("protect-human-rights.html");
  await page.keyboard.press("/");
  await page.waitForSelector("#mdbook-searchbar", { state: "visible" });
  await page.keyboard.type("consultations", { delay: 30 });
  await page.locator("#mdbook-searchresults li > a").first().waitFor({ state: "visible" });
  await page.waitForFunction(allShown);
  const hrefs = await page.$$eval("#mdbook-searchresults li > a", (as) => as.map((a) => a.getAttribute("href")));
  check(hrefs.some((h) => /^timeline\.html#meeting-/.test(h)), `no meeting among ${hrefs.join(", ")}`);
  // Kind filter: meetings only.
  await page.click('.report-search-filters button[data-kind="meeting"]');
  await page.waitForFunction(() => {
    const as = [...document.querySelectorAll("#mdbook-searchresults li > a")];
    return as.length > 0 && as.every((a) => a.getAttribute("href").startsWith("timeline.html#meeting-"));
  });
  check((await page.getAttribute('.report-search-filters button[data-kind="meeting"]', "aria-pressed")) === "true", "the filter is pressed");
  await page.click('.report-search-filters button[data-kind=""]');
  // Agenda item filter: action point 1's records only.
  const item = page.locator(".report-search-select select").first();
  await item.selectOption("1");
  await page.waitForFunction(() => /search results? for/.test(document.getElementById("mdbook-searchresults-header").textContent));
  await item.selectOption("");
  // Arrows move through the results, Enter follows one.
  await page.focus("#mdbook-searchbar");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  const second = await page.evaluate(() => {
    const a = document.activeElement;
    const all = [...document.querySelectorAll("#mdbook-searchresults li > a")];
    return a.parentNode.classList.contains("focus") ? all.indexOf(a) : -1;
  });
  check(second === 1, `ArrowDown twice focuses result ${second}, not the second`);
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  check(await page.evaluate(() => document.activeElement.id === "mdbook-searchbar"), "ArrowUp from the first result returns to the search bar");
  await page.keyboard.press("Escape");
  check(await page.isHidden("#mdbook-search-wrapper"), "Escape closes search");
  check(await page.evaluate(() => document.activeElement.id === "mdbook-search-toggle"), "focus returns to the search button");
  check(!/search=/.test(page.url()), "closing search clears the address");
  // The organisation filter names its organisations once used; a chapter is found by its words.
  await page.keyboard.press("s");
  await page.fill("#mdbook-searchbar", "exploitation trafficking");
  await page.waitForFunction(() => /for 'exploitation trafficking'/.test(document.getElementById("mdbook-searchresults-header").textContent));
  await page.locator("#mdbook-searchresults li > a").first().waitFor({ state: "visible" });
  await page.waitForFunction(allShown);
  const found = await page.$$eval("#mdbook-searchresults li > a", (as) => as.map((a) => a.getAttribute("href")));
  check(found.some((h) => h.startsWith("eliminate-exploitation.html")), `chapter 2.3 not among ${found.join(", ")}`);
  const orgSelect = page.locator(".report-search-select select").last();
  await orgSelect.focus();
  await page.waitForFunction(() => [...document.querySelectorAll(".report-search-select select")].pop().options.length > 5);
  await orgSelect.selectOption("ilo");
  await page.waitForFunction(() => {
    const as = [...document.querySelectorAll("#mdbook-searchresults li > a")];
    return as.length > 0 && as.length < 10;
  });
  await page.keyboard.press("Enter").catch(() => {});
  await page.close();
});

await scenario("search opened by ?search= in the address, at phone width, in every theme, passes axe", async () => {
  for (const theme of THEMES) {
    const page = await open(null, { viewport: PHONE, theme });
    await page.addInitScript({ content: AXE });
    await page.goto(BASE + "agenda.html?search=UNICEF");
    await page.locator("#mdbook-searchresults li > a").first().waitFor({ state: "visible" });
    await page.waitForLoadState("networkidle");
    const w = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
    check(w[0] <= w[1], `${theme}: the page is ${w[0]} px wide at ${w[1]} px with search open`);
    const bad = (await axe(page, true)).filter((v) => v.impact === "serious" || v.impact === "critical");
    check(bad.length === 0, `${theme}: ${bad.map((v) => `${v.id} ${v.targets.slice(0, 3).join(" ")}`).join("; ")}`);
    if (theme === "light" || theme === "coal") await page.screenshot({ path: path.join(shots, `search-phone-${theme}.png`) });
    await page.close();
  }
});

await scenario("without JavaScript: no search button, a note says search needs it; links work", async () => {
  const nojs = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  const ctx = await nojs.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(BASE + "protect-human-rights.html");
  check(!(await page.$("#mdbook-search-toggle")), "a search button that cannot work");
  const note = await page.textContent(".report-noscript");
  check(/Search needs JavaScript/.test(note || ""), `the note: ${note}`);
  check(await page.isVisible(".report-noscript"), "the note is visible");
  await page.click('main a.org[href="agencies/unicef.html"] >> nth=0');
  await page.waitForURL(/agencies\/unicef\.html$/);
  await ctx.close();
  await nojs.close();
});

await scenario("print.html holds the report: its chapters and endnotes, links to the generated pages", async () => {
  const page = await open("print.html");
  const p = await page.evaluate(() => {
    const ids = new Set([...document.querySelectorAll("main [id]")].map((e) => "#" + e.id));
    return {
      h1: [...document.querySelectorAll("main h1")].map((h) => h.textContent.trim()),
      orgLinks: document.querySelectorAll('main a.org[href^="agencies/"]').length,
      broken: [...document.querySelectorAll('main a[href^="#"]')]
        .map((a) => a.getAttribute("href"))
        .filter((h) => !ids.has(decodeURIComponent(h))),
    };
  });
  check(p.h1.some((t) => /Endnotes/.test(t)), `no Endnotes chapter among ${p.h1.join(" | ")}`);
  check(!p.h1.some((t) => /UNHCR|Timeline|Eight-point agenda/.test(t)), `a generated page is printed: ${p.h1.join(" | ")}`);
  check(p.orgLinks > 50, `${p.orgLinks} organisation links lead to the organisation pages`);
  check(p.broken.length === 0, `links into nothing: ${p.broken.slice(0, 5).join(", ")}`);
  await page.close();
});

await scenario("keyboard: skip link, Tab to the first organisation link, Enter follows it", async () => {
  const page = await open("protect-human-rights.html");
  await page.keyboard.press("Tab");
  const first = await page.evaluate(() => document.activeElement.className);
  check(first.includes("report-skip-link"), `first Tab stop is "${first}", not the skip link`);
  await page.keyboard.press("Enter");
  let found = null;
  for (let i = 0; i < 80 && !found; i++) {
    await page.keyboard.press("Tab");
    found = await page.evaluate(() => {
      const a = document.activeElement;
      return a && a.matches("main a.org") ? a.getAttribute("href") : null;
    });
  }
  check(found, "no organisation link within 80 Tab presses after the skip link");
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => u.href.endsWith(found));
  await page.close();
});

await scenario("keyboard: the table of contents opens from the keyboard on a phone", async () => {
  const page = await open("protect-human-rights.html", { viewport: PHONE });
  check(!(await page.evaluate(() => document.documentElement.classList.contains("sidebar-visible"))), "sidebar hidden at first");
  let ok = false;
  for (let i = 0; i < 5 && !ok; i++) {
    await page.keyboard.press("Tab");
    ok = await page.evaluate(() => document.activeElement.id === "mdbook-sidebar-toggle");
  }
  check(ok, "the table-of-contents button is not reachable with Tab");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.documentElement.classList.contains("sidebar-visible"));
  check((await page.getAttribute("#mdbook-sidebar-toggle", "aria-expanded")) === "true", "aria-expanded is true");
  await page.close();
});

await scenario("phone width: no page wider than the screen; the matrix scrolls with a sticky first column", async () => {
  const page = await open(null, { viewport: PHONE });
  const pages = ["index.html", "protect-human-rights.html", "agenda.html", "endnotes.html", "agencies/index.html", "agencies/unicef.html"];
  if (exists("timeline.html")) pages.push("timeline.html");
  if (exists("documents.html")) pages.push("documents.html");
  for (const rel of pages) {
    await page.goto(BASE + rel);
    const w = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
    check(w[0] <= w[1], `${rel} is ${w[0]} px wide at ${w[1]} px`);
  }
  await page.goto(BASE + "agenda.html#matrix-caption");
  const m = await page.evaluate(() => {
    const box = document.querySelector(".matrix-scroll");
    const cell = box.querySelector("tbody th");
    const before = cell.getBoundingClientRect().left;
    box.scrollLeft = 400;
    const after = cell.getBoundingClientRect().left;
    return { scrollable: box.scrollWidth > box.clientWidth, moved: box.scrollLeft > 0, before, after };
  });
  check(m.scrollable && m.moved, `the matrix does not scroll sideways: ${JSON.stringify(m)}`);
  check(Math.abs(m.before - m.after) < 1, `the first column moved: ${JSON.stringify(m)}`);
  await page.close();
});

await scenario("pictures: network, heat map and data page at 1280 and 360 px within the screen; the heat map sorts", async () => {
  const targets = [["network", "network.html"], ["heat-map", "agenda.html#matrix-caption"], ["data", "data.html"]];
  if (!exists("network.html")) return "network.html is not in this build";
  for (const [name, rel] of targets.filter(([, rel]) => exists(rel.split("#")[0]))) {
    for (const [vp, size] of [["desktop", DESKTOP], ["phone", PHONE]]) {
      const page = await open(rel, { viewport: size });
      const w = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
      check(w[0] <= w[1], `${rel} is ${w[0]} px wide at ${w[1]} px`);
      if (name === "network") {
        // The circle on a wide screen, the list by kind on a phone.
        const drawing = size === PHONE ? "svg.network-list" : "svg.network";
        const box = await page.locator(drawing).boundingBox();
        check(box && box.width > Math.min(500, size.width - 60), `the picture (${drawing}) is ${box && box.width} px wide at ${size.width} px`);
      }
      await page.screenshot({ path: path.join(shots, `${name}-${vp}.png`), fullPage: name === "network" });
      await page.close();
    }
  }
  const page = await open("agenda.html#matrix-caption");
  const column = (k) => page.$$eval("table.agenda-matrix tbody tr", (trs, k) => trs.map((tr) => Number(tr.cells[k < 0 ? tr.cells.length - 1 : k].dataset.count)), k);
  const sorted = (v) => v.every((x, i) => i === 0 || v[i - 1] >= x);
  await page.click("table.agenda-matrix thead th:last-child button.matrix-sort");
  const totals = await column(-1);
  check(sorted(totals), `not sorted by total: ${totals.slice(0, 8).join(", ")}`);
  check((await page.getAttribute("table.agenda-matrix thead th:last-child", "aria-sort")) === "descending", "no aria-sort on the total");
  await page.click("table.agenda-matrix thead th:nth-child(2) button.matrix-sort");
  check(sorted(await column(1)), "not sorted by the first item");
  await page.screenshot({ path: path.join(shots, "heat-map-sorted-desktop.png") });
  await page.close();
});

await scenario("print: no sidebar or menu, external addresses written out", async () => {
  const page = await open("endnotes.html");
  await page.emulateMedia({ media: "print" });
  const p = await page.evaluate(() => {
    const shown = (sel) => {
      const el = document.querySelector(sel);
      return el && getComputedStyle(el).display !== "none";
    };
    // The report's own external links show their address as their text (or are archived
    // copies, listed on the Documents page): a link with other text is added to see the rule.
    const ext = document.createElement("a");
    ext.href = "https://example.org/a-report.pdf";
    ext.textContent = "a report";
    document.querySelector("main p").append(ext);
    const bare = document.querySelector("main a.report-url-shown");
    const copy = document.querySelector("main .archived-copy a");
    return {
      sidebar: shown("#mdbook-sidebar"),
      menu: shown("#mdbook-menu-bar"),
      href: ext ? ext.getAttribute("href") : null,
      after: ext ? getComputedStyle(ext, "::after").content : null,
      bare: Boolean(bare),
      bareAfter: bare ? getComputedStyle(bare, "::after").content : null,
      copy: copy ? getComputedStyle(copy.closest(".archived-copy")).display : null,
    };
  });
  check(!p.sidebar && !p.menu, `sidebar or menu printed: ${JSON.stringify(p)}`);
  // A link with its own text gets its address written after it (" (" attr(href) ")", as
  // Chromium reports the rule or its value) …
  check(p.after && (p.after.includes("attr(href)") || p.after.includes(p.href)), `an external link's address is not written out: ${JSON.stringify(p)}`);
  // … a link whose text is its address does not get it twice, and archived copies are not printed.
  check(p.bare && (p.bareAfter === "none" || p.bareAfter === "normal"), `a link showing its address gets it twice: ${JSON.stringify(p)}`);
  check(p.copy === "none", `archived copies are printed: ${JSON.stringify(p)}`);
  await page.goto(BASE + "agencies/unicef.html");
  await page.screenshot({ path: path.join(shots, "unicef-print.png"), fullPage: true });
  await page.close();
});

// ---------------------------------------------------------------------------------- previews, citation, permalinks

const CHAPTER = "protect-human-rights.html";
const preview = (page) => page.locator(".report-preview");
/** The text of note `id` on the endnotes page, as a reader sees it. */
async function noteText(id) {
  const page = await open("endnotes.html");
  const text = await page.evaluate((id) => {
    const li = document.getElementById(id).cloneNode(true);
    li.querySelectorAll(".endnote-label, .endnote-backlinks").forEach((e) => e.remove());
    return li.textContent.replace(/\s+/g, " ").trim();
  }, id);
  await page.close();
  return text;
}
const squash = (s) => s.replace(/\s+/g, " ").trim();

await scenario("previews: hover opens an organisation's after a delay; the pointer can rest on it; leaving closes it", async () => {
  const page = await open(CHAPTER);
  const link = page.locator('main a.org[href="agencies/unicef.html"]').first();
  await link.hover();
  await page.waitForTimeout(150);
  check((await preview(page).count()) === 0, "the preview opened without a delay");
  await preview(page).waitFor({ state: "visible" });
  const p = await page.evaluate(() => {
    const box = document.querySelector(".report-preview");
    const a = document.querySelector('main a.org[aria-describedby="report-preview"]');
    return { role: box.getAttribute("role"), label: box.getAttribute("aria-label"), text: box.textContent, trigger: !!a, next: a && a.nextElementSibling === box };
  });
  check(p.role === "dialog" && /Children.s Fund/.test(p.label), `role ${p.role}, label ${p.label}`);
  check(/United Nations Children.s Fund \(UNICEF\)/.test(p.text) && /\d+ mentions in \d+ chapters/.test(p.text), `text: ${p.text}`);
  check(p.trigger && p.next, "the link is described by the preview, which follows it");
  await preview(page).hover();
  await page.waitForTimeout(700);
  check(await preview(page).isVisible(), "the preview closed while the pointer was on it");
  await page.mouse.move(2, 700);
  await preview(page).waitFor({ state: "detached" });
  await page.close();
});

await scenario("previews: focus opens a note's (its text, its links working); ArrowDown enters, Tab leaves, Escape returns focus", async () => {
  const page = await open(CHAPTER);
  const marker = page.locator("main sup.endnote-ref a").first();
  const id = (await marker.getAttribute("href")).split("#")[1];
  await marker.focus();
  await preview(page).waitFor({ state: "visible" });
  const want = await noteText(id);
  const got = squash(await page.locator(".report-preview-body").textContent());
  check(got === want, `preview "${got}" is not the note "${want}"`);
  check((await marker.getAttribute("title")) === null, "the browser's own tooltip is still there");
  const links = await page.$$eval(".report-preview a", (as) => as.map((a) => [a.getAttribute("tabindex"), a.href]));
  check(links.length > 0 && links.every(([t]) => t === "-1"), `links in the Tab order before entering: ${JSON.stringify(links)}`);
  check(links[0][1] === BASE + "endnotes.html#" + id, `the title links to ${links[0][1]}`);
  await page.keyboard.press("ArrowDown");
  check(await page.evaluate(() => document.querySelector(".report-preview").contains(document.activeElement)), "ArrowDown did not move focus into the preview");
  await page.keyboard.press("Escape");
  await preview(page).waitFor({ state: "detached" });
  check(await page.evaluate(() => document.activeElement.matches("sup.endnote-ref a")), "Escape did not return focus to the marker");
  // Tab from the link goes on through the text, not into the preview, and closes it.
  await marker.blur();
  await marker.focus();
  await preview(page).waitFor({ state: "visible" });
  await page.keyboard.press("Tab");
  await page.locator(".report-preview-notes").waitFor({ state: "detached" });
  check(!(await page.evaluate(() => !!document.activeElement.closest(".report-preview"))), "Tab moved into the preview");
  await page.close();
});

await scenario("previews: a tap opens, a second tap closes, a tap elsewhere closes; the link is offered, not followed", async () => {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  try {
    const ctx = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
    await ctx.route((url) => !url.href.startsWith(BASE), (route) => route.abort());
    const page = await ctx.newPage();
    page.on("pageerror", (e) => pageErrors.push(`touch ${CHAPTER}: ${e.message}`));
    await page.goto(BASE + CHAPTER);
    const link = page.locator('main a.org[href="agencies/unicef.html"]').first();
    await link.tap();
    await preview(page).waitFor({ state: "visible" });
    check(page.url() === BASE + CHAPTER, `the tap followed the link to ${page.url()}`);
    const box = await preview(page).boundingBox();
    check(box.x >= 0 && box.x + box.width <= PHONE.width, `the preview is outside the screen: ${JSON.stringify(box)}`);
    check(await preview(page).locator('a[href$="agencies/unicef.html"]').count(), "no link to the organisation's page in the preview");
    await link.tap();
    await preview(page).waitFor({ state: "detached" });
    check(page.url() === BASE + CHAPTER, "the second tap followed the link");
    await link.tap();
    await preview(page).waitFor({ state: "visible" });
    await page.locator("main h1").tap();
    await preview(page).waitFor({ state: "detached" });
    // An agenda or meeting preview is plain text; opened by a tap it offers its link.
    const agenda = page.locator('main a.agenda-ref, main nav.agenda-box a[rel="next"]').last();
    if (await agenda.count()) {
      await agenda.tap();
      await page.waitForTimeout(400);
    }
    await ctx.close();
  } finally {
    await browser.close();
  }
});

await scenario("previews: the switch turns them off and on, by keyboard, remembered across a reload", async () => {
  const page = await open(CHAPTER);
  const sw = page.locator(".report-previews-switch");
  check((await sw.getAttribute("aria-checked")) === "true", "previews are not on at first");
  await sw.focus();
  await page.keyboard.press("Enter");
  check((await sw.getAttribute("aria-checked")) === "false", "Enter did not turn them off");
  await page.reload();
  check((await page.locator(".report-previews-switch").getAttribute("aria-checked")) === "false", "off was not remembered");
  await page.locator("main sup.endnote-ref a").first().focus();
  await page.locator('main a.org[href="agencies/unicef.html"]').first().hover();
  await page.waitForTimeout(800);
  check((await preview(page).count()) === 0, "a preview opened while they are off");
  check((await page.locator("main sup.endnote-ref a").first().getAttribute("title")) !== null, "the marker lost its title while previews are off");
  await page.locator(".report-previews-switch").focus();
  await page.keyboard.press("Space");
  await page.reload();
  check((await page.locator(".report-previews-switch").getAttribute("aria-checked")) === "true", "on was not remembered");
  await page.close();
});

for (const theme of THEMES) {
  await scenario(`previews: axe clean with a note's and an organisation's preview open, ${theme} theme, 360 px`, async () => {
    const page = await open(CHAPTER, { theme, viewport: PHONE });
    await page.addScriptTag({ content: AXE });
    for (const sel of ["main sup.endnote-ref a", 'main a.org[href="agencies/unicef.html"]']) {
      await page.locator(sel).first().focus();
      await preview(page).waitFor({ state: "visible" });
      const box = await preview(page).boundingBox();
      check(box.x >= 0 && box.x + box.width <= PHONE.width, `${sel}: the preview is outside the screen: ${JSON.stringify(box)}`);
      const bad = (await axe(page, true)).filter((v) => v.impact === "serious" || v.impact === "critical");
      check(bad.length === 0, `${sel}: ${bad.map((v) => `${v.impact} ${v.id}: ${v.targets.join(", ")}`).join("; ")}`);
      const w = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
      check(w[0] <= w[1], `the page is ${w[0]} px wide at ${w[1]} px with a preview open`);
      await page.keyboard.press("Escape");
    }
    if (theme === "light" || theme === "coal") {
      await page.locator("main sup.endnote-ref a").first().focus();
      await preview(page).waitFor({ state: "visible" });
      await page.screenshot({ path: path.join(shots, `preview-note-phone-${theme}.png`) });
    }
    await page.close();
  });
}

// ---------------------------------------------------------------------------------- phones (issue 28)

// A phone with touch: taps on previews and on the pictures' marks, a long note on screen, the
// pictures' labels, the weight of a first visit, the print page and the menu bar.
const BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
let touchBrowser = null;
/** A page in a new touch context (an empty cache: a first visit) at `viewport`, in `theme`;
 * `page.context().close()` ends it. */
async function touchPage(rel, { viewport = PHONE, theme = "light" } = {}) {
  touchBrowser ||= await chromium.launch({ executablePath: CHROMIUM, headless: true, args: BROWSER_ARGS });
  const ctx = await touchBrowser.newContext({ viewport, hasTouch: true, isMobile: true });
  await ctx.route((url) => !url.href.startsWith(BASE), (route) => route.abort());
  await ctx.addInitScript((t) => {
    try {
      localStorage.setItem("mdbook-theme", t);
    } catch {}
  }, theme);
  const page = await ctx.newPage();
  page.on("pageerror", (e) => pageErrors.push(`touch ${rel}: ${e.message}`));
  if (rel !== null) await page.goto(BASE + rel);
  return page;
}

await scenario("phone, touch: the first tap opens a preview and keeps it open, without the keyboard's hint; the preview's link goes on at one tap", async () => {
  const page = await touchPage(CHAPTER);
  try {
    const org = page.locator('main a.org[href="agencies/unicef.html"]').first();
    // The very first tap: the previews' data is not loaded yet.
    await org.tap();
    await preview(page).waitFor({ state: "visible" });
    await page.waitForTimeout(600);
    check(await preview(page).isVisible(), "the first tap's preview closed again");
    check((await page.locator(".report-preview-hint").count()) === 0, "the first tap shows the keyboard's hint");
    check(page.url() === BASE + CHAPTER, `the first tap followed the link to ${page.url()}`);
    await page.locator("main h1").tap();
    await preview(page).waitFor({ state: "detached" });
    // The data loaded: a note's marker opens its preview and it stays.
    const marker = page.locator("main sup.endnote-ref a").first();
    const id = (await marker.getAttribute("href")).split("#")[1];
    await marker.tap();
    await preview(page).waitFor({ state: "visible" });
    await page.waitForTimeout(600);
    check(await preview(page).isVisible(), "with the data loaded, a tap's preview closed again in the same tap");
    check((await page.locator(".report-preview-hint").count()) === 0, "a tap shows the keyboard's hint");
    await page.screenshot({ path: path.join(shots, "preview-tap-phone.png") });
    await preview(page).locator(`.report-preview-title a[href$="endnotes.html#${id}"]`).tap();
    await page.waitForURL(new RegExp(`endnotes\\.html#${id}$`));
    // An organisation's preview: its link to the page goes on at one tap.
    await page.goto(BASE + CHAPTER);
    await org.tap();
    await preview(page).waitFor({ state: "visible" });
    await preview(page).locator('a[href$="agencies/unicef.html"]').tap();
    await page.waitForURL(/agencies\/unicef\.html$/);
  } finally {
    await page.context().close();
  }
});

await scenario("phone, touch: a tap on a mark of the network's picture and of the timeline's follows its link", async () => {
  const cases = [
    ["network.html", "svg.network-list a[data-org]", "table.network-table a.org, table.network-table a[href^='agencies/']"],
    ["timeline.html", "svg.timeline-axis a[href^='#meeting-']", "li.timeline-entry dd a[href]"],
  ];
  for (const [rel, mark, link] of cases) {
    if (!exists(rel)) return `${rel} is not in this build`;
    const page = await touchPage(rel);
    try {
      // Load the previews' data first (the tap that did nothing came once it was loaded).
      await page.locator(link).first().tap();
      await preview(page).waitFor({ state: "visible" });
      await page.locator("main h1").tap();
      await preview(page).waitFor({ state: "detached" });
      const target = page.locator(mark).nth(2);
      const href = await target.getAttribute("href");
      const box = await target.boundingBox();
      check(box && box.width >= 7 && box.height >= 10, `${rel}: the mark is ${box && `${box.width.toFixed(1)}×${box.height.toFixed(1)}`} px`);
      await target.tap();
      const want = new URL(href, BASE + rel).href;
      await page.waitForURL(want);
      check(!(await page.$("svg .report-preview")), `${rel}: a preview was put inside the picture`);
    } finally {
      await page.context().close();
    }
  }
});

/** The preview's box, its title link and the menu bar, in the window's coordinates. */
const previewGeometry = (page) =>
  page.evaluate(() => {
    const box = document.querySelector(".report-preview");
    const b = box.getBoundingClientRect();
    const t = box.querySelector(".report-preview-title").getBoundingClientRect();
    const bar = document.getElementById("mdbook-menu-bar").getBoundingClientRect();
    const body = box.querySelector(".report-preview-body");
    return {
      top: b.top,
      bottom: b.bottom,
      left: b.left,
      right: b.right,
      titleTop: t.top,
      barBottom: Math.max(bar.bottom, 0),
      height: innerHeight,
      width: innerWidth,
      scrolls: box.scrollHeight > box.clientHeight + 1,
      words: body ? body.textContent.trim().split(/\s+/).length : 0,
    };
  });

await scenario("long previews: endnote xiv (185 words) is whole on screen, below the menu bar, at 1280×800 and 360×740", async () => {
  const rel = fs.readdirSync(site).find((f) => f.endsWith(".html") && f !== "print.html" && f !== "endnotes.html" && fs.readFileSync(path.join(site, f), "utf8").includes('href="endnotes.html#note-xiv"'));
  if (!rel) return "no page cites endnote xiv in this build";
  const sel = 'main sup.endnote-ref a[href="endnotes.html#note-xiv"]';
  const placeMarker = (page, where) =>
    page.locator(sel).first().evaluate((a, where) => {
      const r = a.getBoundingClientRect();
      // Near the window's top (the preview goes below) or its bottom (it goes above).
      scrollBy(0, where === "top" ? r.top - 110 : r.bottom - innerHeight + 50);
    }, where);
  for (const [size, touch] of [[DESKTOP, false], [PHONE, true]]) {
    const page = touch ? await touchPage(rel, { viewport: size }) : await open(rel, { viewport: size });
    try {
      for (const where of ["top", "bottom"]) {
        await placeMarker(page, where);
        await page.waitForTimeout(200);
        if (touch) await page.locator(sel).first().tap();
        else {
          await page.locator(sel).first().blur();
          await page.locator(sel).first().focus();
        }
        await preview(page).waitFor({ state: "visible" });
        const g = await previewGeometry(page);
        const at = `${size.width}×${size.height}, marker near the ${where}`;
        check(g.words >= 180, `${at}: the preview holds ${g.words} words, not the note`);
        check(g.top >= g.barBottom - 0.5 && g.top >= 0, `${at}: the preview's top (${g.top.toFixed(0)}) is above the window or under the menu bar (${g.barBottom.toFixed(0)})`);
        check(g.bottom <= g.height + 0.5 && g.left >= 0 && g.right <= g.width + 0.5, `${at}: the preview leaves the window: ${JSON.stringify(g)}`);
        check(g.titleTop >= g.top, `${at}: the title link is above the preview's top`);
        await page.screenshot({ path: path.join(shots, `preview-long-${size === PHONE ? "phone" : "desktop"}-${where}.png`) });
        if (touch) await page.locator("main h1").tap({ force: true }).catch(() => page.keyboard.press("Escape"));
        else await page.keyboard.press("Escape");
        await preview(page).waitFor({ state: "detached" });
      }
    } finally {
      if (touch) await page.context().close();
      else await page.close();
    }
  }
});

/** Every visible text of the SVGs `sel` at its size on screen: its font size × the SVG's scale. */
const svgLabelSizes = (page, sel) =>
  page.$$eval(`${sel} text`, (texts) =>
    texts
      .filter((t) => t.getClientRects().length > 0 && t.getScreenCTM())
      .map((t) => {
        const m = t.getScreenCTM();
        return { text: t.textContent.trim(), px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b) };
      })
  );
const smallest = (sizes) => sizes.reduce((a, s) => (s.px < a.px ? s : a), { px: Infinity, text: "" });

await scenario("pictures at 360 px: the network's and the timeline's labels are at least 12 px; a mark of each at least 7 px; screenshots", async () => {
  if (!exists("network.html")) return "network.html is not in this build";
  const page = await touchPage("network.html");
  try {
    const net = await svgLabelSizes(page, "figure.network-figure svg");
    const min = smallest(net);
    console.log(`       network at 360 px: ${net.length} labels, smallest ${min.px.toFixed(1)} px ("${min.text}")`);
    check(net.length >= 50, `only ${net.length} labels of the network are visible at 360 px`);
    check(min.px >= 12, `the network's label "${min.text}" is ${min.px.toFixed(1)} px at 360 px`);
    const rows = await page.$$eval("svg.network-list a[data-org]", (as) => as.map((a) => a.getBoundingClientRect().height));
    check(rows.length > 0 && Math.min(...rows) >= 22, `a row of the network's list is ${Math.min(...rows).toFixed(1)} px high: too small to tap`);
    await page.locator("figure.network-figure").screenshot({ path: path.join(shots, "network-picture-phone.png") });
    if (exists("timeline.html")) {
      await page.goto(BASE + "timeline.html");
      const tl = await svgLabelSizes(page, "svg.timeline-axis");
      const tmin = smallest(tl);
      console.log(`       timeline at 360 px: ${tl.length} labels, smallest ${tmin.px.toFixed(1)} px ("${tmin.text}")`);
      check(tl.length >= 10 && tmin.px >= 12, `the timeline's label "${tmin.text}" is ${tmin.px.toFixed(1)} px at 360 px (${tl.length} labels)`);
      const w = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
      check(w[0] <= w[1], `timeline.html is ${w[0]} px wide at ${w[1]} px: the picture must scroll in its figure, not the page`);
      await page.locator("figure.timeline-figure").screenshot({ path: path.join(shots, "timeline-picture-phone.png") });
    }
  } finally {
    await page.context().close();
  }
});

await scenario("network at 360 px: picking an organisation names its partners and sets them apart in the picture; the pairs' table needs no sideways scrolling", async () => {
  if (!exists("network.html")) return "network.html is not in this build";
  const page = await touchPage("network.html");
  try {
    // The organisation in most pairs of the table, and its partners there (counted here).
    const expected = await page.evaluate(() => {
      const rows = [...document.querySelectorAll("table.network-table tbody tr")].map((tr) => [...tr.querySelectorAll("a")].map((a) => a.getAttribute("href")));
      const count = {};
      rows.flat().forEach((h) => (count[h] = (count[h] || 0) + 1));
      const best = Object.keys(count).sort((a, b) => count[b] - count[a])[0];
      const partners = rows.filter((r) => r.includes(best)).map((r) => (r[0] === best ? r[1] : r[0]));
      const org = document.querySelector(`svg.network-list a[href="${best}"]`).getAttribute("data-org");
      return { org, href: best, partners };
    });
    await page.selectOption("#network-pick", expected.org);
    const got = await page.evaluate(() => ({
      listed: [...document.querySelectorAll(".network-partners li a")].map((a) => a.getAttribute("href")),
      picked: [...document.querySelectorAll("svg.network-list a.picked")].map((a) => a.getAttribute("data-org")),
      partners: document.querySelectorAll("svg.network-list a.partner").length,
      lines: document.querySelectorAll("svg.network-list .network-pairs path.picked").length,
      said: document.querySelector(".network-partners p").textContent,
    }));
    const want = expected.partners.map((h) => h.split("/").pop()).sort();
    const listed = got.listed.map((h) => h.split("/").pop()).sort();
    check(JSON.stringify(listed) === JSON.stringify(want), `partners named: ${listed.join(", ")}; the table's: ${want.join(", ")}`);
    check(got.picked.length === 1 && got.picked[0] === expected.org, `picked in the picture: ${got.picked}`);
    check(got.partners === want.length && got.lines === want.length, `${got.partners} partners and ${got.lines} lines set apart, ${want.length} in the table`);
    check(new RegExp(`is named with ${want.length} organisation`).test(got.said), `"${got.said}"`);
    await page.locator("figure.network-figure").screenshot({ path: path.join(shots, "network-picked-phone.png") });
    await page.addScriptTag({ content: AXE });
    const bad = (await axe(page, true)).filter((v) => v.impact === "serious" || v.impact === "critical");
    check(bad.length === 0, `with a pick: ${bad.map((v) => `${v.impact} ${v.id}: ${v.targets.slice(0, 3).join(", ")}`).join("; ")}`);
    const table = await page.evaluate(() => {
      const box = document.querySelector("table.network-table").closest(".matrix-scroll");
      const cap = document.querySelector("table.network-table caption").getBoundingClientRect();
      return { scroll: box.scrollWidth - box.clientWidth, capRight: cap.right, width: innerWidth };
    });
    check(table.scroll <= 1 && table.capRight <= table.width, `the table of pairs scrolls sideways (${table.scroll} px) or its caption leaves the screen: ${JSON.stringify(table)}`);
  } finally {
    await page.context().close();
  }
});

await scenario("timeline at 360 px: the organisation filter changes the picture as it changes the list", async () => {
  if (!exists("timeline.html")) return "timeline.html is not in this build";
  const page = await touchPage("timeline.html");
  try {
    const counts = () =>
      page.evaluate(() => ({
        entries: document.querySelectorAll("li.timeline-entry:not([hidden])").length,
        bars: [...document.querySelectorAll("svg.timeline-axis a[href^='#meeting-']")].filter((a) => getComputedStyle(a).display !== "none").length,
      }));
    const all = await counts();
    check(all.entries === all.bars && all.bars > 5, `before filtering: ${JSON.stringify(all)}`);
    const org = await page.$$eval("#timeline-filter-org option", (os) => os.map((o) => o.value).filter(Boolean)[0]);
    await page.selectOption("#timeline-filter-org", org);
    const some = await counts();
    check(some.entries < all.entries && some.bars === some.entries, `filtered by ${org}: ${JSON.stringify(some)} of ${JSON.stringify(all)}`);
    await page.locator("figure.timeline-figure").screenshot({ path: path.join(shots, "timeline-filtered-phone.png") });
  } finally {
    await page.context().close();
  }
});

/** CIELAB lightness of a computed colour (`rgb(…)` or `color(srgb …)`). */
function lightness(css) {
  const srgb = css.startsWith("color(srgb") ? css.match(/[\d.]+/g).slice(0, 3).map(Number) : css.match(/[\d.]+/g).slice(0, 3).map((v) => v / 255);
  const lin = (c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const [r, g, b] = srgb.map(lin);
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 116 * (y > 0.008856 ? Math.cbrt(y) : 7.787 * y + 16 / 116) - 16;
}

await scenario("heat map at 360 px: the header row stays in view, its shades are steps apart in every theme, its text at least 12 px", async () => {
  if (!exists("agenda.html") || !fs.readFileSync(path.join(site, "agenda.html"), "utf8").includes("heat-map")) return "no heat map in this build";
  for (const theme of THEMES) {
    const page = await touchPage("agenda.html#matrix-caption", { theme });
    try {
      const shades = await page.$$eval(".heat-legend [class^='heat-']", (ss) => ss.map((s) => getComputedStyle(s).backgroundColor));
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const l = [lightness(bg), ...shades.map(lightness)];
      const steps = l.slice(1).map((v, i) => Math.abs(v - l[i]));
      check(shades.length === 5 && Math.min(...steps) >= 8, `${theme}: lightness of the background and the steps ${l.map((v) => v.toFixed(1)).join(", ")}: steps under 8 apart`);
      if (theme !== "light") continue;
      const sizes = await page.$$eval("table.agenda-matrix th, table.agenda-matrix td, .heat-legend span", (cs) => cs.map((c) => parseFloat(getComputedStyle(c).fontSize)));
      check(Math.min(...sizes) >= 12, `a heat map's text is ${Math.min(...sizes)} px`);
      const stuck = await page.evaluate(async () => {
        const box = document.querySelector(".matrix-scroll:has(> table.agenda-matrix)");
        box.scrollIntoView();
        box.scrollTop = 600;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const head = box.querySelector("thead th:nth-child(2)").getBoundingClientRect();
        const b = box.getBoundingClientRect();
        return { scrolled: box.scrollTop, headTop: head.top, boxTop: b.top, inView: head.top >= 0 && head.bottom <= innerHeight };
      });
      check(stuck.scrolled > 0 && Math.abs(stuck.headTop - stuck.boxTop) <= 2 && stuck.inView, `the header row does not stay in view: ${JSON.stringify(stuck)}`);
      await page.screenshot({ path: path.join(shots, "heat-map-phone-scrolled.png") });
    } finally {
      await page.context().close();
    }
  }
});

const FIRST_LOAD_BUDGET = 120 * 1024; // a chapter's first load on a phone, gzip transfer bytes (issue 28)
/** What a first visit of `rel` on a phone transfers: requests, transfer and raw bytes, files. */
async function firstLoad(rel) {
  const page = await touchPage(null);
  try {
    await page.goto(BASE + rel, { waitUntil: "load" });
    await page.waitForLoadState("networkidle");
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      const res = performance.getEntriesByType("resource");
      return {
        requests: 1 + res.length,
        bytes: nav.transferSize + res.reduce((a, e) => a + e.transferSize, 0),
        raw: nav.decodedBodySize + res.reduce((a, e) => a + e.decodedBodySize, 0),
        files: res.map((e) => new URL(e.name).pathname.slice(1)),
      };
    });
  } finally {
    await page.context().close();
  }
}

await scenario(`weight: a chapter's first load on a phone is at most ${FIRST_LOAD_BUDGET / 1024} KB gzip; code highlighting and page-specific files only where used`, async () => {
  const w = await firstLoad(CHAPTER);
  console.log(`       ${CHAPTER} first load: ${w.requests} requests, ${(w.bytes / 1024).toFixed(1)} KB transferred (gzip), ${(w.raw / 1024).toFixed(1)} KB raw`);
  check(w.bytes <= FIRST_LOAD_BUDGET, `${(w.bytes / 1024).toFixed(1)} KB transferred (budget ${FIRST_LOAD_BUDGET / 1024} KB): ${w.files.join(", ")}`);
  const extra = w.files.filter((f) => /(^|\/)(highlight|clipboard|tomorrow-night|ayu-highlight)[-.]|theme\/(timeline|pictures)-|\.woff2$/.test(f));
  check(extra.length === 0, `a chapter of prose loads ${extra.join(", ")}`);
  const need = [
    ["timeline.html", /theme\/timeline-[0-9a-f]+\.(css|js)$/, 2],
    ["agenda.html", /theme\/pictures-[0-9a-f]+\.(css|js)$/, 2],
    ["network.html", /theme\/pictures-[0-9a-f]+\.(css|js)$/, 2],
  ];
  for (const [rel, file, n] of need.filter(([rel]) => exists(rel))) {
    const got = (await firstLoad(rel)).files.filter((f) => file.test(f)).length;
    check(got === n, `${rel} loads ${got} of its ${n} files matching ${file}`);
  }
});

await scenario("print: page 1 keeps no web-only button or cards; phone: the menu bar shows the title readably, h1 and h2 differ", async () => {
  for (const rel of ["index.html", "print.html"]) {
    const page = await open(rel);
    await page.emulateMedia({ media: "print" });
    const shown = await page.$$eval(".landing-start, .entry-points", (es) => es.filter((e) => getComputedStyle(e).display !== "none").map((e) => e.className));
    check(shown.length === 0, `${rel} prints ${shown.join(", ")}`);
    await page.close();
  }
  const page = await open("index.html", { viewport: PHONE });
  const t = await page.evaluate(() => {
    const h = document.querySelector(".menu-title");
    const short = h.querySelector(".report-title-short");
    const shown = [...h.querySelectorAll("span")].filter((s) => getComputedStyle(s).display !== "none");
    return {
      text: (shown.length ? shown : [h]).map((s) => s.textContent).join(""),
      // The book's short title (book.toml's `short-title`) where it has one, else its title.
      want: short ? short.textContent : h.textContent,
      cut: h.scrollHeight > h.clientHeight + 1 || h.scrollWidth > h.clientWidth + 1,
      size: parseFloat(getComputedStyle(h).fontSize),
    };
  });
  check(t.text === t.want && !t.cut && t.size >= 12, `the phone's menu bar shows "${t.text}" (want "${t.want}", cut: ${t.cut}, ${t.size} px)`);
  await page.screenshot({ path: path.join(shots, "header-phone.png") });
  for (const rel of ["index.html", "agenda.html"]) {
    await page.goto(BASE + rel);
    const s = await page.evaluate(() => ["h1", "h2"].map((h) => parseFloat(getComputedStyle(document.querySelector(`main ${h}`)).fontSize)));
    check(s[0] > s[1] + 1, `${rel} at 360 px: h1 ${s[0]} px, h2 ${s[1]} px`);
  }
  await page.close();
});

await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: BASE.slice(0, -1) });

await scenario("cite this: BibTeX, RIS and CSL-JSON of the page, with the paragraph's address when cited from it; copy and download", async () => {
  const para = "p-to-protect-migrants-at-all-stages";
  const page = await open(`${CHAPTER}#${para}`);
  const canonical = await page.getAttribute('link[rel="canonical"]', "href");
  check(canonical && canonical.endsWith("/" + CHAPTER), `canonical ${canonical}`);
  const metas = await page.$$eval('meta[name^="citation_"]', (ms) => ms.map((m) => m.name));
  for (const m of ["citation_title", "citation_inbook_title", "citation_author", "citation_publication_date"]) {
    check(metas.includes(m), `no ${m}`);
  }
  await page.click("details.report-cite summary");
  const f = await page.$$eval("figure.report-cite-format", (fs) => Object.fromEntries(fs.map((x) => [x.dataset.format, x.querySelector("pre").textContent])));
  const url = `${canonical}#${para}`;
  check(/^@incollection\{gmg2014-protect-human-rights,\n/.test(f.bibtex) && f.bibtex.includes(`  url = {${url}},`) && f.bibtex.includes("  year = {2014},"), `BibTeX:\n${f.bibtex}`);
  check(f.ris.startsWith("TY  - CHAP\n") && f.ris.includes(`\nUR  - ${url}\n`) && f.ris.trimEnd().endsWith("ER  -"), `RIS:\n${f.ris}`);
  const csl = JSON.parse(f["csl-json"]);
  check(csl[0].type === "chapter" && csl[0].URL === url && csl[0].issued["date-parts"][0][0] === 2014, `CSL-JSON:\n${f["csl-json"]}`);
  check(/Citing the paragraph “To protect migrants at all stages/.test(await page.textContent("details.report-cite")), "the citation does not say which paragraph");
  await page.click('details.report-cite button[aria-label="Copy RIS"]');
  await page.waitForFunction(() => /RIS copied/.test(document.querySelector(".report-status")?.textContent || ""));
  check((await page.evaluate(() => navigator.clipboard.readText())) === f.ris, "the clipboard does not hold the RIS");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click('details.report-cite button[aria-label="Download BibTeX"]')]);
  check(download.suggestedFilename() === "gmg2014-protect-human-rights.bib", `downloaded ${download.suggestedFilename()}`);
  const file = fs.readFileSync(await download.path(), "utf8");
  check(file === f.bibtex, "the downloaded BibTeX differs from the one shown");
  await page.close();
});

await scenario("permalinks: every paragraph has one, shown on hover and on focus; it copies the paragraph's address", async () => {
  const page = await open(CHAPTER);
  const counts = await page.evaluate(() => ({
    paragraphs: document.querySelectorAll("main > p:not([class])").length,
    linked: document.querySelectorAll("main > p:not([class]) > a.permalink").length,
  }));
  check(counts.paragraphs > 3 && counts.linked === counts.paragraphs, `${counts.linked} of ${counts.paragraphs} paragraphs have a permalink`);
  const opacity = (sel) => page.$eval(sel, (a) => getComputedStyle(a).opacity);
  const first = "main > p:not([class]) > a.permalink";
  check((await opacity(first)) === "0", "the permalink shows before hover or focus");
  await page.hover("main > p:not([class])");
  await page.waitForTimeout(300);
  check((await opacity(first)) === "1", "hover does not show the permalink");
  await page.mouse.move(2, 700);
  let id = null;
  for (let i = 0; i < 120 && !id; i++) {
    await page.keyboard.press("Tab");
    id = await page.evaluate(() => (document.activeElement.matches("a.permalink") ? document.activeElement.getAttribute("href").slice(1) : null));
  }
  check(id, "no permalink reached with Tab");
  await page.waitForTimeout(300);
  check((await page.evaluate(() => getComputedStyle(document.activeElement).opacity)) === "1", "focus does not show the permalink");
  check((await page.evaluate(() => document.activeElement.getAttribute("aria-label"))) === "Link to this paragraph", "no accessible name");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => /copied/.test(document.querySelector(".report-status")?.textContent || ""));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  check(copied === `${BASE}${CHAPTER}#${id}`, `copied ${copied}`);
  check(page.url().endsWith(`#${id}`), `the address is ${page.url()}`);
  await page.close();
});

await scenario("sidebar: the organisation pages fold under their index; chapters stay in view on a phone", async () => {
  const page = await open(CHAPTER, { viewport: PHONE });
  await page.click("#mdbook-sidebar-toggle");
  await page.waitForFunction(() => document.documentElement.classList.contains("sidebar-visible"));
  const fold = page.locator("#mdbook-sidebar .report-fold");
  check((await fold.count()) === 1, `${await fold.count()} fold buttons`);
  check((await fold.getAttribute("aria-expanded")) === "false", "the organisations are unfolded on a chapter");
  check(!(await page.locator('#mdbook-sidebar a[href$="agencies/unicef.html"]').isVisible()), "an organisation is listed while folded");
  const last = page.locator('#mdbook-sidebar a[href$="endnotes.html"]');
  check(await last.isVisible(), "the endnotes are not listed");
  await fold.focus();
  await page.keyboard.press("Enter");
  check((await fold.getAttribute("aria-expanded")) === "true", "Enter does not unfold");
  check(await page.locator('#mdbook-sidebar a[href$="agencies/unicef.html"]').isVisible(), "unfolded, UNICEF is not listed");
  check(/^Hide the \d+ pages of /.test(await fold.getAttribute("aria-label")), `label ${await fold.getAttribute("aria-label")}`);
  await page.goto(BASE + "agencies/unicef.html");
  check((await page.locator("#mdbook-sidebar .report-fold").getAttribute("aria-expanded")) === "true", "on an organisation's page its list is folded");
  await page.close();
});

// ---------------------------------------------------------------------------------- axe

function allPages(dir = site, rel = "") {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...allPages(path.join(dir, e.name), `${rel}${e.name}/`));
    else if (e.name.endsWith(".html")) out.push(rel + e.name);
  }
  return out.sort();
}

/** axe's WCAG 2.1 A/AA rules, and its best practices when `bestPractice`. */
async function axe(page, bestPractice) {
  return page.evaluate(async (bestPractice) => {
    const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
    const r = await window.axe.run(document, {
      runOnly: { type: "tag", values: bestPractice ? [...tags, "best-practice"] : tags },
      resultTypes: ["violations"],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
  }, bestPractice);
}

const axeCounts = {};
const AXE_WORKERS = 2;
/** axe over `pages` in `theme` at `viewport`, two pages at a time. */
async function axeOver(pages, theme, viewport, label, bestPractice = true) {
  const failures = [];
  const queue = [...pages];
  const worker = async () => {
    const page = await open(null, { theme, viewport });
    await page.addInitScript({ content: AXE });
    for (let rel; (rel = queue.shift()) !== undefined; ) {
      await page.goto(BASE + rel, { waitUntil: "domcontentloaded" });
      for (const v of await axe(page, bestPractice)) {
        const key = `${v.impact} ${v.id}`;
        axeCounts[key] = (axeCounts[key] || 0) + v.targets.length;
        if (v.impact === "serious" || v.impact === "critical") {
          failures.push(`  ${rel} [${label}] ${v.impact} ${v.id}: ${v.help}\n      ${v.targets.slice(0, 5).join("\n      ")}`);
        }
      }
    }
    await page.close();
  };
  await Promise.all(Array.from({ length: Math.min(AXE_WORKERS, pages.length) }, worker));
  failures.sort();
  check(failures.length === 0, `${failures.length} serious or critical violations:\n${failures.join("\n")}`);
}

const every = allPages();
// Every page against WCAG 2.1 AA; axe's best-practice rules (slower, not WCAG) on the samples.
await scenario(`axe: all ${every.length} pages, light theme, desktop`, () =>
  axeOver(every, "light", DESKTOP, "light", false),
);
const sample = THEME_SAMPLE.filter(exists);
for (const theme of THEMES.filter((t) => t !== "light")) {
  await scenario(`axe: ${sample.length} pages, ${theme} theme`, () => axeOver(sample, theme, DESKTOP, theme));
}
await scenario(`axe: ${sample.length} pages at phone width`, () => axeOver(sample, "light", PHONE, "phone"));

// ---------------------------------------------------------------------------------- screenshots

await scenario("screenshots (desktop 1280×800, phone 360×740)", async () => {
  const targets = [
    ["landing", "index.html"],
    ["unicef", "agencies/unicef.html"],
    ["timeline", "timeline.html"],
    ["chapter-2-1", "protect-human-rights.html"],
    ["agenda-matrix", "agenda.html#matrix-caption"],
    ["endnotes", "endnotes.html#note-iv"],
    ["documents", "documents.html"],
  ];
  const written = [];
  for (const [name, rel] of targets) {
    if (!exists(rel.split("#")[0])) {
      console.log(`       (no ${rel} in this build: no ${name} screenshots)`);
      continue;
    }
    for (const [vp, size] of [["desktop", DESKTOP], ["phone", PHONE]]) {
      const page = await open(rel, { viewport: size });
      await page.waitForTimeout(200);
      const file = path.join(shots, `${name}-${vp}.png`);
      await page.screenshot({ path: file });
      written.push(file);
      if (name === "landing") {
        const full = path.join(shots, `${name}-${vp}-full.png`);
        await page.screenshot({ path: full, fullPage: true });
        written.push(full);
      }
      await page.close();
    }
  }
  for (const theme of ["coal", "rust"]) {
    const page = await open("protect-human-rights.html#p-to-protect-migrants-at-all-stages", { theme });
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(shots, `chapter-2-1-${theme}.png`) });
    await page.close();
  }
  console.log(`       ${written.length + 3} screenshots in ${shots}`);
});

// ------------------------------------------------------------- search: typos, phrases, ranking
// (issue 28, the readers' data half). The same questions as tests/testsuite/search.rs asks the
// built index, asked here of the client (theme/search.js).

/** Searches `query` (opening search with `s` on `page` if needed); returns the results' hrefs
 * and teasers once every result listed has arrived. */
async function searchResults(page, query) {
  if (await page.isHidden("#mdbook-search-wrapper")) {
    await page.keyboard.press("s");
    await page.waitForSelector("#mdbook-searchbar", { state: "visible" });
  }
  await page.fill("#mdbook-searchbar", query);
  await page.waitForFunction(
    (q) => document.getElementById("mdbook-searchresults-header").textContent.includes(`'${q}'`),
    query.trim()
  );
  await page.waitForFunction(() => !document.querySelector("#mdbook-searchresults li.report-search-pending"));
  return page.$$eval("#mdbook-searchresults li", (ls) =>
    ls.map((l) => ({ href: l.querySelector("a").getAttribute("href"), teaser: l.querySelector(".teaser").innerHTML }))
  );
}

await scenario("search: one typo forgiven, never in the first letter; the chapter about a word first", async () => {
  const page = await open("index.html");
  for (const q of ["trafficking", "traffiking", "tarfficking", "traffik"]) {
    const found = await searchResults(page, q);
    check(found.length > 0 && found[0].href === "eliminate-exploitation.html", `"${q}": first ${found[0] && found[0].href}`);
    check(/<em>trafficking<\/em>/i.test(found[0].teaser), `"${q}": the teaser marks no match: ${found[0].teaser}`);
  }
  for (const q of ["rtafficking", "trafiking ", "tdae "]) {
    const found = await searchResults(page, q);
    check(found.length === 0, `"${q}" found ${found.map((f) => f.href).join(", ")}`);
  }
  for (const [q, first] of [["stranded", "stranded-migrants.html"], ["costs", "reduce-costs.html"], ["UNHCR", "agencies/unhcr.html"]]) {
    const found = await searchResults(page, q);
    check(found[0].href === first, `"${q}": first ${found[0].href}, not ${first}`);
  }
  await page.close();
});

await scenario('search: "quoted phrases" match as phrases, typographic quotes too', async () => {
  const page = await open("index.html");
  const count = async () => Number((await page.textContent("#mdbook-searchresults-header")).split(" ")[0]);
  const phrase = await searchResults(page, '"human trafficking"');
  const inPhrase = await count();
  await searchResults(page, "human trafficking ");
  const apart = await count();
  check(inPhrase > 0 && inPhrase < apart, `${inPhrase} results for the phrase, ${apart} for the words`);
  check(phrase[0].href === "eliminate-exploitation.html", `first ${phrase[0].href}`);
  const curly = await searchResults(page, "“human trafficking”");
  check(JSON.stringify(curly.map((r) => r.href)) === JSON.stringify(phrase.map((r) => r.href)), "typographic quotes differ");
  check((await searchResults(page, '"trafficking human"')).length === 0, "words in another order matched the phrase");
  check(/No search results/.test(await page.textContent("#mdbook-searchresults-header")), "no 'No search results'");
  // "the" is in most records: not checked for its place, the phrase's rarer words are.
  await searchResults(page, '"the Global Migration Group"');
  const group = await count();
  await searchResults(page, "the group migration global ");
  const scattered = await count();
  check(group > 0 && group < scattered, `${group} results for the phrase, ${scattered} for its words in any order`);
  await page.close();
});

await scenario("search: an organisation's result reads as its facts, not a run-on", async () => {
  const page = await open("index.html");
  const found = await searchResults(page, "UNHCR");
  const text = found[0].teaser.replace(/<[^>]+>/g, "");
  check(/Acronym: UNHCR\. Kind: UN fund or programme\./.test(text), `teaser: ${text}`);
  check(!/Acronym UNHCR Kind/.test(text), `run-on teaser: ${text}`);
  await page.close();
});

await scenario("search at 360 px with touch: the results come first, two above the fold; the filters fold behind one button", async () => {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  try {
    const ctx = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
    await ctx.route((url) => !url.href.startsWith(BASE), (route) => route.abort());
    const page = await ctx.newPage();
    page.on("pageerror", (e) => pageErrors.push(`touch search: ${e.message}`));
    await page.goto(BASE + "protect-human-rights.html");
    await page.locator("#mdbook-search-toggle").tap();
    await page.waitForSelector("#mdbook-searchbar", { state: "visible" });
    await page.locator("#mdbook-searchbar").fill("migrants");
    await page.waitForFunction(() => /results? for 'migrants'/.test(document.getElementById("mdbook-searchresults-header").textContent));
    await page.waitForFunction(() => !document.querySelector("#mdbook-searchresults li.report-search-pending"));
    const boxes = await page.$$eval("#mdbook-searchresults li", (ls) => ls.slice(0, 2).map((l) => l.getBoundingClientRect().toJSON()));
    const height = await page.evaluate(() => innerHeight);
    check(boxes.length === 2 && boxes[1].bottom <= height, `the second result ends at ${boxes[1] && Math.round(boxes[1].bottom)} px, the screen at ${height}`);
    const fold = page.locator(".report-search-fold");
    check(await fold.isVisible(), "no Filters button on a phone");
    check(await page.isHidden(".report-search-kinds"), "the kind filters are not folded");
    await page.screenshot({ path: path.join(shots, "search-phone-results.png") });
    await fold.tap();
    check((await fold.getAttribute("aria-expanded")) === "true", "the Filters button does not say it is open");
    await page.locator('.report-search-kinds button[data-kind="chapter"]').tap();
    await page.waitForFunction(() => /\(1 on\)/.test(document.querySelector(".report-search-fold").textContent));
    const hrefs = await page.$$eval("#mdbook-searchresults li > a", (as) => as.map((a) => a.getAttribute("href")));
    check(hrefs.length > 0 && hrefs.every((h) => !/^(agencies|timeline|agenda)/.test(h)), `not only chapters: ${hrefs.join(", ")}`);
    await page.screenshot({ path: path.join(shots, "search-phone-filters.png") });
    // At a desktop width the filters are out, and no fold button.
    await page.setViewportSize(DESKTOP);
    await fold.waitFor({ state: "hidden", timeout: 3000 }).catch(() => {});
    check(await fold.isHidden(), "a Filters button at 1280 px");
    check(await page.isVisible(".report-search-kinds"), "the filters are hidden at 1280 px");
    await ctx.close();
  } finally {
    await browser.close();
  }
});

await scenario("no JavaScript errors on the pages visited", async () => {
  check(pageErrors.length === 0, pageErrors.join("\n"));
});

// ---------------------------------------------------------------------------------- summary

await context.close();
if (touchBrowser) await touchBrowser.close();
server.close();
fs.rmSync(profile, { recursive: true, force: true });
const summary = Object.entries(axeCounts)
  .sort()
  .map(([k, n]) => `${k}: ${n}`)
  .join(", ");
console.log(`axe findings by impact and rule (nodes, all runs): ${summary || "none"}`);
const n = (s) => results.filter((r) => r === s).length;
console.log(`${n("passed")} passed, ${n("failed")} failed, ${n("skipped")} skipped`);
process.exit(n("failed") ? 1 : 0);
