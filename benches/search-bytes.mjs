// Bytes a search costs a reader: `node benches/search-bytes.mjs SITE_DIR MODE QUERY [--type-delay MS]`.
//
// Serves SITE_DIR on 127.0.0.1 without compression (the worst case: most hosts gzip JSON and
// JavaScript), opens index.html in Debian's Chromium and counts every byte transferred (headers
// and bodies, from playwright's request sizes) from opening search to the first result on screen,
// plus the search scripts the page itself loaded (they are part of search's cost even if cached).
//
// MODE `ours`: the site's own search (theme/search.js): presses `s`, types QUERY a key at a time
// (--type-delay, default 150 ms, slower than the search's debounce: every prefix is searched, as
// for a reader typing), waits for the first result link, then for the network to settle (the
// first page of results is complete).
// MODE `pagefind`: a Pagefind bundle in SITE_DIR/pagefind (written by benches/pagefind-probe):
// loads pagefind.js as its own UI would, searches QUERY once, loads the data (fragment) of the
// first five results, as Pagefind's UI shows five at first.
//
// Prints one JSON line: {mode, query, bytes, requests: [{url, bytes}], first: url of the first result}.
// Uses tests/browser's playwright-core (npm ci --prefix tests/browser).

import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "..", "tests", "browser", "package.json"));
const { chromium } = require("playwright-core");

const [siteArg, mode, query] = process.argv.slice(2);
const delayAt = process.argv.indexOf("--type-delay");
const typeDelay = delayAt > 0 ? Number(process.argv[delayAt + 1]) : 150;
if (!siteArg || !["ours", "pagefind"].includes(mode) || !query) {
  console.error("usage: search-bytes.mjs SITE_DIR ours|pagefind QUERY [--type-delay MS]");
  process.exit(2);
}
const site = path.resolve(siteArg);
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
};
const server = http.createServer((req, res) => {
  let rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (rel.endsWith("/")) rel += "index.html";
  const file = path.join(site, path.normalize(rel));
  fs.readFile(file, (err, data) => {
    if (err || !file.startsWith(site + path.sep)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    res.end(data);
  });
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const BASE = `http://127.0.0.1:${server.address().port}/`;

const profile = fs.mkdtempSync(path.join(os.tmpdir(), "search-bytes-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.MDBOOK_REPORT_CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const page = await context.newPage();
let counting = false;
const counted = [];
const pending = new Set();
page.on("request", (req) => {
  if (counting) pending.add(req);
});
page.on("requestfinished", async (req) => {
  const preloaded = mode === "ours" && /\/theme\/search[^/]*\.js$/.test(new URL(req.url()).pathname);
  if (!counting && !preloaded) return;
  const s = await req.sizes();
  counted.push({ url: req.url().slice(BASE.length), bytes: s.responseBodySize + s.responseHeadersSize });
  pending.delete(req);
});
await page.goto(BASE + "index.html");
await page.waitForLoadState("networkidle");
counting = true;
let first;
if (mode === "ours") {
  await page.keyboard.press("s");
  await page.waitForSelector("#mdbook-searchbar", { state: "visible" });
  await page.keyboard.type(query, { delay: typeDelay });
  const link = page.locator("#mdbook-searchresults li a").first();
  await link.waitFor({ state: "visible", timeout: 30000 });
  first = await link.getAttribute("href");
} else {
  first = await page.evaluate(async (q) => {
    const pagefind = await import("./pagefind/pagefind.js");
    await pagefind.options({ bundlePath: "./pagefind/" });
    await pagefind.init();
    const search = await pagefind.search(q);
    const data = await Promise.all(search.results.slice(0, 5).map((r) => r.data()));
    return data[0] && data[0].url;
  }, query);
}
await page.waitForLoadState("networkidle");
const bytes = counted.reduce((a, r) => a + r.bytes, 0);
console.log(JSON.stringify({ mode, query, bytes, first, requests: counted }));
await context.close();
server.close();
fs.rmSync(profile, { recursive: true, force: true });
