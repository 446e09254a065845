// `npm run bench`: binhluan in headless Chromium, measured side by side with linkify-it and
// linkifyjs. Prints one markdown table, writes it with where it came from to
// docs/benchmarks-results.md (the results the docs link to), and every figure to
// target/bench/bench.json. The method and the budgets: docs/benchmarks.md.
//
//   npm run bench                  # everything (about a minute)
//   BENCH_LOADS=15 npm run bench   # more cold loads for the start-up median
//   BENCH_WIDGET=DIR npm run bench # another build of the widget folder (size experiments)
//   BENCH_RESULTS=FILE npm run bench  # the results page elsewhere (experiments leave the docs' page alone)
//   BENCH_READER_LOADS=9 npm run bench  # more cold loads per profile for the reader's wait (default 5)
//   BENCH_ONLY=reader npm run bench   # the reader's wait and the weight alone (loading-path experiments)
import { execFileSync, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { extname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { readerWait } from "./reader.mjs";
import { LINK, texts } from "./texts.mjs";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const LOADS = Number(process.env.BENCH_LOADS ?? 9);
const READER_LOADS = Number(process.env.BENCH_READER_LOADS ?? 5);
const ONLY_READER = process.env.BENCH_ONLY === "reader";
// Another build of the widget folder to measure (size experiments), instead of www/binhluan/.
const WIDGET = process.env.BENCH_WIDGET || join(repo, "www/binhluan/");
const RESULTS = process.env.BENCH_RESULTS || join(repo, "docs/benchmarks-results.md");

// The budgets (docs/benchmarks.md, "Budgets").
const BUDGET = {
  loaderGzip: 1024,
  // This step's budget; 35 KB stays the goal after it.
  widgetGzip: 60 * 1024,
  startupMs: 150,
  check1kP95Ms: 0.05,
  check100kMs: 5,
  linkifyItRatio: 0.5, // binhluan / linkify-it from 1,000 characters up (and < 1 at 100)
  linearFactor: 2, // ns per character at 100,000 at most twice that at 1,000
};

if (!process.env.BENCH_WIDGET && !existsSync(join(WIDGET, "binhluan_core_bg.wasm"))) {
  console.error("www/binhluan/ is missing: building the release widget (bash .ci/build)");
  // npm's wasm-opt (binaryen) and terser first on PATH, as under `npm run build`.
  const PATH = `${join(repo, "node_modules/.bin")}:${process.env.PATH}`;
  const built = spawnSync("bash", [".ci/build"], { cwd: repo, stdio: "inherit", env: { ...process.env, PATH } });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

// A static server on 127.0.0.1: the built widget, the bench pages and the two JS detectors.
const routes = [
  ["/binhluan/", WIDGET],
  ["/bench/", "benches/browser/"],
  ["/node_modules/linkify-it/", "node_modules/linkify-it/"],
  ["/node_modules/uc.micro/", "node_modules/uc.micro/"],
  ["/node_modules/linkifyjs/", "node_modules/linkifyjs/"],
  ["/node_modules/tlds/", "node_modules/tlds/"],
];
const types = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json", ".wasm": "application/wasm" };
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  const route = routes.find(([prefix]) => path.startsWith(prefix));
  const dir = route && join(route[1] === WIDGET ? "" : repo, route[1]);
  const file = route && normalize(join(dir, path.slice(route[0].length)));
  if (!file || !file.startsWith(dir) || !existsSync(file)) {
    res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
    return;
  }
  res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
  res.end(readFileSync(file));
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});

/** A page in a fresh context (empty cache: a cold load), failing on any page error. */
async function freshPage() {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  page.on("pageerror", (e) => {
    throw new Error(`page error: ${e}`);
  });
  return { context, page };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

// 5. Weight: every file under /binhluan/ the page downloads, before and after the reader
// comes to the box.
async function weight() {
  const { context, page } = await freshPage();
  const files = [];
  const bodies = [];
  let phase = "every page view";
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith("/binhluan/")) return;
    const file = { file: url.pathname.slice("/binhluan/".length), phase };
    files.push(file);
    bodies.push(
      response.body().then((body) =>
        Object.assign(file, {
          raw: body.length,
          gzip: gzipSync(body, { level: 9 }).length,
          brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
        }),
      ),
    );
  });
  await page.goto(`${origin}/bench/weight.html`, { waitUntil: "networkidle" });
  await page.waitForTimeout(300);
  const loadedEarly = await page.evaluate(() => "binhluan" in window);
  phase = "when the reader comes to the box";
  await page.locator("#box").scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.getElementById("box").shadowRoot?.querySelector("textarea"));
  await page.waitForLoadState("networkidle");
  await Promise.all(bodies);
  await context.close();
  return { files, loadedEarly };
}

