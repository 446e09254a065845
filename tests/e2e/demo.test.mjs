// End to end: the demo page in headless Chromium, driven by playwright-core.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { launch, widgetReady } from "./browser.mjs";
import { startServer } from "./server.mjs";

let server, browser, origin;

before(async () => {
  server = await startServer("--auto-publish");
  origin = server.origin;
  browser = await launch();
  mkdirSync("test-results", { recursive: true });
});

after(async () => {
  await browser?.close();
  server?.stop();
});

async function openDemo(viewport = { width: 1000, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(origin + "/");
  // The widget loads when its box nears the viewport.
  await page.locator("[data-binhluan]").scrollIntoViewIfNeeded();
  await widgetReady(page);
  return { page, errors };
}

test("the script tag mounts the box and the checklist follows typing", async () => {
  const { page, errors } = await openDemo();
  const box = page.locator("[data-binhluan] >> textarea");
  await box.waitFor();
  const words = page.locator("[data-binhluan] >> [data-rule=words]");
  const wordsText = page.locator("[data-binhluan] >> [data-rule=words] span");
  assert.equal(await wordsText.textContent(), "Tối thiểu 10 chữ tiếng Việt có dấu (còn thiếu 10 chữ)");
  await box.click();
  await page.keyboard.type("Bài viết rất hay và bổ ích");
  assert.equal(await wordsText.textContent(), "Tối thiểu 10 chữ tiếng Việt có dấu (còn thiếu 3 chữ)");
  await page.keyboard.type(" cho mọi người");
  assert.equal(await wordsText.textContent(), "Tối thiểu 10 chữ tiếng Việt có dấu");
  assert.equal(await words.getAttribute("data-state"), "ok");
  await page.locator("[data-binhluan]").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/demo-typed.png" });
  assert.deepEqual(errors, []);
  await page.close();
});

test("window.binhluan exposes check() and version", async () => {
  const { page } = await openDemo();
  const result = await page.evaluate(() => ({
    version: window.binhluan.version,
    verdict: window.binhluan.check("Chào bạn", {}),
  }));
  assert.match(result.version, /^\d+\.\d+\.\d+$/);
  assert.equal(result.verdict.ok, false);
  assert.deepEqual(result.verdict.problems, ["too-few-words"]);
  await page.close();
});

test("the box loads only when it nears the viewport", async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  const wasm = [];
  page.on("request", (r) => r.url().endsWith(".wasm") && wasm.push(r.url()));
  await page.goto(origin + "/");
  await page.waitForTimeout(300);
  assert.deepEqual(wasm, [], "no wasm before the reader scrolls near the box");
  await page.locator("[data-binhluan]").scrollIntoViewIfNeeded();
  await page.locator("[data-binhluan] >> textarea").waitFor();
  assert.equal(wasm.length, 1);
  await page.close();
});

