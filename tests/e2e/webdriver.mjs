// A small W3C WebDriver client (fetch to a local driver) for the end-to-end flows in every
// engine: Chromium (chromedriver), Firefox (geckodriver) and WebKit (WebKitGTK's
// WebKitWebDriver, under a private Xvfb display). playwright-core drives neither Debian's
// Firefox ESR nor this WebKit; and nothing here downloads a browser or a driver: they must
// be installed (.ci/run does it).
import { spawn, execFileSync } from "node:child_process";
import { createServer } from "node:net";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { homedir, networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { CHROMIUM_ARGS } from "./browser.mjs";

/** The JSON key of an element reference and of a shadow root reference (W3C WebDriver). */
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
const SHADOW = "shadow-6066-11e4-a52e-4f735466cecf";

/** The first of `paths` that exists, else the command found on PATH, else null. */
function findTool(name, ...paths) {
  for (const p of paths) if (p && existsSync(p)) return p;
  try {
    return execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
}

/** The name the browsers that can map one resolve to 127.0.0.1 (not "localhost": not secure). */
export const INSECURE_NAME = "binhluan.test";

const ENGINES = {
  chromium: {
    driver: () => findTool("chromedriver", process.env.CHROMEDRIVER),
    browser: () => findTool("chromium", process.env.CHROMIUM),
    display: false,
    args: (port) => [`--port=${port}`],
    capabilities: (binary) => ({
      browserName: "chrome",
      "goog:chromeOptions": {
        binary,
        args: [
          ...CHROMIUM_ARGS,
          "--headless=new",
          "--window-size=1000,900",
          `--host-resolver-rules=MAP ${INSECURE_NAME} 127.0.0.1`,
        ],
      },
    }),
  },
  firefox: {
    driver: () => findTool("geckodriver", process.env.GECKODRIVER, join(homedir(), ".cargo/bin/geckodriver")),
    browser: () => findTool("firefox-esr", process.env.FIREFOX) ?? findTool("firefox"),
    display: false,
    args: (port, extra) => ["--port", String(port), "--websocket-port", String(extra)],
    capabilities: (binary) => ({
      browserName: "firefox",
      "moz:firefoxOptions": {
        binary,
        args: ["-headless", "-width=1000", "-height=900"],
        prefs: {
          "network.dns.localDomains": INSECURE_NAME,
          "dom.security.https_first": false,
          "browser.shell.checkDefaultBrowser": false,
          "datareporting.policy.dataSubmissionEnabled": false,
          "app.update.disabledForTesting": true,
        },
      },
    }),
  },
  webkit: {
    driver: () => findTool("WebKitWebDriver", process.env.WEBKITWEBDRIVER, "/usr/bin/WebKitWebDriver"),
    browser: () => "webkit",
    display: true,
    args: (port) => [`--port=${port}`],
    capabilities: () => ({}),
  },
};

/** Whether `engine` ("firefox", "webkit") can run here; else why not. */
export function missing(engine) {
  const e = ENGINES[engine];
  if (!e.driver()) return `${engine}: its WebDriver is not installed (bash .ci/run installs it)`;
  if (!e.browser()) return `${engine}: the browser is not installed (bash .ci/run installs it)`;
  if (e.display && !process.env.DISPLAY && !findTool("Xvfb")) return `${engine}: needs Xvfb (apt-get install xvfb)`;
  return null;
}

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
    server.on("error", fail);
  });
}

/** A private X display (Xvfb picks a free number and tells it on `-displayfd`). */
async function startXvfb() {
  const child = spawn(findTool("Xvfb"), ["-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  const display = await new Promise((ok, fail) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (out.includes("\n")) ok(`:${out.trim()}`);
    });
    child.on("exit", (code) => fail(new Error(`Xvfb exited with ${code}`)));
  });
  return { display, stop: () => child.kill("SIGTERM") };
}

class WebDriverError extends Error {}

/**
 * The host of a page that is not a secure context, and the address its server listens on:
 * the mapped name where the browser can map one, else this machine's own network address
 * (WebKitGTK cannot map names; every loopback address counts as secure).
 */
export function insecureHost(engine) {
  if (engine !== "webkit") return { host: INSECURE_NAME, listen: "127.0.0.1" };
  const own = Object.values(networkInterfaces())
    .flat()
    .find((a) => a.family === "IPv4" && !a.internal);
  if (!own) throw new Error("webkit: the non-secure origin test needs a network address other than loopback");
  return { host: own.address, listen: own.address };
}