// 4. Start-up, cold loads.
async function startup() {
  const runs = [];
  for (let i = 0; i < LOADS; i++) {
    const { context, page } = await freshPage();
    await page.goto(`${origin}/bench/startup.html`);
    runs.push(await page.evaluate(() => window.startup));
    await context.close();
  }
  return { runs, median: median(runs.map((r) => r.ms)), readyMedian: median(runs.map((r) => r.readyMs)) };
}

async function benchPage() {
  const { context, page } = await freshPage();
  await page.goto(`${origin}/bench/bench.html`);
  await page.waitForFunction(() => window.benchReady === true);
  return { context, page };
}

// 6. Memory: a fresh page, after mounting and after checking the 100,000-character text.
async function memory(largest) {
  const { context, page } = await benchPage();
  const afterMount = await page.evaluate(() => window.bench.memory());
  await page.evaluate((t) => window.bench.checkOnce(t), largest);
  const afterLargest = await page.evaluate(() => window.bench.memory());
  await context.close();
  return { afterMount, afterLargest };
}

// 1-3. check() vs linkify-it vs linkifyjs, and end to end, in one page.
async function timings(all) {
  const { context, page } = await benchPage();
  const rows = [];
  const fixed = await page.evaluate(() => window.bench.fixedCost());
  for (const { size, links, text } of all) {
    const d = await page.evaluate((t) => window.bench.detectors(t), text);
    const e = await page.evaluate((t) => window.bench.endToEnd(t), text);
    if (e.changes !== e.events) throw new Error(`end to end at ${size}: ${e.events} inputs but ${e.changes} verdicts shown`);
    rows.push({ size, links, chars: text.length, detectors: d, endToEnd: e });
  }
  await context.close();
  return { rows, fixed };
}

const all = texts();
const result = { when: new Date().toISOString(), chromium: browser.version(), budgets: BUDGET };
try {
  result.weight = await weight();
  result.reader = await readerWait(browser, repo, WIDGET, READER_LOADS);
  if (!ONLY_READER) {
    result.startup = await startup();
    result.memory = await memory(all.at(-1).text);
    ({ rows: result.timings, fixed: result.checkFixedCost } = await timings(all));
  }
} finally {
  await browser.close();
  server.close();
}

// The table.
const ms = (x) => (x < 0.01 ? x.toFixed(4) : x < 1 ? x.toFixed(3) : x.toFixed(2));
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const verdict = (ok) => (ok ? "✓ met" : "✗ **MISSED**");
const lines = ["| measurement | value | budget | status |", "|---|---|---|---|"];
const row = (what, value, budget = "", status = "") => lines.push(`| ${what} | ${value} | ${budget} | ${status} |`);
const checks = [];
const judge = (name, ok) => (checks.push({ name, ok }), verdict(ok));