test("three embeddings: data attribute, custom element, JS API", async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.route(origin + "/embeds.html", (route) =>
    route.fulfill({
      contentType: "text/html; charset=utf-8",
      body: `<!doctype html><meta charset="utf-8"><title>Embeds</title>
        <div id="a" data-binhluan data-min-words="3" data-list="off"></div>
        <binh-luan id="b" endpoint="/api/other" min-words="4" lang="en"></binh-luan>
        <div id="c"></div>
        <script src="/binhluan/binhluan.js" data-endpoint="/api/comments" data-load="eager"></script>`,
    }),
  );
  await page.goto(origin + "/embeds.html");
  await widgetReady(page);
  await page.evaluate(() => {
    window.handle = window.binhluan.mount(document.getElementById("c"), {
      endpoint: "/api/comments",
      minWords: 5,
      articleId: "c",
      // Without the list the box never hears the endpoint's own rules (which would win).
      list: false,
    });
  });
  const words = (id) => page.locator(`#${id} >> [data-rule=words] span`);
  assert.match(await words("a").textContent(), /^Tối thiểu 3 chữ/);
  assert.match(await words("b").textContent(), /^At least 4 Vietnamese words/);
  assert.match(await words("c").textContent(), /^Tối thiểu 5 chữ/);
  // The boxes are independent.
  await page.locator("#a >> textarea").fill("Một hai ba");
  const state = (id) => page.locator(`#${id} >> [data-rule=words]`).getAttribute("data-state");
  assert.equal(await state("a"), "ok");
  assert.equal(await state("c"), "todo");
  // destroy() and removing the custom element take the boxes away.
  await page.evaluate(() => {
    window.handle.destroy();
    document.getElementById("b").remove();
  });
  assert.equal(await page.locator("#c >> textarea").count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test("typing through an IME (DevTools composition) shows no error mid-word", async () => {
  const { page, errors } = await openDemo();
  const box = page.locator("[data-binhluan] >> textarea");
  const words = page.locator("[data-binhluan] >> [data-rule=words]");
  await box.click();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Input.imeSetComposition", { text: "Ch", selectionStart: 2, selectionEnd: 2 });
  await cdp.send("Input.imeSetComposition", { text: "Chà", selectionStart: 3, selectionEnd: 3 });
  await page.waitForTimeout(400);
  assert.equal(await box.inputValue(), "Chà");
  assert.equal(await words.getAttribute("data-state"), "todo", "no error while composing");
  await cdp.send("Input.insertText", { text: "Chào" });
  assert.equal(await box.inputValue(), "Chào");
  // Composition over: the count shows, neutral (an unfinished comment is not an error).
  await page.waitForFunction(
    () => document.querySelector("[data-binhluan]").shadowRoot.querySelector("[data-rule=words]").textContent.includes("còn thiếu 9 chữ"),
  );
  assert.equal(await words.getAttribute("data-state"), "todo");
  // Composing the rest of the comment word by word ends with the rule met.
  for (const word of " bạn, bài viết rất hay và bổ ích cho mọi người".split(/(?= )/)) {
    await cdp.send("Input.imeSetComposition", { text: word, selectionStart: word.length, selectionEnd: word.length });
    await cdp.send("Input.insertText", { text: word });
  }
  assert.equal(await box.inputValue(), "Chào bạn, bài viết rất hay và bổ ích cho mọi người");
  assert.equal(await words.getAttribute("data-state"), "ok");
  assert.deepEqual(errors, []);
  await page.close();
});

test("the draft survives a reload and reaches a second tab of the article", async () => {
  const context = await browser.newContext();
  const open = async () => {
    const page = await context.newPage();
    await page.goto(origin + "/");
    await page.locator("[data-binhluan]").scrollIntoViewIfNeeded();
    await page.locator("[data-binhluan] >> textarea").waitFor();
    return page;
  };
  const first = await open();
  const second = await open();
  await first.locator("[data-binhluan] >> textarea").fill("Bản nháp viết dở, chưa gửi đi");
  await second.waitForFunction(
    () => document.querySelector("[data-binhluan]").shadowRoot.querySelector("textarea").value === "Bản nháp viết dở, chưa gửi đi",
  );
  await first.reload();
  await first.locator("[data-binhluan]").scrollIntoViewIfNeeded();
  const box = first.locator("[data-binhluan] >> textarea");
  await box.waitFor();
  assert.equal(await box.inputValue(), "Bản nháp viết dở, chưa gửi đi");
  assert.equal(
    await first.locator("[data-binhluan] >> [role=status]").textContent(),
    "Đã khôi phục bản nháp chưa gửi của bạn.",
  );
  await context.close();
});

test("a pasted link is pointed at and a click selects it", async () => {
  const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  await page.goto(origin + "/");
  await page.locator("[data-binhluan]").scrollIntoViewIfNeeded();
  const box = page.locator("[data-binhluan] >> textarea");
  await box.click();
  await page.keyboard.type("Bài viết rất hay, mọi người vào ");
  await page.evaluate(() => navigator.clipboard.writeText("nhacai88 chấm com"));
  await page.keyboard.press("Control+V");
  await page.keyboard.type(" mà xem nhé");
  assert.equal(await box.inputValue(), "Bài viết rất hay, mọi người vào nhacai88 chấm com mà xem nhé");
  const links = page.locator("[data-binhluan] >> [data-rule=links]");
  await page.waitForFunction(
    () => document.querySelector("[data-binhluan]").shadowRoot.querySelector("[data-rule=links]").dataset.state === "fail",
  );
  assert.equal(await links.getAttribute("data-state"), "fail");
  const mark = page.locator("[data-binhluan] >> [part=mark]").first();
  assert.equal(await mark.textContent(), "nhacai88 chấm com");
  await mark.click();
  const selected = await box.evaluate((t) => t.value.slice(t.selectionStart, t.selectionEnd));
  assert.equal(selected, "nhacai88 chấm com");
  await page.locator("[data-binhluan]").screenshot({ path: "test-results/link-pointed.png" });
  await context.close();
});

test("a comment typed at human speed is posted to binhluan-server and listed", async () => {
  const { page, errors } = await openDemo();
  const box = page.locator("[data-binhluan] >> textarea");
  const text = "Cảm ơn tòa soạn đã đưa tin kịp thời về hội nghị này nhé";
  await box.click();
  await page.keyboard.type(text, { delay: 45 });
  await page.locator("[data-binhluan] >> input[autocomplete=name]").fill("Bạn đọc Lào Cai");
  // The server files a comment written faster than 200 ms a word as spam (never listed):
  // 13 words need 2.6 s from the first keystroke, and typing alone may take only 2.5 s.
  await page.waitForTimeout(1500);
  const posted = page.evaluate(
    () => new Promise((ok) => document.querySelector("[data-binhluan]").addEventListener("binhluan:posted", (e) => ok(e.detail))),
  );
  await page.locator("[data-binhluan] >> button[type=submit]").click();
  const reply = await posted;
  assert.equal(reply.status, "published");
  assert.equal(await page.locator("[data-binhluan] >> [role=status]").textContent(), "Bình luận của bạn đã được đăng.");
  assert.equal(await box.inputValue(), "");
  const listed = page.locator("[data-binhluan] >> [part=comment]").first();
  await listed.waitFor();
  assert.match(await listed.textContent(), /Bạn đọc Lào Cai/);
  assert.match(await listed.textContent(), /Cảm ơn tòa soạn đã đưa tin kịp thời/);
  await page.locator("[data-binhluan]").screenshot({ path: "test-results/posted.png" });
  assert.deepEqual(errors, []);
  await page.close();
});

test("a click on Gửi right after typing a comment that breaks a rule is not lost", async () => {
  const { page } = await openDemo();
  const box = page.locator("[data-binhluan] >> textarea");
  await box.click();
  await page.keyboard.type("Bai viet hay qua");
  // The press straddles the moment the pending error reveal would fire (150 ms).
  await page.locator("[data-binhluan] >> button[type=submit]").click({ delay: 200 });
  assert.equal(
    await page.locator("[data-binhluan] >> [role=status]").textContent(),
    "Bình luận chưa đạt yêu cầu: xem các mục đánh dấu ở trên.",
  );
  assert.equal(await box.getAttribute("aria-invalid"), "true");
  await page.close();
});
