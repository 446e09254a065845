// Broken networks: the widget against a server that misbehaves on purpose (faulty.mjs), in
// front of the real binhluan-server. For each fault: the reader sees a clear Vietnamese
// message, the draft survives a reload, a retry gets the comment through, and the real
// database holds it exactly once (one idempotency key across every attempt and the reload).
// The faults run concurrently, each on its own server (its own origin, so its own storage).
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, widgetReady, parts, statusIs } from "./browser.mjs";
import { startServer } from "./server.mjs";
import { startFaulty, startCounter, testPage } from "./faulty.mjs";

const RETRYING = "Chưa gửi được, đang thử lại…";
const FAILED = "Không gửi được bình luận. Nội dung vẫn được giữ nguyên, hãy thử lại.";
const REFUSED = "Máy chủ không nhận bình luận này.";
const OFFLINE = "Bạn đang ngoại tuyến. Bình luận sẽ được gửi khi có mạng trở lại.";
const RESTORED = "Đã khôi phục bản nháp chưa gửi của bạn.";
const PUBLISHED = "Bình luận của bạn đã được đăng.";
const PENDING = "Bình luận của bạn đã được gửi và đang chờ duyệt.";
const NOT_CREATED = "Bình luận CHƯA được gửi: máy chủ không xác nhận đã lưu. Nội dung vẫn được giữ nguyên, hãy thử lại sau.";
// Four words: the server's spam guard wants at least 800 ms of typing, so it is typed at
// 70 ms a key (about 1.3 s).
const TEXT = "Bài viết rất hay, cảm ơn!";
const NAME = "Bạn đọc Sa Pa";

let backend, counter, browser;
const cleanup = [];

before(async () => {
  backend = await startServer("--auto-publish", "--rate-limit", "0", "--min-words", "3");
  counter = await startCounter();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  counter?.stop();
  for (const stop of cleanup) stop();
  backend?.stop();
});

/**
 * A fresh misbehaving server, browser context and page for one article. `timeout` is the
 * box's option (seconds; the widget's default, 15, when not given).
 */
async function open(articleId, timeout) {
  const options = `data-min-words="3"${timeout ? ` data-timeout="${timeout}"` : ""}`;
  const faulty = await startFaulty({
    backend: backend.origin,
    elsewhere: counter.origin,
    page: testPage({ articleId, options }),
  });
  cleanup.push(() => faulty.stop());
  return { faulty, ...(await openPage(browser, faulty.origin + "/")) };
}

/** Types the comment and the name as a person would. */
async function write(page) {
  const { box, name } = parts(page);
  await box.click();
  await page.keyboard.type(TEXT, { delay: 70 });
  await name.fill(NAME);
}

/** The rows the real server stored for `articleId`. */
function stored(articleId) {
  return backend.comments().filter((c) => c.article_id === articleId);
}

/** Asserts the comment was stored exactly once, as written, and published (not spam). */
function storedOnce(articleId) {
  const rows = stored(articleId);
  assert.equal(rows.length, 1, `stored exactly once: ${JSON.stringify(rows)}`);
  assert.equal(rows[0].content, TEXT);
  assert.equal(rows[0].name, NAME);
  assert.equal(rows[0].status, "published");
}

/** A listener for the box's next binhluan:error, as a promise of its detail. */
function nextError(page) {
  return page.evaluate(
    () =>
      new Promise((ok) =>
        document.querySelector("[data-binhluan]").addEventListener("binhluan:error", (e) => ok(e.detail), { once: true }),
      ),
  );
}

/**
 * One fault met on every attempt: the widget gives up with `message`; the reader reloads,
 * finds the draft, and posts again once the server behaves.
 */
async function faultEveryTime({ articleId, fault, message = FAILED, code = "network", attempts = 4, timeout }) {
  const { faulty, context, page, errors } = await open(articleId, timeout);
  await write(page);
  const { submit, box, status } = parts(page);
  if (fault === "refuse-connection") await faulty.close();
  else faulty.script.push(...Array(attempts).fill(fault));
  const failed = nextError(page);
  await submit.click();
  if (attempts > 1) await statusIs(page, RETRYING);
  const error = await failed;
  assert.equal(error.code, code);
  assert.equal(await status.textContent(), message);
  assert.equal(await box.inputValue(), TEXT, "the text stays in the box");
  assert.equal(faulty.posts.length, fault === "refuse-connection" ? 0 : attempts);

  // The reader reloads: the draft (and its idempotency key) come back.
  if (fault === "refuse-connection") await faulty.open();
  faulty.script.length = 0;
  await page.reload();
  await widgetReady(page);
  await box.waitFor();
  assert.equal(await box.inputValue(), TEXT);
  assert.equal(await parts(page).name.inputValue(), NAME);
  assert.equal(await status.textContent(), RESTORED);

  // The server behaves again: posting works, and the comment is stored once.
  await submit.click();
  await statusIs(page, PUBLISHED);
  assert.equal(await box.inputValue(), "");
  storedOnce(articleId);
  const keys = new Set(faulty.posts.map((p) => p.key));
  assert.equal(keys.size, 1, "one idempotency key across every attempt and the reload");
  await page.locator("[data-binhluan] >> [part=comment]").first().waitFor();
  assert.deepEqual(errors, []);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  await context.close();
  return faulty;
}