for (const r of result.timings ?? []) {
  const label = `${r.size.toLocaleString("en")} chars${r.links ? ", 1 link" : ""}`;
  const b = r.detectors.binhluan, li = r.detectors.linkifyIt, lj = r.detectors.linkifyjs;
  const nsPerChar = ((b.median * 1e6) / r.chars).toFixed(0);
  let budget = "", status = "";
  if (r.size === 1_000) (budget = "p95 ≤ 0.05 ms"), (status = judge(`check p95 at 1,000${r.links ? " with a link" : ""}`, b.p95 <= BUDGET.check1kP95Ms));
  if (r.size === 100_000) (budget = "p95 ≤ 5 ms"), (status = judge(`check at 100,000${r.links ? " with a link" : ""}`, b.p95 <= BUDGET.check100kMs));
  row(`1. check() ${label}`, `median ${ms(b.median)} ms, p95 ${ms(b.p95)} ms (${nsPerChar} ns/char; ${r.detectors.found.binhluan.length === 1 ? "1 link" : `${r.detectors.found.binhluan.length} links`} found, ${r.detectors.found.words} words)`, budget, status);
  const ratio = b.median / li.median;
  const ratioBudget = r.size >= 1_000 ? BUDGET.linkifyItRatio : 1;
  row(`2. linkify-it ${label}`, `median ${ms(li.median)} ms, p95 ${ms(li.p95)} ms; binhluan/linkify-it = ${ratio.toFixed(2)}`, `ratio ${r.size >= 1_000 ? "≤ 0.5" : "< 1"}`, judge(`ratio to linkify-it at ${r.size}${r.links ? " with a link" : ""}`, r.size >= 1_000 ? ratio <= ratioBudget : ratio < ratioBudget));
  row(`2. linkifyjs ${label}`, `median ${ms(lj.median)} ms, p95 ${ms(lj.p95)} ms; binhluan/linkifyjs = ${(b.median / lj.median).toFixed(2)}`);
  row(`3. input → checklist ${label}`, `median ${ms(r.endToEnd.median)} ms, p95 ${ms(r.endToEnd.p95)} ms`);
}
if (!ONLY_READER) timingRows();
function timingRows() {
row("1. check() of an empty text (the fixed cost of a call)", `median ${ms(result.checkFixedCost.median)} ms, p95 ${ms(result.checkFixedCost.p95)} ms`);
for (const links of [false, true]) {
  const at = (size) => result.timings.find((r) => r.size === size && r.links === links);
  const perChar = (r) => r.detectors.binhluan.median / r.chars;
  const factor = perChar(at(100_000)) / perChar(at(1_000));
  row(`1. linear in length${links ? ", 1 link" : ""}`, `time per char at 100,000 = ${factor.toFixed(2)} × at 1,000`, "≤ 2 ×", judge(`linear${links ? " with a link" : ""}`, factor <= BUDGET.linearFactor));
}
const s = result.startup;
row("4. start-up (loading starts → box mounted with live rules)", `median ${s.median.toFixed(1)} ms of ${s.runs.length} cold loads (wasm ready at ${s.readyMedian.toFixed(1)} ms)`, "≤ 150 ms", judge("start-up", s.median <= BUDGET.startupMs));
}
const w = result.weight;
for (const f of w.files) row(`5. weight: ${f.file} (${f.phase})`, `${f.raw} B raw, ${f.gzip} B gzip, ${f.brotli} B brotli`);
const total = (phase) => w.files.filter((f) => !phase || f.phase === phase).reduce((t, f) => ({ gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }), { gzip: 0, brotli: 0 });
const early = total("every page view"), all_ = total();
const onlyLoader = !w.loadedEarly && w.files.every((f) => f.phase !== "every page view" || f.file === "binhluan.js");
row("5. weight: every page view", `${kb(early.gzip)} gzip, ${kb(early.brotli)} brotli${onlyLoader ? " (the loader alone)" : " (the widget loaded before the reader came near the box!)"}`, "≤ 1 KB gzip", judge("every page view", early.gzip <= BUDGET.loaderGzip && onlyLoader));
row("5. weight: whole widget once loaded", `${kb(all_.gzip)} gzip, ${kb(all_.brotli)} brotli`, "≤ 60 KB gzip (goal 35 KB)", judge("whole widget", all_.gzip <= BUDGET.widgetGzip));
if (!ONLY_READER) {
  row("6. wasm memory after mounting", kb(result.memory.afterMount));
  row("6. wasm memory after checking 100,000 chars", kb(result.memory.afterLargest));
}
for (const r of result.reader) {
  const spread = (key) => `${Math.round(Math.min(...r.runs.map((x) => x[key])))}–${Math.round(Math.max(...r.runs.map((x) => x[key])))}`;
  const budget = r.budgetMs === null ? "" : `≤ ${r.budgetMs.toLocaleString("en")} ms`;
  const status = r.budgetMs === null ? "" : judge(`ready, ${r.profile}`, r.readyMedian <= r.budgetMs);
  row(`7. scroll → box ready, ${r.profile}`, `median ${Math.round(r.readyMedian).toLocaleString("en")} ms of ${r.runs.length} cold loads (${spread("readyMs")})`, budget, status);
  row(`7. scroll → first comments listed, ${r.profile}`, `median ${Math.round(r.listedMedian).toLocaleString("en")} ms (${spread("listedMs")})`);
}
result.checks = checks;

