// Accessibility: axe-core on the demo page in every state of the box (axe sees into the open
// shadow root), light and dark, wide and on a 360 px phone; and a keyboard-only comment.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { launch, openPage, parts, statusIs } from "./browser.mjs";
import { startServer } from "./server.mjs";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const PUBLISHED = "Bình luận của bạn đã được đăng.";
const FIX_FIRST = "Bình luận chưa đạt yêu cầu: xem các mục đánh dấu ở trên.";
const POSTING = "Đang gửi…";
const GOOD = "Cảm ơn tòa soạn đã đưa tin kịp thời về hội nghị này nhé";

let server, browser;
const rulesRun = new Set();
const audits = [];

before(async () => {
  server = await startServer("--auto-publish", "--rate-limit", "0");
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.stop();
  if (audits.length) {
    console.log(
      `# axe ${audits[0].version}: ${audits.length} audits, ${rulesRun.size} distinct rules run, ` +
        audits
          .map((a) => `${a.state}: ${a.passes} rules passed on ${a.nodes} nodes, ${a.inapplicable} inapplicable, ${a.incomplete} to review`)
          .join("; "),
    );
  }
});

async function openDemo(options = {}) {
  const opened = await openPage(browser, server.origin + "/", { viewport: { width: 1000, height: 900 }, ...options });
  await parts(opened.page).box.waitFor();
  return opened;
}

/** Runs axe on the whole page and asserts no violation. */
async function audit(page, state) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() =>
    window.axe.run(document).then((r) => ({
      version: r.testEngine.version,
      violations: r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary}`),
      })),
      ids: [...r.passes, ...r.violations, ...r.incomplete, ...r.inapplicable].map((x) => x.id),
      passes: r.passes.length,
      nodes: r.passes.reduce((n, x) => n + x.nodes.length, 0),
      inapplicable: r.inapplicable.length,
      incomplete: r.incomplete.map((x) => x.id),
    })),
  );
  result.ids.forEach((id) => rulesRun.add(id));
  audits.push({
    state,
    version: result.version,
    passes: result.passes,
    nodes: result.nodes,
    inapplicable: result.inapplicable,
    incomplete: result.incomplete.length,
  });
  assert.deepEqual(result.violations, [], `axe violations in state "${state}"`);
  return result;
}

/** Types a comment that breaks the rules and submits it: the errors are shown. */
async function showErrors(page) {
  const { box, submit } = parts(page);
  await box.fill("Bai viet hay lam, xem them o www.example.com nhe");
  // The reader pauses before reaching for the button: the marks are shown by then.
  await page.locator("[data-binhluan] >> [data-rule=links][data-state=fail]").waitFor();
  await submit.click();
  await statusIs(page, FIX_FIRST);
  assert.equal(await box.getAttribute("aria-invalid"), "true");
}

test("axe: empty, errors shown, posting, posted (light, 1000 px)", async () => {
  const { context, page } = await openDemo();
  await audit(page, "empty");
  await showErrors(page);
  await audit(page, "errors");

  // Posting: the server's reply is held until axe has looked.
  let release;
  const held = new Promise((ok) => (release = ok));
  await page.route("**/api/comments", async (route) => {
    if (route.request().method() === "POST") await held;
    await route.continue();
  });
  const { box, submit } = parts(page);
  await box.fill("");
  await box.click();
  await page.keyboard.type(GOOD, { delay: 60 });
  await submit.click();
  await statusIs(page, POSTING);
  assert.equal(await submit.isDisabled(), true);
  await audit(page, "posting");
  release();
  await statusIs(page, PUBLISHED);
  await page.locator("[data-binhluan] >> [part=comment]", { hasText: GOOD }).waitFor();
  await audit(page, "posted");
  await context.close();
});

test("axe: dark theme (prefers-color-scheme: dark)", async () => {
  const { context, page } = await openDemo({ colorScheme: "dark" });
  const bg = await page.locator("[data-binhluan] >> .box").evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.equal(bg, "rgb(28, 29, 33)", "the dark palette applies");
  await audit(page, "dark empty");
  await showErrors(page);
  await audit(page, "dark errors");
  await context.close();
});

test("axe: a 360 px phone", async () => {
  const { context, page } = await openDemo({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  await audit(page, "phone empty");
  await showErrors(page);
  await audit(page, "phone errors");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling (${overflow} px too wide)`);
  await context.close();
});

test("keyboard only: Tab to the box, write, Ctrl+Enter posts, the status is announced", async () => {
  const { context, page } = await openDemo();
  const focused = () =>
    page.evaluate(() => {
      const host = document.activeElement;
      const inner = host?.shadowRoot?.activeElement;
      return inner ? `${inner.localName}${inner.type ? ":" + inner.type : ""}` : host?.localName;
    });
  await page.evaluate(() => window.scrollTo(0, 0));
  // The page has no link before the box: its first stop is the name, then the comment.
  await page.keyboard.press("Tab");
  assert.equal(await focused(), "input:text");
  await page.keyboard.type("Bạn đọc bàn phím");
  await page.keyboard.press("Tab");
  assert.equal(await focused(), "textarea:textarea", "Tab reaches the comment box");

  // An incomplete comment: Ctrl+Enter says why and keeps the focus in the box.
  await page.keyboard.type("Bài viết hay");
  await page.keyboard.press("Control+Enter");
  const { status, box } = parts(page);
  assert.equal(await status.getAttribute("role"), "status");
  assert.equal(await status.getAttribute("aria-live"), "polite");
  await statusIs(page, FIX_FIRST);
  assert.equal(await focused(), "textarea:textarea");
  assert.equal(await box.getAttribute("aria-invalid"), "true");

  // The rest of the comment, at a typist's speed (the server files a comment typed faster
  // than 200 ms a word as spam); Shift+Tab back to the name and Tab again keep both.
  await page.keyboard.type(" và bổ ích, cảm ơn tòa soạn nhiều", { delay: 90 });
  await page.keyboard.press("Shift+Tab");
  assert.equal(await focused(), "input:text");
  await page.keyboard.press("Tab");
  assert.equal(await focused(), "textarea:textarea");
  await page.keyboard.press("Control+Enter");
  await statusIs(page, PUBLISHED);
  assert.equal(await box.getAttribute("aria-invalid"), "false");
  // The focus stays in the (now empty) box, ready for another comment.
  assert.equal(await focused(), "textarea:textarea");
  assert.equal(await box.inputValue(), "");
  // The list is reloaded with the new comment on top.
  await page.locator("[data-binhluan] >> [part=comment]", { hasText: "Bạn đọc bàn phím" }).waitFor();
  // The status line is in the accessibility tree, with what it announced.
  assert.match(await page.locator("[data-binhluan]").ariaSnapshot(), /status: Bình luận của bạn đã được đăng\./);
  await context.close();
});
