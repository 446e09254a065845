// What the reader waits for: an article served by the real binhluan-server (the built widget
// folder copied under its --www, comments in its store), the box below the fold; from the
// scroll that brings the box into view to a usable textarea, and to the first comments
// listed. Each load in a fresh browser context (empty cache), the network and the CPU
// emulated through the DevTools protocol. The method: docs/benchmarks.md, measurement 7.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnServer } from "../../tests/e2e/server.mjs";

/** The emulated profiles: throughput in bytes per second, latency added to each request. */
export const PROFILES = [
  { name: "loopback", budgetMs: null },
  { name: "slow 4G + 4× CPU", down: 1.6e6 / 8, up: 750e3 / 8, latency: 150, cpu: 4, budgetMs: 1000 },
  { name: "3G + 6× CPU", down: 400e3 / 8, up: 400e3 / 8, latency: 300, cpu: 6, budgetMs: 2500 },
];

const COMMENTS = 12;
const ARTICLE = "bench-article";

// An article long enough that the box starts far below the fold, as most readers meet it.
const PAGE = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tăng cường hiệu quả hoạt động của ngành Thông tin và Truyền thông</title>
<script src="/binhluan/binhluan.js" data-endpoint="/api/comments" defer></script>
<script src="/wait.js" defer></script>
</head><body>
<article><h1>Tăng cường hiệu quả hoạt động của ngành Thông tin và Truyền thông</h1>
${"<p>Sáng nay, hội nghị tổng kết công tác năm đã diễn ra với sự tham dự của đại diện các sở, ban, ngành và địa phương trong tỉnh.</p>\n".repeat(120)}</article>
<section><h2>Bình luận</h2><div id="box" data-binhluan data-article-id="${ARTICLE}"></div></section>
</body></html>
`;

// The page's probe: `window.wait()` scrolls to the box and resolves with the times from that
// scroll to the textarea in the shadow root, and to the first listed comment. Polled every
// 5 ms: cheap enough not to slow what it measures under a throttled CPU.
const PROBE = `window.wait = function () {
  return new Promise(function (resolve) {
    var host = document.getElementById("box");
    var t0 = performance.now(), ready = null;
    host.scrollIntoView();
    (function poll() {
      var root = host.shadowRoot, now = performance.now();
      if (ready === null && root && root.querySelector("textarea:not([disabled])")) ready = now - t0;
      if (ready !== null && root.querySelector("[part=list] ol li")) return resolve({ readyMs: ready, listedMs: now - t0 });
      if (now - t0 > 60000) return resolve({ readyMs: ready, listedMs: null });
      setTimeout(poll, 5);
    })();
  });
};
`;

/** Builds (when stale) and returns the path of the server binary the bench runs. */
function serverBinary(repo) {
  if (process.env.BINHLUAN_SERVER_BIN) return process.env.BINHLUAN_SERVER_BIN;
  execFileSync("cargo", ["build", "--quiet", "--profile", "server", "-p", "binhluan-server"], { cwd: repo, stdio: "inherit" });
  return join(repo, "target/server/binhluan-server");
}

/** The real server on a free port with `widget` at /binhluan/ and the article at /article.html. */
async function startServer(repo, widget) {
  const dir = mkdtempSync(join(tmpdir(), "binhluan-bench-"));
  const www = join(dir, "www");
  cpSync(widget, join(www, "binhluan"), { recursive: true });
  writeFileSync(join(www, "article.html"), PAGE);
  writeFileSync(join(www, "wait.js"), PROBE);
  const { child, origin } = await spawnServer(serverBinary(repo), [
    "--db", join(dir, "comments.sqlite3"), "--addr", "127.0.0.1:0", "--www", www, "--auto-publish", "--rate-limit", "0",
  ]);
  for (let i = 0; i < COMMENTS; i++) {
    const reply = await fetch(`${origin}/api/comments`, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": `bench-${i}` },
      body: JSON.stringify({
        article_id: ARTICLE,
        name: `Bạn đọc ${i + 1}`,
        content: `Bình luận số ${i + 1}: cảm ơn tòa soạn đã đưa tin kịp thời về hội nghị quan trọng này nhé.`,
      }),
    });
    if (reply.status !== 201) throw new Error(`seeding comment ${i}: ${reply.status} ${await reply.text()}`);
  }
  return {
    origin,
    stop() {
      child.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One cold load under `profile`: the article loaded, then the scroll to the box. */
async function coldLoad(browser, origin, profile) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  const cdp = await context.newCDPSession(page);
  if (profile.down) {
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: profile.latency,
      downloadThroughput: profile.down,
      uploadThroughput: profile.up,
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: profile.cpu });
  }
  await page.goto(`${origin}/article.html`, { waitUntil: "load" });
  await page.waitForFunction(() => typeof window.wait === "function");
  // The loader has found the box and waits for it; nothing of the widget has loaded.
  const early = await page.evaluate(() => "binhluan" in window);
  const times = await page.evaluate(() => window.wait());
  await context.close();
  if (errors.length) throw new Error(`page error: ${errors[0]}`);
  if (early) throw new Error("the widget loaded before the reader came to the box");
  if (times.readyMs === null || times.listedMs === null) throw new Error(`${profile.name}: the box or its comments never came`);
  return times;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** Every profile, `loads` cold loads each: the runs and their medians. */
export async function readerWait(browser, repo, widget, loads) {
  const server = await startServer(repo, widget);
  try {
    const results = [];
    for (const profile of PROFILES) {
      const runs = [];
      for (let i = 0; i < loads; i++) runs.push(await coldLoad(browser, server.origin, profile));
      results.push({
        profile: profile.name,
        budgetMs: profile.budgetMs,
        runs,
        readyMedian: median(runs.map((r) => r.readyMs)),
        listedMedian: median(runs.map((r) => r.listedMs)),
      });
    }
    return results;
  } finally {
    server.stop();
  }
}
