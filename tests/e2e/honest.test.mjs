// The box on a site of its own: a page served from another origin than the endpoint (a small
// static server of this test, as a news site would serve it), in ordinary situations. The box
// never tells the reader something false, and an odd attribute or a late mount point does not
// break it. The endpoint is the real binhluan-server.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { launch, widgetReady } from "./browser.mjs";
import { startServer } from "./server.mjs";

const widget = fileURLToPath(new URL("../../www/binhluan/", import.meta.url));
const PUBLISHED = "Bình luận của bạn đã được đăng.";
const PENDING = "Bình luận của bạn đã được gửi và đang chờ duyệt.";
const NOT_CREATED = "Bình luận CHƯA được gửi: máy chủ không xác nhận đã lưu. Nội dung vẫn được giữ nguyên, hãy thử lại sau.";
const FIX_FIRST = "Bình luận chưa đạt yêu cầu: xem các mục đánh dấu ở trên.";
const GOOD = "Cảm ơn tòa soạn đã đưa tin kịp thời về hội nghị này nhé";

let site, backend, strict, closed, browser;
const pages = new Map();

/** The news site: its pages (set per test in `pages`), the widget's files, and a CMS that
 * answers any other path with its home page (200 text/html), as many do. */
function startSite() {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname.startsWith("/binhluan/")) {
      const name = url.pathname.slice("/binhluan/".length);
      if (/^[a-z_]+(\.[0-9a-f]{8})?\.(js|wasm)$/.test(name)) {
        const type = name.endsWith(".wasm") ? "application/wasm" : "text/javascript";
        res.writeHead(200, { "Content-Type": type });
        return res.end(await readFile(join(widget, name)));
      }
    }
    const page = pages.get(url.pathname);
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
    res.end(page ?? "<!doctype html><title>Trang chủ</title><h1>Báo Mẫu</h1>");
  });
  return new Promise((ok) =>
    server.listen(0, "127.0.0.1", () => ok({ origin: `http://127.0.0.1:${server.address().port}`, stop: () => server.close() })),
  );
}

