// Script injection at page level, and the widget under a strict Content-Security-Policy.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, widgetReady, parts, statusIs } from "./browser.mjs";
import { startServer } from "./server.mjs";
import { startFaulty, testPage } from "./faulty.mjs";

// Every payload sets window.pwned if anything runs it.
const PAYLOADS = [
  `<img src=x onerror="window.pwned='img'">`,
  `</script><script>window.pwned='script'</script>`,
  `javascript:window.pwned='js'`,
  `<a href="javascript:window.pwned='a'">bấm vào đây</a>`,
  `"><svg onload="window.pwned='svg'">`,
  `' autofocus onfocus='window.pwned="quote"' x='`,
  `<iframe srcdoc="<script>parent.pwned='iframe'</script>"></iframe>`,
  `<style>*{display:none}</style><b>đậm</b>`,
  `&lt;img src=x onerror=window.pwned='entity'&gt;`,
  `<details open ontoggle="window.pwned='details'">`,
  `{{constructor.constructor('window.pwned="template"')()}}`,
  `\u202E<img src=x onerror=window.pwned='bidi'>`,
];
// What no text may turn into, in the box or on the page.
const FOREIGN = "img, script, svg, iframe, style, a, b, details, object, embed, link, meta, base";
const WORDS = "Bài viết rất hay, cảm ơn tác giả";

let backend, browser;
const cleanup = [];

before(async () => {
  backend = await startServer("--auto-publish", "--rate-limit", "0", "--min-words", "3");
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const stop of cleanup) stop();
  backend?.stop();
});

/** Elements the payloads could have created: in the box, and in the page (its own two). */
async function assertNoForeignElements(page) {
  const found = await page.evaluate((selector) => {
    const root = document.querySelector("[data-binhluan]").shadowRoot;
    return {
      page: [...document.querySelectorAll(selector)].map((e) => e.localName),
      box: [...root.querySelectorAll(selector)].map((e) => e.outerHTML),
    };
  }, FOREIGN);
  assert.deepEqual(found, { page: ["meta", "script"], box: [] });
}

/** Proves handlers of this kind do fire on this page, then that none of the payloads' did. */
async function nothingRan(page) {
  await page.evaluate(() => {
    const img = new Image();
    img.addEventListener("error", () => (window.control = true));
    img.src = "/no-such-image.png";
  });
  await page.waitForFunction(() => window.control === true);
  assert.equal(await page.evaluate(() => window.pwned), undefined, "no payload ran");
}

test("payloads in comment text, names, server messages and listed comments stay text", async () => {
  const faulty = await startFaulty({
    backend: backend.origin,
    page: testPage({ articleId: "xss", options: 'data-min-words="3"' }),
  });
  cleanup.push(() => faulty.stop());
  // Names and comments stored by the real server (posted server-to-server, as another reader's).
  let acceptedContents = 0;
  for (const [i, payload] of PAYLOADS.entries()) {
    // Each plain comment its own text: the server refuses the same text twice on an article.
    const plain = `Lần ${i}: ${WORDS}`;
    for (const [name, content] of [
      [payload, plain],
      [`Bạn đọc ${i}`, `${WORDS} ${payload}`],
    ]) {
      const reply = await fetch(backend.origin + "/api/comments", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ article_id: "xss", name, content }),
      });
      if (content !== plain && reply.status === 201) acceptedContents++;
      if (content === plain) assert.equal(reply.status, 201, `a name is only text: ${payload}`);
    }
  }
  const { context, page, errors } = await openPage(browser, faulty.origin + "/");
  const { box, status, submit } = parts(page);
  const comments = page.locator("[data-binhluan] >> [part=comment]");

  // 1. Listed by the real server (20 a page): names and contents as text.
  const total = PAYLOADS.length + acceptedContents;
  await comments.nth(Math.min(total, 20) - 1).waitFor();
  if (total > 20) {
    await page.locator("[data-binhluan] >> [part=more]").click();
    await comments.nth(total - 1).waitFor();
  }
  const listed = await comments.allTextContents();
  for (const payload of PAYLOADS) {
    assert.ok(
      listed.some((text) => text.startsWith(payload + " · ")),
      `the name ${payload} is shown as text`,
    );
  }
  assert.equal(listed.filter((text) => text.endsWith(WORDS)).length, PAYLOADS.length);

  // 2. Typed into the box: the rules point at links and markup, and the marks are text.
  for (const payload of PAYLOADS) {
    await box.fill(`${WORDS} ${payload}`);
    await box.blur();
    assert.equal(await box.inputValue(), `${WORDS} ${payload}`);
  }
  await box.fill(`${WORDS} <a href="javascript:window.pwned='mark'">xem</a> javascript:window.pwned='mark2'`);
  await box.blur();
  const marks = await page.locator("[data-binhluan] >> [part=mark]").allTextContents();
  // (A link's tail drops a trailing quote: docs/rules.md, "Tails".)
  assert.deepEqual(marks, [`<a href="javascript:window.pwned='mark'"`, `javascript:window.pwned='mark2`]);
  await assertNoForeignElements(page);

  // 3. Server messages (422 and 403 replies) shown in the status line as text.
  await box.fill(WORDS);
  for (const payload of PAYLOADS) {
    for (const code of [422, 403]) {
      faulty.refusal = { status: code, body: { error: "x", message: payload } };
      faulty.script.push("refuse");
      await submit.click();
      await statusIs(page, payload);
      assert.equal(await status.evaluate((s) => s.childNodes.length === 1 && s.firstChild.nodeType), 3, "one text node");
    }
  }

  // 4. A listing carrying payloads in every field (the widget cannot trust the endpoint).
  faulty.list = {
    article: "xss",
    page: 1,
    per_page: 20,
    total: PAYLOADS.length,
    comments: PAYLOADS.map((p, i) => ({ id: i, name: p, content: p, created_at: p })),
  };
  await page.reload();
  await widgetReady(page);
  await comments.nth(PAYLOADS.length - 1).waitFor();
  const shown = await comments.evaluateAll((items) =>
    items.map((li) => [...li.children].map((c) => c.textContent)),
  );
  for (const [i, payload] of PAYLOADS.entries()) {
    const [meta, body] = shown[i];
    assert.equal(body, payload, "the content is the payload, as text");
    // A created_at that is not a time is not shown at all.
    assert.equal(meta, payload, "the name is the payload, as text");
  }
  assert.equal(await page.locator("[data-binhluan] >> a").count(), 0, "a javascript: URL is not a link");
  await assertNoForeignElements(page);
  await nothingRan(page);
  assert.deepEqual(errors, []);
  console.log(
    `# injection: ${PAYLOADS.length} payloads x (name, listed content, typed text, 422 and 403 message, listing fields); ` +
      `${acceptedContents} contents accepted by the real server`,
  );
  await context.close();
});

