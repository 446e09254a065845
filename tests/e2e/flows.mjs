// The reader's main flows, end to end in one engine through WebDriver (./webdriver.mjs),
// against the real binhluan-server: each *.engine.test.mjs file runs them in its engine.
// Also the degraded paths (no constructed stylesheets, no WebAssembly) and a page on an
// origin that is not a secure context, where the box must work fully.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openBrowser, insecureHost } from "./webdriver.mjs";
import { startServer } from "./server.mjs";
import { testSite } from "./pages.mjs";

const TEN_WORDS = "Cảm ơn tòa soạn đã đưa tin kịp thời về hội nghị này nhé";
const shots = process.env.BINHLUAN_SHOTS ?? "test-results";

// Page-side helpers, sent as source: they run in the browser.
const IN_PAGE = {
  /** What the reader sees of the first box: values, states, texts. */
  view: () => {
    const root = document.querySelector("[data-binhluan]").shadowRoot;
    if (!root || !root.querySelector("textarea")) return null;
    const rule = (r) => root.querySelector(`[data-rule=${r}]`);
    const textarea = root.querySelector("textarea");
    return {
      value: textarea.value,
      words: rule("words")?.querySelector("span")?.textContent,
      wordsState: rule("words")?.dataset.state,
      // The glyph, without its empty alternative text (`"✓" / ""`).
      wordsMark: rule("words") && getComputedStyle(rule("words"), "::before").content.split(" / ")[0],
      links: rule("links")?.dataset.state,
      marks: [...root.querySelectorAll("[part=mark]")].map((m) => m.textContent),
      status: root.querySelector("[role=status]")?.textContent,
      selected: textarea.value.slice(textarea.selectionStart, textarea.selectionEnd),
      comments: [...root.querySelectorAll("[part=comment]")].map((c) => c.textContent),
    };
  },
  /** Collects the page's uncaught errors from now on. */
  collectErrors: () => {
    window.errors = window.errors || [];
    addEventListener("error", (e) => window.errors.push(String(e.message)));
    addEventListener("unhandledrejection", (e) => window.errors.push(String(e.reason)));
    return true;
  },
  /** How the box is styled, and whether the honeypot takes any room. */
  styling: () => {
    const root = document.querySelector("[data-binhluan]").shadowRoot;
    const trap = root.querySelector("[name=website]");
    return {
      cursor: getComputedStyle(root.querySelector("button[type=submit]")).cursor,
      links: [...root.querySelectorAll("link[rel=stylesheet]")].map((l) => l.getAttribute("href")),
      adopted: root.adoptedStyleSheets ? root.adoptedStyleSheets.length : null,
      inlineStyles: root.querySelectorAll("[style], style").length,
      trapShown: trap.getClientRects().length > 0,
      trapHidden: trap.closest("[hidden]") !== null && trap.closest("[aria-hidden=true]") !== null,
    };
  },
};

