// Content hashes and precompressed copies for the widget folder (the last step of .ci/build).
//
// Every file the loader fetches gets the first 8 hex digits of its SHA-256 in its name
// (binhluan_core_bg.wasm → binhluan_core_bg.3f9a1c2b.wasm), and the names the loader and the
// glue are written with are rewritten to those: a site can cache those files forever, since
// new contents come under a new name. binhluan.js keeps its name (pages name it: it must stay
// short-cached), and so does binhluan.css (the wasm names it). Then every file gets its
// brotli (.br) and gzip (.gz) sibling for servers that send precompressed files.
//
// usage: node .ci/hash.mjs <widget folder>
// Fails (exit 1) unless every name to rewrite appears exactly once where it is rewritten.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dir = process.argv[2];
const fail = (message) => {
  console.error(`hash: ${message}`);
  process.exit(1);
};

// What an earlier build left: hashed names and compressed copies.
for (const name of readdirSync(dir)) {
  if (/\.[0-9a-f]{8}\.[a-z]+$|\.(br|gz)$/.test(name)) rmSync(join(dir, name));
}

/** Replaces the one quoted occurrence of each name in `file` with its hashed name. */
function rewrite(file, names) {
  let text = readFileSync(join(dir, file), "utf8");
  for (const [name, hashed] of names) {
    const parts = text.split(`"${name}"`);
    if (parts.length !== 2) fail(`${file} names "${name}" ${parts.length - 1} times, not once`);
    text = parts.join(`"${hashed}"`);
  }
  writeFileSync(join(dir, file), text);
}

/** Renames `name` to carry its content's hash; returns [name, hashed name]. */
function hash(name) {
  const digest = createHash("sha256").update(readFileSync(join(dir, name))).digest("hex").slice(0, 8);
  const hashed = name.replace(/(\.[a-z]+)$/, `.${digest}$1`);
  renameSync(join(dir, name), join(dir, hashed));
  return [name, hashed];
}

// The wasm first: the glue names it (its default path), so its hash comes before the glue's.
const wasm = hash("binhluan_core_bg.wasm");
rewrite("binhluan_core.js", [wasm]);
const modules = ["binhluan_core.js", "binhluan_start.js", "binhluan_plain.js", "binhluan_count.js"].map(hash);
rewrite("binhluan.js", [wasm, ...modules]);

for (const name of readdirSync(dir)) {
  const data = readFileSync(join(dir, name));
  writeFileSync(join(dir, `${name}.br`), brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
  writeFileSync(join(dir, `${name}.gz`), gzipSync(data, { level: 9 }));
}