// The minimal policy of docs/embedding.md.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'";

/** A context whose pages of `server` come with the header `policy`, and record violations. */
async function underPolicy(server, policy) {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  await context.route(server.origin + "/", async (route) => {
    const response = await route.fetch();
    route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": policy } });
  });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  const reply = await page.goto(server.origin + "/");
  assert.equal(reply.headers()["content-security-policy"], policy);
  await page.locator("[data-binhluan]").scrollIntoViewIfNeeded();
  return { context, page, errors };
}

test("the demo works fully under the strict Content-Security-Policy of docs/embedding.md", async () => {
  const server = await startServer("--auto-publish");
  cleanup.push(() => server.stop());
  const { context, page, errors } = await underPolicy(server, CSP);
  await widgetReady(page);
  const { box, name, submit } = parts(page);
  const rule = (r) => page.locator(`[data-binhluan] >> [data-rule=${r}]`);
  await box.click();
  // The keyboard-off hint and its conversion (constructed stylesheet, no inline style).
  await box.fill("Baif vieets raats hay vaf boor ichs cho moij nguoiwf");
  await box.blur();
  await page.locator("[data-binhluan] >> [part=convert]").click();
  assert.equal(await box.inputValue(), "Bài viết rất hay và bổ ích cho mọi người");
  await box.fill("");
  const text = "Cảm ơn tòa soạn đã đưa tin kịp thời về hội nghị này nhé";
  await box.click();
  await page.keyboard.type(text, { delay: 45 });
  assert.equal(await rule("words").getAttribute("data-state"), "ok");
  await name.fill("Bạn đọc CSP");
  // Past the server's speed guard (200 ms a word from the first keystroke), or it is spam.
  await page.waitForTimeout(1500);
  await submit.click();
  await statusIs(page, "Bình luận của bạn đã được đăng.");
  const first = page.locator("[data-binhluan] >> [part=comment]").first();
  await first.waitFor();
  assert.match(await first.textContent(), /Bạn đọc CSP/);
  // The box is styled: the constructed stylesheet applies under the policy.
  const styled = await submit.evaluate((b) => getComputedStyle(b).cursor);
  assert.equal(styled, "pointer");
  assert.deepEqual(await page.evaluate(() => window.violations), [], "no policy violation");
  // Control: the policy is enforced and the listener hears it (an inline style attribute).
  await page.evaluate(() => document.body.setAttribute("style", "color: red"));
  await page.waitForFunction(() => window.violations.length === 1);
  assert.match((await page.evaluate(() => window.violations))[0], /^style-src-attr/);
  assert.deepEqual(errors.filter((e) => !/Content Security Policy/.test(e)), []);
  await context.close();
});

test("the policy is minimal: without 'wasm-unsafe-eval' the widget cannot start, and the plain form stands in", async () => {
  const server = await startServer();
  cleanup.push(() => server.stop());
  const { context, page, errors } = await underPolicy(server, CSP.replace(" 'wasm-unsafe-eval'", ""));
  await page.waitForFunction(() => window.violations.length > 0);
  assert.match((await page.evaluate(() => window.violations))[0], /^script-src wasm-eval/);
  // The loader says so in the console, and shows the plain form posting to the endpoint.
  const said = () => errors.some((e) => e.startsWith("binhluan: could not load the widget"));
  for (let i = 0; i < 100 && !said(); i++) await page.waitForTimeout(50);
  assert.ok(said(), errors.join("\n"));
  assert.equal(await page.evaluate(() => "binhluan" in window), false);
  const form = page.locator("[data-binhluan] >> form[method=post]");
  await form.waitFor();
  assert.equal(await form.getAttribute("action"), server.origin + "/api/comments");
  await context.close();
});
