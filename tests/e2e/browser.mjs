// Shared by the end-to-end tests: Debian's Chromium through playwright-core, and waiting for
// the widget.
import { chromium } from "playwright-core";

const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
/** Chromium's flags for a closed network and a quiet, throw-away profile (every driver). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Launches headless Chromium (never a downloaded browser). */
export function launch() {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

/** Resolves once `window.binhluan` is there (the loader fetched and started the wasm). */
export function widgetReady(page) {
  return page.evaluate(
    () => new Promise((ok) => (window.binhluan ? ok() : document.addEventListener("binhluan:ready", ok))),
  );
}

/** The box's textarea, status line and submit button inside the shadow root of `host`. */
export function parts(page, host = "[data-binhluan]") {
  return {
    box: page.locator(`${host} >> textarea`),
    status: page.locator(`${host} >> [role=status]`),
    submit: page.locator(`${host} >> button[type=submit]`),
    name: page.locator(`${host} >> input[autocomplete=name]`),
  };
}

/** Waits until the status line of the first box reads `text`. */
export function statusIs(page, text, timeout = 30_000) {
  return page.waitForFunction(
    (want) => document.querySelector("[data-binhluan]")?.shadowRoot?.querySelector("[role=status]")?.textContent === want,
    text,
    { timeout },
  );
}

/**
 * A new context and page on `url`, scrolled to the box until the widget is ready; `errors`
 * collects the page's uncaught errors.
 */
export async function openPage(browser, url, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url);
  // A lazy box loads when it nears the viewport.
  await page.locator("[data-binhluan]").scrollIntoViewIfNeeded();
  await widgetReady(page);
  return { context, page, errors };
}
