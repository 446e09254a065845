// End to end: the demo page in headless Chromium, driven by playwright-core.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";
import { serve } from "../../www/serve.mjs";

const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const args = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
let server, browser, origin;

before(async () => {
  server = await serve(0);
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath, args, headless: true });
  mkdirSync("test-results", { recursive: true });
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function openDemo(viewport = { width: 1000, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(origin + "/");
  await page.evaluate(
    () => new Promise((ok) => (window.binhluan ? ok() : document.addEventListener("binhluan:ready", ok))),
  );
  return { page, errors };
}

test("the script tag mounts the box and the counter follows typing", async () => {
  const { page, errors } = await openDemo();
  const box = page.locator("[data-binhluan] >> textarea");
  await box.waitFor();
  const counter = page.locator("[data-binhluan] >> [part=counter]");
  assert.equal(await counter.textContent(), "0/10 chữ");
  await box.click();
  await page.keyboard.type("Bài viết rất hay và bổ ích cho mọi người");
  assert.equal(await counter.textContent(), "10/10 chữ");
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