/** Starts `engine`'s driver ("chromium", "firefox", "webkit") and opens a session. */
export async function openBrowser(engine) {
  const e = ENGINES[engine];
  const why = missing(engine);
  if (why) throw new Error(why);
  const xvfb = e.display && !process.env.DISPLAY ? await startXvfb() : null;
  const port = await freePort();
  const profile = mkdtempSync(join(tmpdir(), `binhluan-${engine}-`));
  const env = { ...process.env, TMPDIR: profile };
  if (xvfb) env.DISPLAY = xvfb.display;
  const driver = spawn(e.driver(), e.args(port, await freePort()), { env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  driver.stdout.on("data", (c) => (log += c));
  driver.stderr.on("data", (c) => (log += c));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      const status = await fetch(`${url}/status`);
      if (status.ok) break;
    } catch {
      if (i > 100 || driver.exitCode !== null) throw new Error(`${engine} driver did not start: ${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const stopAll = () => {
    driver.kill("SIGTERM");
    xvfb?.stop();
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const session = await command(url, "POST", "/session", {
      capabilities: { alwaysMatch: e.capabilities(e.browser()) },
    });
    return new Session(engine, url, session.sessionId, session.capabilities, stopAll);
  } catch (error) {
    stopAll();
    throw new Error(`${engine}: ${error.message}\n${log}`);
  }
}

async function command(base, method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const { value } = await response.json();
  if (!response.ok) throw new WebDriverError(`${method} ${path}: ${value?.error}: ${value?.message}`);
  return value;
}

/** An element, or a shadow root, of a session. */
class Node {
  constructor(session, kind, id) {
    Object.assign(this, { session, kind, id });
  }
  #path(suffix) {
    return `/${this.kind}/${this.id}${suffix}`;
  }
  /** The first element matching the CSS `selector` inside this one. */
  async find(selector) {
    const found = await this.session.send("POST", this.#path("/element"), { using: "css selector", value: selector });
    return new Node(this.session, "element", found[ELEMENT]);
  }
  /** This element's open shadow root. */
  async shadow() {
    const root = await this.session.send("GET", this.#path("/shadow"));
    return new Node(this.session, "shadow", root[SHADOW]);
  }
  click() {
    return this.session.send("POST", this.#path("/click"), {});
  }
  /** Types `text` into the element, key by key, as the keyboard would. */
  type(text) {
    return this.session.send("POST", this.#path("/value"), { text });
  }
  clear() {
    return this.session.send("POST", this.#path("/clear"), {});
  }
  attribute(name) {
    return this.session.send("GET", this.#path(`/attribute/${name}`));
  }
  property(name) {
    return this.session.send("GET", this.#path(`/property/${name}`));
  }
  text() {
    return this.session.send("GET", this.#path("/text"));
  }
  /** A PNG of the element, as a Buffer. */
  async screenshot() {
    return Buffer.from(await this.session.send("GET", this.#path("/screenshot")), "base64");
  }
  /** The reference scripts receive as an argument. */
  toJSON() {
    return { [this.kind === "element" ? ELEMENT : SHADOW]: this.id };
  }
}

export class Session {
  constructor(engine, url, id, capabilities, stop) {
    Object.assign(this, { engine, url, id, capabilities, stopDriver: stop });
  }
  send(method, path, body) {
    return command(this.url, method, `/session/${this.id}${path}`, body);
  }
  navigate(url) {
    return this.send("POST", "/url", { url });
  }
  refresh() {
    return this.send("POST", "/refresh", {});
  }
  /** The document's first element matching `selector`. */
  async find(selector) {
    const found = await this.send("POST", "/element", { using: "css selector", value: selector });
    return new Node(this, "element", found[ELEMENT]);
  }
  /** Runs `fn` (its source) in the page with `args`; returns its (awaited) result. */
  execute(fn, ...args) {
    return this.send("POST", "/execute/sync", { script: `return (${fn}).apply(null, arguments)`, args });
  }
  /** Waits until `fn(...args)` in the page returns a truthy value; returns it. */
  async until(fn, args = [], { timeout = 20_000, what = String(fn) } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      const value = await this.execute(fn, ...args);
      if (value) return value;
      if (Date.now() > end) throw new Error(`${this.engine}: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  /** Scrolls the viewport by `dy` pixels with the mouse wheel. */
  async scrollBy(dy) {
    await this.send("POST", "/actions", {
      actions: [{ type: "wheel", id: "wheel", actions: [{ type: "scroll", x: 10, y: 10, deltaX: 0, deltaY: dy, origin: "viewport" }] }],
    });
    // WebKitWebDriver ignores every wheel action after the first until the input state is released.
    await this.send("DELETE", "/actions");
  }
  /** A PNG of the viewport, as a Buffer. */
  async screenshot() {
    return Buffer.from(await this.send("GET", "/screenshot"), "base64");
  }
  setWindowRect(width, height) {
    return this.send("POST", "/window/rect", { width, height });
  }
  async close() {
    try {
      await this.send("DELETE", "");
    } finally {
      this.stopDriver();
    }
  }
}
