// In-page measurements, called by run.mjs through page.evaluate (window.bench).
// performance.now() is coarsened (0.1 ms in an ordinary page): every timing is of a batch of
// calls long enough to make that coarsening negligible, divided by the batch's size.
import { LinkifyIt } from "linkify-it";
import * as linkify from "linkifyjs";

const BATCH_MS = 5; // a batch lasts at least this long (50 timer ticks)
const WARMUP = 3; // batches run and thrown away first
const BATCHES = 25; // batches measured

const tlds = await (await fetch("/node_modules/tlds/index.json")).json();
const linkifyIt = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: true }).tlds(tlds);

/** Median and p95 (nearest rank) of per-call times, in ms, of `fn` run in batches. */
function measure(fn) {
  let n = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < n; i++) fn();
    if (performance.now() - t >= BATCH_MS) break;
    n *= 2;
  }
  const per = [];
  for (let b = 0; b < WARMUP + BATCHES; b++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) fn();
    if (b >= WARMUP) per.push((performance.now() - t) / n);
  }
  per.sort((a, b) => a - b);
  const rank = (q) => per[Math.min(per.length - 1, Math.ceil(q * per.length) - 1)];
  return { median: rank(0.5), p95: rank(0.95), batch: n };
}

let sink = 0; // results feed this so no call is optimised away

function ready() {
  if (window.binhluan) return Promise.resolve(window.binhluan);
  return new Promise((resolve) => document.addEventListener("binhluan:ready", (e) => resolve(e.detail), { once: true }));
}

/** The mounted box's textarea and the wasm instance's exports (for its memory). */
async function box() {
  const api = await ready();
  const host = document.getElementById("box");
  for (let i = 0; !host.shadowRoot?.querySelector("textarea"); i++) {
    if (i > 2000) throw new Error("the box did not mount");
    await new Promise((r) => setTimeout(r, 5));
  }
  // The loader imported this module already (under its content-hashed name): init() returns
  // the same instance's exports.
  const glue = performance.getEntriesByType("resource").find((r) => /\/binhluan_core\.\w+\.js$/.test(r.name));
  const core = await import(glue.name);
  const wasm = await core.default();
  return { api, host, textarea: host.shadowRoot.querySelector("textarea"), wasm };
}

window.bench = {
  /** check() through the wasm boundary, linkify-it and linkifyjs on the same text. */
  async detectors(text) {
    const { api } = await box();
    const options = { maxLength: 100000 };
    const verdict = api.check(text, options);
    const found = {
      binhluan: verdict.links.map((l) => l.text),
      linkifyIt: (linkifyIt.match(text) || []).map((m) => m.raw),
      linkifyjs: linkify.find(text).map((m) => m.value),
      words: verdict.words,
    };
    return {
      found,
      binhluan: measure(() => (sink += api.check(text, options).links.length)),
      linkifyIt: measure(() => (sink += (linkifyIt.match(text) || []).length)),
      linkifyjs: measure(() => (sink += linkify.find(text).length)),
    };
  },

  /** An `input` event on the box's textarea until its checklist is updated in the DOM. The
   * text alternates between `text` and `text` plus one word, so every event changes the
   * verdict; the handler updates the checklist synchronously, and the `binhluan:change`
   * events counted prove that every input was checked and shown. */
  async endToEnd(text) {
    const { host, textarea } = await box();
    const variants = [text, text + " nhé"];
    let changes = 0;
    const count = () => changes++;
    host.addEventListener("binhluan:change", count);
    let events = 0;
    const result = measure(() => {
      textarea.value = variants[events % 2];
      textarea.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: "x" }));
      events++;
    });
    host.removeEventListener("binhluan:change", count);
    const rules = host.shadowRoot.querySelector("[part~=rules]");
    return { ...result, events, changes, checklist: rules ? rules.textContent : null };
  },

  /** The fixed cost of a call: check() of an empty text (options read, verdict object built). */
  async fixedCost() {
    const { api } = await box();
    const options = { maxLength: 100000 };
    return measure(() => (sink += api.check("", options).problems.length));
  },

  /** Bytes of wasm linear memory now. */
  async memory() {
    const { wasm } = await box();
    return wasm.memory.buffer.byteLength;
  },

  /** Checks `text` once (for the memory after a large check). */
  async checkOnce(text) {
    const { api } = await box();
    return api.check(text, { maxLength: 100000 }).length;
  },
};
window.benchReady = true;