describe("broken networks", { concurrency: true }, () => {
  test("refused connection (the endpoint's port is closed)", () =>
    faultEveryTime({ articleId: "refused", fault: "refuse-connection" }));

  test("500 Internal Server Error", () => faultEveryTime({ articleId: "500", fault: "500" }));

  test("502 with an HTML body (a proxy's error page, with a script)", () =>
    faultEveryTime({ articleId: "502", fault: "502-html" }));

  test("429 with Retry-After: 1", () => faultEveryTime({ articleId: "429", fault: "429" }));

  test("a reply that never comes (stored, then the timeout option, 2 s, ends each wait)", () =>
    faultEveryTime({ articleId: "timeout", fault: "stored-no-reply", timeout: 2 }));

  test("malformed JSON in a refusal", () =>
    faultEveryTime({ articleId: "malformed-422", fault: "malformed-422", message: REFUSED, code: "refused", attempts: 1 }));

  test("a redirect to another origin is never followed", async () => {
    await faultEveryTime({ articleId: "redirect", fault: "redirect" });
    assert.deepEqual(counter.hits, [], "the other origin received nothing");
  });

  test("the connection is cut halfway through the reply (after the server stored it)", () =>
    faultEveryTime({ articleId: "cut", fault: "stored-cut" }));

  test("transient faults are retried by the widget itself with one key", async () => {
    const { faulty, context, page } = await open("transient");
    await write(page);
    faulty.script.push("stored-cut", "429", "502-html");
    await parts(page).submit.click();
    await statusIs(page, PUBLISHED);
    assert.deepEqual(
      faulty.posts.map((p) => p.fault),
      ["stored-cut", "429", "502-html", "forward"],
    );
    assert.equal(new Set(faulty.posts.map((p) => p.key)).size, 1);
    storedOnce("transient");
    await context.close();
  });

  test("malformed JSON in a 201 (stored): never told sent, never retried; posting again stores nothing twice", async () => {
    const { faulty, context, page } = await open("malformed-201");
    await write(page);
    faulty.script.push("stored-malformed-201");
    await parts(page).submit.click();
    // Nothing says the comment was stored: the reader is told it was NOT sent, and keeps it.
    await statusIs(page, NOT_CREATED);
    assert.equal(faulty.posts.length, 1);
    assert.equal(await parts(page).box.inputValue(), TEXT);
    // Posting again goes with the same key: the server replays, and stores it once.
    await parts(page).submit.click();
    await statusIs(page, PUBLISHED);
    assert.equal(new Set(faulty.posts.map((p) => p.key)).size, 1);
    storedOnce("malformed-201");
    await page.reload();
    await widgetReady(page);
    await parts(page).box.waitFor();
    assert.equal(await parts(page).box.inputValue(), "", "an accepted comment leaves no draft");
    await context.close();
  });

  test("offline, then online: the comment waits and goes out once", async () => {
    const { faulty, context, page } = await open("offline");
    await write(page);
    await context.setOffline(true);
    await parts(page).submit.click();
    await statusIs(page, OFFLINE);
    const draft = await page.evaluate(() => JSON.parse(localStorage.getItem("binhluan:draft:offline")));
    assert.equal(draft.content, TEXT, "the draft is kept while offline");
    assert.equal(faulty.posts.length, 0);
    await context.setOffline(false);
    await statusIs(page, PUBLISHED);
    storedOnce("offline");
    await context.close();
  });
});

test("a bad timeout option is left at its default with a console warning", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const warnings = [];
  page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  const faulty = await startFaulty({ backend: backend.origin, page: testPage({ articleId: "x" }) });
  cleanup.push(() => faulty.stop());
  await page.goto(faulty.origin + "/");
  await widgetReady(page);
  const mounted = await page.evaluate(() => {
    const el = document.createElement("div");
    document.body.append(el);
    window.binhluan.mount(el, { endpoint: "/api/comments", timeout: 0 });
    return Boolean(el.shadowRoot.querySelector("textarea"));
  });
  assert.ok(mounted, "the box is there");
  assert.ok(warnings.some((w) => w.includes('"timeout" (data-timeout)')), warnings.join("\n"));
  await context.close();
});