/** A news page: `script` the loader tag's attributes, `body` what the page holds. */
function newsPage({ script = "", body = "<div data-binhluan></div>", style = "", head = "" } = {}) {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Bài báo</title>${head}
<style>${style}</style></head><body><main><h1>Bài báo</h1><p>Nội dung.</p>${body}</main>
<script src="/binhluan/binhluan.js" ${script}></script></body></html>`;
}

before(async () => {
  site = await startSite();
  backend = await startServer("--auto-publish", "--rate-limit", "0", "--allow-origin", site.origin);
  strict = await startServer("--auto-publish", "--rate-limit", "0", "--allow-origin", site.origin, "--min-words", "15");
  closed = await startServer("--auto-publish", "--rate-limit", "0");
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const s of [backend, strict, closed]) s?.stop();
  site?.stop();
});

/** Opens `path` of the site (its page set to `html`) in a new context; collects the console. */
async function open(path, html, contextOptions = {}) {
  pages.set(path.split("?")[0], html);
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const consoled = [];
  page.on("console", (m) => consoled.push(`${m.type()}: ${m.text()}`));
  await page.goto(site.origin + path);
  await widgetReady(page);
  return { context, page, consoled };
}

const shadow = (page, selector, host = "[data-binhluan]") => page.locator(`${host} >> ${selector}`);
const status = (page) => shadow(page, "[role=status]");
const statusIs = (page, text) =>
  page.waitForFunction(
    (want) => document.querySelector("[data-binhluan]")?.shadowRoot?.querySelector("[role=status]")?.textContent === want,
    text,
    { timeout: 20_000 },
  );
const endpoint = (server, more = "") => `data-endpoint="${server.origin}/api/comments" ${more}`;

test("a 200 text/html reply (a CMS catch-all) is never taken for success", async () => {
  const html = newsPage({ script: `data-endpoint="/cms/api/comments" data-article-id="cms"` });
  const { context, page, consoled } = await open("/cms-bai", html);
  await page.evaluate(() => {
    window.__posted = 0;
    document.querySelector("[data-binhluan]").addEventListener("binhluan:posted", () => window.__posted++);
  });
  await shadow(page, "textarea").click();
  await page.keyboard.type(GOOD);
  await shadow(page, "button[type=submit]").click();
  await statusIs(page, NOT_CREATED);
  assert.equal(await shadow(page, "textarea").inputValue(), GOOD, "the text stays");
  assert.equal(await page.evaluate(() => window.__posted), 0, "binhluan:posted never fires");
  const draft = await page.evaluate(() => JSON.parse(localStorage.getItem("binhluan:draft:cms")));
  assert.equal(draft.content, GOOD, "the draft stays");
  assert.ok(consoled.some((l) => l.startsWith("error:") && l.includes("answered HTTP 200 text/html")), consoled.join("\n"));
  await context.close();
});

test("a pasted comment posted at once is published and listed; a scripted one is held, told pending", async () => {
  const html = newsPage({ script: endpoint(backend, `data-article-id="dan"`) });
  const { context, page } = await open("/dan", html);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: site.origin });
  await page.evaluate((t) => navigator.clipboard.writeText(t), GOOD);
  await shadow(page, "textarea").click();
  await page.keyboard.press("Control+V");
  assert.equal(await shadow(page, "textarea").inputValue(), GOOD, "pasted");
  await shadow(page, "button[type=submit]").click();
  await statusIs(page, PUBLISHED);
  await shadow(page, "[part=comment]", "[data-binhluan]").filter({ hasText: GOOD }).waitFor();
  assert.equal(backend.comments().find((c) => c.article_id === "dan").status, "published");

  // Dictated, or a keyboard's whole words: no keystroke per letter, still a person.
  await shadow(page, "textarea").click();
  await page.keyboard.insertText(GOOD + " Đọc xong thấy rất vui.");
  await shadow(page, "button[type=submit]").click();
  await statusIs(page, PUBLISHED);

  // A script fills the field: held for a moderator, and the reader is told so.
  await page.evaluate((t) => {
    const box = document.querySelector("[data-binhluan]").shadowRoot.querySelector("textarea");
    box.value = t;
    box.dispatchEvent(new Event("input", { bubbles: true }));
    box.form.requestSubmit();
  }, GOOD + " Lần thứ ba.");
  await statusIs(page, PENDING);
  const held = backend.comments().filter((c) => c.article_id === "dan" && c.status !== "published");
  assert.deepEqual(held.map((c) => c.status), ["pending:too-fast"]);
  await context.close();
});

test("unknown attributes are warned about and ignored; a bad endpoint leaves a neutral line", async () => {
  const html = newsPage({
    script: endpoint(backend, `data-cfasync="false" data-article-id="attrs"`),
    body: `<div data-binhluan data-testid="comments" data-theme="toi"></div>`,
  });
  const { context, page, consoled } = await open("/attrs", html);
  await shadow(page, "textarea").waitFor();
  const warnings = consoled.filter((l) => l.startsWith("warning:")).join("\n");
  for (const name of ["cfasync", "testid", "theme"]) assert.ok(warnings.includes(`"${name}"`), warnings);
  await page.evaluate(() => {
    const el = document.createElement("binh-luan");
    el.setAttribute("translate", "no");
    el.setAttribute("data-load", "eager");
    document.querySelector("main").append(el);
  });
  await page.locator("binh-luan >> textarea").waitFor();
  assert.ok(!consoled.some((l) => l.includes('"translate"')), "a global HTML attribute is no option");
  await context.close();

  const typo = newsPage({ body: `<div data-binhluan data-endpiont="${backend.origin}/api/comments"></div>` });
  const broken = await open("/typo", typo);
  const alert = shadow(broken.page, "[role=alert]");
  await alert.waitFor();
  assert.equal(await alert.textContent(), "Phần bình luận tạm thời chưa dùng được.");
  const said = broken.consoled.join("\n");
  assert.ok(said.includes('did you mean "endpoint" (data-endpoint)'), said);
  assert.ok(said.includes("no endpoint: add data-endpoint="), said);
  await broken.context.close();
});

test("the status line describes the present", async () => {
  const { context, page } = await open("/present", newsPage({ script: endpoint(backend, `data-article-id="present"`) }));
  await shadow(page, "textarea").click();
  await page.keyboard.type("Bài viết hay");
  await shadow(page, "button[type=submit]").click();
  await statusIs(page, FIX_FIRST);
  // The marked items are above the status line, as it says.
  const [rules, line] = await Promise.all([shadow(page, "ul.rules").boundingBox(), status(page).boundingBox()]);
  assert.ok(rules.y < line.y);
  await shadow(page, "textarea").click();
  await page.keyboard.type(", cảm ơn tòa soạn đã đưa tin kịp thời nhé");
  await statusIs(page, "");
  await shadow(page, "button[type=submit]").click();
  await statusIs(page, PUBLISHED);
  await shadow(page, "textarea").click();
  await page.keyboard.type("Thêm");
  await statusIs(page, "");
  await context.close();
});

test("the textarea's accessible description is the rules with their state, from the accessibility tree", async () => {
  const { context, page } = await open("/ax", newsPage({ script: endpoint(backend, `data-article-id="ax"`) }));
  await shadow(page, "textarea").waitFor();
  const cdp = await context.newCDPSession(page);
  const described = async () => {
    const { nodes } = await cdp.send("Accessibility.getFullAXTree");
    const box = nodes.find((n) => n.role?.value === "textbox" && n.name?.value === "Bình luận");
    return box.description?.value ?? "";
  };
  const empty = await described();
  assert.equal(
    empty.replace(/\s+/g, " ").trim(),
    "Chưa đạt: Tối thiểu 10 chữ tiếng Việt có dấu (còn thiếu 10 chữ) Chưa đạt: Viết tiếng Việt có dấu Chưa đạt: Không chứa liên kết",
  );
  await shadow(page, "textarea").click();
  await page.keyboard.type(GOOD);
  await page.waitForTimeout(300);
  const met = await described();
  assert.equal(
    met.replace(/\s+/g, " ").trim(),
    "Đạt: Tối thiểu 10 chữ tiếng Việt có dấu Đạt: Viết tiếng Việt có dấu Đạt: Không chứa liên kết",
  );
  for (const never of ["Yêu cầu", "Hoàn tác", "Chuyển sang"]) assert.ok(!met.includes(never) && !empty.includes(never));
  await context.close();
});

test("the box adopts the rules the endpoint enforces", async () => {
  const html = newsPage({ script: endpoint(strict, `data-article-id="strict" data-min-words="10"`) });
  const { context, page, consoled } = await open("/strict", html);
  const words = shadow(page, "[data-rule=words] span");
  await page.waitForFunction(() =>
    document.querySelector("[data-binhluan]").shadowRoot.querySelector("[data-rule=words] span").textContent.startsWith("Tối thiểu 15 chữ"),
  );
  assert.match(await words.textContent(), /^Tối thiểu 15 chữ/);
  assert.ok(consoled.some((l) => l.includes("minWords 15")), consoled.join("\n"));
  await context.close();
});

test("an endpoint that refuses this page's origin is named in the console with the fix", async () => {
  const { context, page, consoled } = await open("/closed", newsPage({ script: endpoint(closed, `data-article-id="closed"`) }));
  await page.waitForFunction(() => true);
  const want = `--allow-origin ${site.origin}`;
  for (let i = 0; i < 100 && !consoled.some((l) => l.includes(want)); i++) await page.waitForTimeout(100);
  assert.ok(consoled.some((l) => l.startsWith("error:") && l.includes("refused this page's origin") && l.includes(want)), consoled.join("\n"));
  await context.close();
});

test("tracking parameters do not split the thread; the name is remembered; a repeat is refused", async () => {
  const html = newsPage({ script: endpoint(backend) });
  const { context, page } = await open("/tin/bai-moi?utm_source=facebook&fbclid=IwAR0abc#binh-luan", html);
  await shadow(page, "input[autocomplete=name]").fill("Trần Thị Mai");
  await shadow(page, "textarea").click();
  await page.keyboard.type(GOOD);
  await shadow(page, "button[type=submit]").click();
  await statusIs(page, PUBLISHED);
  const stored = backend.comments().find((c) => c.name === "Trần Thị Mai");
  assert.equal(stored.article_id, `${site.origin}/tin/bai-moi`);
  // The next visit: the name is there; the same text again is refused, in words.
  await page.goto(`${site.origin}/tin/bai-moi`);
  await widgetReady(page);
  assert.equal(await shadow(page, "input[autocomplete=name]").inputValue(), "Trần Thị Mai");
  await shadow(page, "textarea").click();
  await page.keyboard.type(GOOD);
  await shadow(page, "button[type=submit]").click();
  await statusIs(page, "Bạn đã gửi đúng bình luận này cho bài viết này rồi.");
  await context.close();
});

test("a mount point added later mounts; a module script works", async () => {
  const { context, page } = await open("/scroll", newsPage({ script: endpoint(backend, `data-article-id="first"`) }));
  await shadow(page, "textarea").waitFor();
  await page.evaluate(() => {
    const next = document.createElement("article");
    next.innerHTML = '<h2>Bài tiếp theo</h2><div data-binhluan data-article-id="second" id="next"></div>';
    document.querySelector("main").append(next);
  });
  await page.locator("#next").scrollIntoViewIfNeeded();
  await page.locator("#next >> textarea").waitFor({ timeout: 10_000 });
  await context.close();

  const module = newsPage({ script: `type="module" ${endpoint(backend, `data-article-id="module"`)}` });
  const mod = await open("/module", module);
  await shadow(mod.page, "textarea").waitFor({ timeout: 10_000 });
  await mod.context.close();
});

test("the default theme follows the page, not the phone", async () => {
  const dark = newsPage({ script: endpoint(backend, `data-article-id="dark"`), style: "body{background:#15171a;color:#eee}" });
  const one = await open("/dark", dark, { colorScheme: "light" });
  await shadow(one.page, ".box").waitFor();
  assert.equal(await shadow(one.page, ".box").getAttribute("data-theme"), "dark");
  await one.context.close();
  const light = newsPage({ script: endpoint(backend, `data-article-id="light"`), style: "body{background:#fff}" });
  const two = await open("/light", light, { colorScheme: "dark" });
  await shadow(two.page, ".box").waitFor();
  assert.equal(await shadow(two.page, ".box").getAttribute("data-theme"), "light");
  const bg = await shadow(two.page, ".box").evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.equal(bg, "rgb(255, 255, 255)");
  await two.context.close();
});

test("times are the reader's local time in Vietnamese form, recent ones relative", async () => {
  const html = newsPage({ script: endpoint(backend, `data-article-id="gio"`) });
  const { context, page } = await open("/gio", html, { timezoneId: "Asia/Ho_Chi_Minh" });
  await shadow(page, "textarea").click();
  await page.keyboard.type(GOOD);
  await shadow(page, "button[type=submit]").click();
  await statusIs(page, PUBLISHED);
  const time = shadow(page, "[part=comment] time").first();
  await time.waitFor();
  const at = await time.getAttribute("datetime");
  assert.match(at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(await time.textContent(), "bây giờ");
  const local = new Date(Date.parse(at) + 7 * 3600_000);
  const two = (n) => String(n).padStart(2, "0");
  const expected = `${two(local.getUTCHours())}:${two(local.getUTCMinutes())} ${two(local.getUTCDate())}/${two(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
  assert.equal(await time.getAttribute("title"), expected);
  await context.close();
});

test("two tabs of one article: the newest edit wins and nothing is lost when one posts", async () => {
  const html = newsPage({ script: endpoint(backend, `data-article-id="tabs"`) });
  const { context, page: one } = await open("/tabs", html);
  const two = await context.newPage();
  await two.goto(site.origin + "/tabs");
  await widgetReady(two);
  await shadow(one, "textarea").click();
  await one.keyboard.type("Bài viết này rất hay");
  await two.waitForFunction(() => document.querySelector("[data-binhluan]").shadowRoot.querySelector("textarea").value === "Bài viết này rất hay");
  await shadow(two, "textarea").click();
  await two.keyboard.press("End");
  await two.keyboard.type(", cảm ơn tòa soạn đã đưa tin kịp thời");
  const whole = "Bài viết này rất hay, cảm ơn tòa soạn đã đưa tin kịp thời";
  await one.waitForFunction((w) => document.querySelector("[data-binhluan]").shadowRoot.querySelector("textarea").value === w, whole);
  await shadow(one, "button[type=submit]").click();
  await statusIs(one, PUBLISHED);
  await two.waitForFunction(() => document.querySelector("[data-binhluan]").shadowRoot.querySelector("textarea").value === "");
  assert.deepEqual(backend.comments().filter((c) => c.article_id === "tabs").map((c) => c.content), [whole]);
  await context.close();
});