/** Registers the flows for `engine` ("chromium", "firefox", "webkit"). */
export function engineFlows(engine) {
  let browser, server, api, pageServer, site;
  const cleanup = [];

  before(async () => {
    mkdirSync(shots, { recursive: true });
    site = testSite();
    cleanup.push(() => site.remove());
    server = await startServer("--auto-publish", "--www", site.dir);
    cleanup.push(() => server.stop());
    // The non-secure page comes from another server, and posts to this one on loopback
    // (plain http is allowed only to a loopback endpoint).
    const insecure = insecureHost(engine);
    api = await startServer("--auto-publish", "--allow-origin", "*");
    cleanup.push(() => api.stop());
    site.insecure(api.origin);
    pageServer = await startServer("--addr", `${insecure.listen}:0`, "--www", site.dir);
    cleanup.push(() => pageServer.stop());
    pageServer.page = pageServer.origin.replace(insecure.listen, insecure.host) + "/test/insecure.html";
    browser = await openBrowser(engine);
    cleanup.push(() => browser.close());
    await browser.setWindowRect(1000, 900).catch(() => {});
  });

  after(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  const view = () => browser.execute(IN_PAGE.view);
  /** Waits until the first box's view satisfies `ok`; returns that view. */
  async function viewUntil(ok, what, timeout = 20_000) {
    const end = Date.now() + timeout;
    for (;;) {
      const v = await view();
      if (v && ok(v)) return v;
      if (Date.now() > end) throw new Error(`${engine}: timed out waiting for ${what}; the box: ${JSON.stringify(v)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const textarea = async () => (await (await browser.find("[data-binhluan]")).shadow()).find("textarea");
  const part = async (selector) => (await (await browser.find("[data-binhluan]")).shadow()).find(selector);
  /** Opens `url` with no draft stored for its origin, collecting errors. */
  async function open(url) {
    await browser.navigate(url);
    await browser.execute(() => localStorage.clear());
    await browser.refresh();
    await browser.execute(IN_PAGE.collectErrors);
  }
  async function errors() {
    return browser.execute(() => window.errors || []);
  }
  /** A screenshot of the viewport with the box at its top (WebKitGTK's element shots of a
   * shadow host come out partly black). */
  async function shoot(name) {
    const host = await browser.find("[data-binhluan]");
    await browser.execute((h) => h.scrollIntoView({ block: "start" }), host);
    await new Promise((r) => setTimeout(r, 200));
    writeFileSync(join(shots, `${engine}-${name}.png`), await browser.screenshot());
  }
  /** Scrolls the demo by the wheel until its box is there. */
  async function scrollToBox() {
    for (let i = 0; i < 40 && !(await view()); i++) {
      await browser.scrollBy(600);
      await new Promise((r) => setTimeout(r, 150));
    }
    return viewUntil(Boolean, "the box");
  }

  test(`${engine}: the box loads only when the reader scrolls near it`, async () => {
    await open(server.origin + "/");
    await new Promise((r) => setTimeout(r, 300));
    const early = await browser.execute(() => ({
      wasm: performance.getEntriesByType("resource").filter((r) => r.name.endsWith(".wasm")).length,
      mounted: Boolean(document.querySelector("[data-binhluan]").shadowRoot),
    }));
    assert.deepEqual(early, { wasm: 0, mounted: false });
    const v = await scrollToBox();
    assert.equal(v.words, "Tối thiểu 10 chữ tiếng Việt có dấu (còn thiếu 10 chữ)");
    assert.equal(await browser.execute(() => performance.getEntriesByType("resource").filter((r) => r.name.endsWith(".wasm")).length), 1);
  });

  test(`${engine}: the checklist follows typing`, async () => {
    await open(server.origin + "/");
    await scrollToBox();
    const box = await textarea();
    await box.click();
    await box.type("Bài viết rất hay và bổ ích");
    let v = await viewUntil((v) => v.value === "Bài viết rất hay và bổ ích", "the typed text");
    assert.equal(v.words, "Tối thiểu 10 chữ tiếng Việt có dấu (còn thiếu 3 chữ)");
    await box.type(" cho mọi người");
    v = await viewUntil((v) => v.wordsState === "ok", "the words rule met");
    assert.equal(v.words, "Tối thiểu 10 chữ tiếng Việt có dấu");
    assert.equal(v.wordsMark, '"✓"', "the checklist shows its mark");
    assert.deepEqual(await errors(), []);
  });

  test(`${engine}: a Telex composition shows no error mid-word and counts the committed word`, async () => {
    await open(server.origin + "/");
    await scrollToBox();
    const box = await textarea();
    await box.click();
    // Script-dispatched composition events, as an input method sends them: C, Ch, Cha, Chao,
    // Chào ("Chaof" in Telex), then the word committed.
    await browser.execute((ta) => {
      ta.focus();
      ta.dispatchEvent(new CompositionEvent("compositionstart", { bubbles: true, data: "" }));
      for (const step of ["C", "Ch", "Cha", "Chao", "Chào"]) {
        ta.value = step;
        ta.dispatchEvent(new CompositionEvent("compositionupdate", { bubbles: true, data: step }));
        ta.dispatchEvent(new InputEvent("input", { bubbles: true, isComposing: true, inputType: "insertCompositionText", data: step }));
      }
    }, box);
    await new Promise((r) => setTimeout(r, 400));
    let v = await view();
    assert.equal(v.value, "Chào");
    assert.equal(v.wordsState, "todo", "no error while composing");
    await browser.execute((ta) => {
      ta.dispatchEvent(new CompositionEvent("compositionend", { bubbles: true, data: "Chào" }));
      ta.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: "Chào" }));
    }, box);
    // The committed word counts; an unfinished comment is not an error until the reader posts.
    v = await viewUntil((v) => v.words?.includes("còn thiếu 9 chữ"), "the committed word counted");
    assert.equal(v.wordsState, "todo", "no error for an unfinished comment");
    await box.type(" bạn, bài viết rất hay và bổ ích cho mọi người");
    v = await viewUntil((v) => v.wordsState === "ok", "the words rule met");
    assert.equal(v.value, "Chào bạn, bài viết rất hay và bổ ích cho mọi người");
    assert.deepEqual(await errors(), []);
  });

  test(`${engine}: a disguised link is pointed at and a click selects it`, async () => {
    await open(server.origin + "/");
    await scrollToBox();
    const box = await textarea();
    await box.click();
    await box.type("Bài viết rất hay, mọi người vào nhacai88 chấm com mà xem nhé");
    const v = await viewUntil((v) => v.links === "fail" && v.marks.length > 0, "the link pointed at");
    assert.deepEqual(v.marks, ["nhacai88 chấm com"]);
    await (await part("[part=mark]")).click();
    const after = await viewUntil((v) => v.selected !== "", "the link selected");
    assert.equal(after.selected, "nhacai88 chấm com");
    await shoot("link");
  });

  test(`${engine}: the draft survives a reload`, async () => {
    await open(server.origin + "/");
    await scrollToBox();
    const box = await textarea();
    await box.click();
    await box.type("Bản nháp viết dở, chưa gửi đi");
    await viewUntil((v) => v.value === "Bản nháp viết dở, chưa gửi đi", "the typed draft");
    // The draft is saved after a short pause in typing.
    await browser.until(() => Object.keys(localStorage).some((k) => k.startsWith("binhluan:draft:")), [], { what: "the draft saved" });
    await browser.refresh();
    const v = await scrollToBox();
    assert.equal(v.value, "Bản nháp viết dở, chưa gửi đi");
    assert.equal(v.status, "Đã khôi phục bản nháp chưa gửi của bạn.");
  });

  test(`${engine}: a comment is posted to binhluan-server and listed`, async () => {
    await open(server.origin + "/");
    await scrollToBox();
    const box = await textarea();
    await box.click();
    await box.type(TEN_WORDS);
    await (await part("input[autocomplete=name]")).type(`Bạn đọc ${engine}`);
    // The server files a comment written faster than 200 ms a word as spam (never listed).
    await new Promise((r) => setTimeout(r, 3000));
    await (await part("button[type=submit]")).click();
    const v = await viewUntil((v) => v.comments.some((c) => c.includes(`Bạn đọc ${engine}`)), "the comment listed");
    assert.equal(v.status, "Bình luận của bạn đã được đăng.");
    assert.equal(v.value, "");
    assert.ok(v.comments[0].includes("Cảm ơn tòa soạn đã đưa tin kịp thời"));
    await shoot("posted");
    assert.deepEqual(await errors(), []);
  });

  test(`${engine}: the box works under the strict Content-Security-Policy`, async () => {
    await open(server.origin + "/test/strict.html");
    await viewUntil(Boolean, "the box");
    const box = await textarea();
    await box.click();
    await box.type(TEN_WORDS);
    await viewUntil((v) => v.wordsState === "ok", "the words rule met");
    const styling = await browser.execute(IN_PAGE.styling);
    assert.equal(styling.cursor, "pointer", "styled");
    assert.equal(styling.inlineStyles, 0);
    assert.equal(styling.trapShown, false);
    assert.deepEqual(await browser.execute(() => window.violations), [], "no policy violation");
    assert.deepEqual(await errors(), []);
  });

  test(`${engine}: on a page that is not a secure context the box works fully`, async () => {
    await open(pageServer.page);
    const page = await browser.execute(() => ({ secure: window.isSecureContext, randomUUID: typeof crypto.randomUUID }));
    assert.deepEqual(page, { secure: false, randomUUID: "undefined" }, "the page is not a secure context");
    await viewUntil(Boolean, "the box");
    const box = await textarea();
    await box.click();
    await box.type(TEN_WORDS);
    await viewUntil((v) => v.wordsState === "ok" && v.links === "ok", "the checklist met");
    await browser.until(() => Object.keys(localStorage).some((k) => k.startsWith("binhluan:draft:")), [], { what: "the draft saved" });
    await browser.refresh();
    await browser.execute(IN_PAGE.collectErrors);
    let v = await viewUntil((v) => v.value === TEN_WORDS, "the draft restored");
    assert.equal(v.status, "Đã khôi phục bản nháp chưa gửi của bạn.");
    await new Promise((r) => setTimeout(r, 2500));
    await (await part("button[type=submit]")).click();
    v = await viewUntil((v) => v.status === "Bình luận của bạn đã được đăng.", "the comment posted");
    const stored = api.comments().filter((c) => c.content === TEN_WORDS);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].status, "published");
    assert.deepEqual(await errors(), []);
  });

  test(`${engine}: without constructed stylesheets the box is styled from binhluan.css`, async () => {
    await open(server.origin + "/test/no-sheets.html");
    assert.equal(await browser.execute(() => "replaceSync" in CSSStyleSheet.prototype), false);
    await viewUntil(Boolean, "the box");
    const box = await textarea();
    await box.click();
    await box.type(TEN_WORDS);
    const v = await viewUntil((v) => v.wordsState === "ok", "the words rule met");
    await browser.until(() => getComputedStyle(document.querySelector("[data-binhluan]").shadowRoot.querySelector("button[type=submit]")).cursor === "pointer", [], { what: "the stylesheet applied" });
    const styling = await browser.execute(IN_PAGE.styling);
    assert.equal(styling.links.length, 1);
    assert.match(styling.links[0], /\/binhluan\/binhluan\.css$/);
    assert.equal(styling.inlineStyles, 0);
    assert.equal(v.wordsMark, '"✓"', "the checklist shows its marks");
    assert.equal(styling.trapShown, false, "the honeypot is not shown");
    assert.equal(styling.trapHidden, true);
    assert.deepEqual(await browser.execute(() => window.violations), [], "the strict policy holds");
    await shoot("no-constructed-stylesheets");
    assert.deepEqual(await errors(), []);
  });

  test(`${engine}: without WebAssembly a plain form posts to the endpoint`, async () => {
    await open(server.origin + "/test/no-wasm.html");
    await browser.until(() => document.querySelector("[data-binhluan]").shadowRoot?.querySelector("form[method=post]"), [], { what: "the plain form" });
    await browser.until(() => getComputedStyle(document.querySelector("[data-binhluan]").shadowRoot.querySelector("button[type=submit]")).cursor === "pointer", [], { what: "the plain form styled" });
    const styling = await browser.execute(IN_PAGE.styling);
    assert.equal(styling.trapShown, false, "the honeypot is not shown");
    await shoot("plain-form");
    const text = `${TEN_WORDS} qua ${engine}`;
    await (await part("textarea")).type(text);
    await (await part("input[name=name]")).type(`Bạn đọc ${engine} không wasm`);
    await (await part("button[type=submit]")).click();
    // The server stores it and leads back to the article.
    await browser.until(() => location.hash === "#binhluan-sent" && document.readyState === "complete", [], { what: "the way back to the article" });
    const stored = server.comments().filter((c) => c.content === text);
    assert.equal(stored.length, 1, JSON.stringify(server.comments()));
    assert.equal(stored[0].name, `Bạn đọc ${engine} không wasm`);
    assert.deepEqual(await browser.execute(() => window.violations), [], "the strict policy holds");
  });
}
