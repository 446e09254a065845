// The loading path in headless Chromium against the real binhluan-server: what goes out
// when, who sends it (the DevTools protocol's initiator of each request), and the article
// lists' comment counts.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { launch } from "./browser.mjs";
import { testSite } from "./pages.mjs";
import { startServer } from "./server.mjs";

const GOOD = "Cảm ơn tòa soạn đã đưa tin kịp thời về hội nghị này nhé";
let server, browser, site;

before(async () => {
  site = testSite();
  writeFileSync(
    join(site.dir, "article.html"),
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Bài</title></head><body>
<article style="height: 4000px">Bài viết</article>
<div id="box" data-binhluan data-article-id="bai-a"></div>
<script src="/binhluan/binhluan.js" data-endpoint="/api/comments" defer></script>
</body></html>
`,
  );
  writeFileSync(
    join(site.dir, "list.html"),
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Tin mới</title></head><body><ul>
<li>Bài A <span data-binhluan-count="bai-a">…</span></li>
<li>Bài B <span data-binhluan-count="bai-b"></span></li>
<li>Bài A lần nữa <span data-binhluan-count="bai-a"></span></li>
<li>Bài lạ <span data-binhluan-count="&lt;img src=x onerror=alert(1)&gt;"></span></li>
</ul>
<script src="/binhluan/binhluan.js" data-endpoint="/api/comments" defer></script>
</body></html>
`,
  );
  server = await startServer("--auto-publish", "--rate-limit", "0", "--www", site.dir);
  for (const [i, article] of ["bai-a", "bai-a", "<img src=x onerror=alert(1)>"].entries()) {
    const reply = await fetch(`${server.origin}/api/comments`, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": `path-${i}` },
      body: JSON.stringify({ article_id: article, content: `${GOOD} (${i + 1})` }),
    });
    assert.equal(reply.status, 201, await reply.text());
  }
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.stop();
  site?.remove();
});

/** A page recording every request (URL, method, the script that sent it) and page errors. */
async function open() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  cdp.on("Network.requestWillBeSent", ({ request, initiator }) => {
    const frame = initiator.stack?.callFrames?.[0] ?? initiator.stack?.parent?.callFrames?.[0];
    const by = frame?.url ?? initiator.url ?? "";
    requests.push({ url: new URL(request.url), method: request.method, by: by.slice(by.lastIndexOf("/") + 1) });
  });
  return { context, page, requests, errors };
}

test("the wasm, the glue and the list's first page go out together, the list once", async () => {
  const { context, page, requests, errors } = await open();
  await page.goto(`${server.origin}/article.html`, { waitUntil: "networkidle" });
  assert.deepEqual(
    requests.filter((r) => r.url.pathname.startsWith("/binhluan/")).map((r) => r.url.pathname),
    ["/binhluan/binhluan.js"],
    "before the scroll, the loader alone",
  );
  await page.locator("#box").scrollIntoViewIfNeeded();
  await page.locator("#box >> [part=list] ol li").first().waitFor();
  assert.equal(await page.locator("#box >> [part=list] ol li").count(), 2);
  const named = (re) => requests.filter((r) => re.test(r.url.pathname));
  // The wasm is fetched by the loader itself (compileStreaming), not by the glue after it
  // has loaded; the glue and the small start module are imported beside it.
  const [wasm] = named(/^\/binhluan\/binhluan_core_bg\.[0-9a-f]{8}\.wasm$/);
  assert.equal(wasm?.by, "binhluan.js", JSON.stringify(requests.map((r) => [r.url.pathname, r.by])));
  assert.equal(named(/^\/binhluan\/binhluan_core\.[0-9a-f]{8}\.js$/).length, 1);
  assert.equal(named(/^\/binhluan\/binhluan_start\.[0-9a-f]{8}\.js$/).length, 1);
  // One request for the list, the one the start module sent while the widget loaded: the
  // box took it rather than asking again.
  const lists = requests.filter((r) => r.url.pathname === "/api/comments" && r.method === "GET");
  assert.equal(lists.length, 1, JSON.stringify(lists));
  assert.match(lists[0].by, /^binhluan_start\.[0-9a-f]{8}\.js$/);
  assert.equal(lists[0].url.search, "?article=bai-a&page=1");
  assert.deepEqual(errors, []);
  await context.close();
});

test("comment counts fill the article list from one request, as text, without the widget", async () => {
  const { context, page, requests, errors } = await open();
  await page.goto(`${server.origin}/list.html`);
  const spans = page.locator("[data-binhluan-count]");
  await page.waitForFunction(() => [...document.querySelectorAll("[data-binhluan-count]")].every((s) => s.dataset.count));
  assert.deepEqual(await spans.allTextContents(), ["2 bình luận", "0 bình luận", "2 bình luận", "1 bình luận"]);
  assert.deepEqual(await spans.evaluateAll((all) => all.map((s) => [s.dataset.count, s.children.length])), [
    ["2", 0],
    ["0", 0],
    ["2", 0],
    ["1", 0],
  ]);
  const counts = requests.filter((r) => r.url.pathname === "/api/counts");
  assert.equal(counts.length, 1);
  assert.deepEqual(counts[0].url.searchParams.getAll("article").sort(), ["<img src=x onerror=alert(1)>", "bai-a", "bai-b"]);
  assert.equal(requests.filter((r) => /\.wasm$|binhluan_core/.test(r.url.pathname)).length, 0, "no widget for counts");

  // A span added later (an infinite scroll's next articles) is filled too, by its own request.
  await page.evaluate(() => {
    const li = document.createElement("li");
    li.innerHTML = 'Bài C <span data-binhluan-count="bai-a"></span>';
    document.querySelector("ul").append(li);
  });
  await page.waitForFunction(() => document.querySelector("li:last-child span").dataset.count);
  assert.equal(await page.locator("li:last-child span").textContent(), "2 bình luận");
  const later = requests.filter((r) => r.url.pathname === "/api/counts");
  assert.equal(later.length, 2);
  assert.deepEqual(later[1].url.searchParams.getAll("article"), ["bai-a"]);
  assert.deepEqual(errors, []);
  await context.close();
});