// The detectors must agree on what they time: the one link, or nothing.
const notes = [];
for (const r of result.timings ?? []) {
  const expected = r.links ? [LINK] : [];
  for (const [name, found] of Object.entries(r.detectors.found)) {
    if (name !== "words" && JSON.stringify(found) !== JSON.stringify(expected))
      notes.push(`note: at ${r.size}${r.links ? " with a link" : ""}, ${name} found ${JSON.stringify(found)}`);
  }
}
result.notes = notes;

const table = lines.join("\n");
const met = `${checks.filter((c) => c.ok).length}/${checks.length} budgets met`;
console.log(table);
for (const n of notes) console.log(n);
mkdirSync(join(repo, "target/bench"), { recursive: true });
writeFileSync(join(repo, "target/bench/bench.json"), JSON.stringify(result, null, 2));
writeFileSync(RESULTS, resultsPage(table, notes, met));
const shown = relative(repo, RESULTS).startsWith("..") ? RESULTS : relative(repo, RESULTS);
console.log(`\n${met}; the table in ${shown}, details in target/bench/bench.json`);

/** The checkout the bench ran in: its commit, and whether tracked files differed from it. The
 * bench does not build unless the widget folder is missing, so build first (`npm run build`). */
function commit() {
  const git = (...args) => execFileSync("git", args, { cwd: repo, encoding: "utf8" }).trim();
  try {
    const head = git("log", "-1", "--format=%h (%cs)");
    return git("status", "--porcelain", "--untracked-files=no") ? `${head} with uncommitted changes` : head;
  } catch {
    return "unknown (not a git checkout)";
  }
}

/** docs/benchmarks-results.md: the table, and what a reader needs to weigh it. */
function resultsPage(table, notes, met) {
  const widget = process.env.BENCH_WIDGET ? `\`${process.env.BENCH_WIDGET}\` (BENCH_WIDGET)` : "`www/binhluan/`";
  return [
    "# Benchmark results",
    "",
    "Written by `npm run bench` (`benches/browser/run.mjs`) on every run; the method and the",
    "budgets are in [benchmarks.md](benchmarks.md). Numbers from a shared or busy machine vary",
    "by run: compare runs on the same machine.",
    "",
    `- run: ${result.when.slice(0, 16).replace("T", " ")} UTC`,
    `- checkout: commit ${commit()}; widget folder ${widget}`,
    `- browser: headless Chromium ${result.chromium}`,
    `- machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? "unknown CPU"}, Node ${process.version}`,
    `- cold loads for start-up: ${LOADS}; for the reader's wait: ${READER_LOADS} per profile${ONLY_READER ? " (BENCH_ONLY=reader: measurements 1-4 and 6 not run)" : ""}`,
    `- **${met}**`,
    "",
    table,
    ...(notes.length ? ["", ...notes.map((n) => `- ${n}`)] : []),
    "",
  ].join("\n");
}
