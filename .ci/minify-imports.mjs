// Shortens the names by which the wasm imports wasm-bindgen's JavaScript shims, in both files.
//
// wasm-bindgen names every shim `__wbg_<method>_<16 hex digits>` and the wasm imports it from
// the module "./<name>_bg.js": about 150 imports here, each name written once in the wasm's
// import section and once in the glue's imports object. The hex digits do not compress, so
// the names cost about 3 KB of gzip over the two files; renamed `a`, `b`, … and the module
// `w`, they cost a few hundred bytes. Nothing else changes: the import order, the types and
// the glue's code stay as they are.
//
// usage: node .ci/minify-imports.mjs <module_bg.wasm> <glue.js>
// Fails (exit 1) without writing anything unless every import of the shim module appears
// exactly once as a key of the glue's imports object.
import { readFileSync, writeFileSync } from "node:fs";

const [wasmPath, gluePath] = process.argv.slice(2);
const wasm = readFileSync(wasmPath);
let glue = readFileSync(gluePath, "utf8");

const fail = (message) => {
  console.error(`minify-imports: ${message}`);
  process.exit(1);
};

/** An unsigned LEB128 at `at`: [value, offset after it]. */
function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

function leb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Buffer.from(out);
}

const encodeName = (name) => {
  const bytes = Buffer.from(name, "utf8");
  return Buffer.concat([leb(bytes.length), bytes]);
};

/** `a` … `z`, `A` … `Z`, then two letters: identifiers, never a number or a keyword. */
function shortName(index) {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let name = "";
  do {
    name = letters[index % letters.length] + name;
    index = Math.floor(index / letters.length) - 1;
  } while (index >= 0);
  return name;
}

if (wasm.readUInt32LE(0) !== 0x6d736100) fail(`${wasmPath} is not a wasm module`);

// Find the import section (id 2).
let at = 8;
let section = null;
while (at < wasm.length) {
  const id = wasm[at];
  const [size, body] = readLeb(wasm, at + 1);
  if (id === 2) section = { start: at, body, end: body + size };
  at = body + size;
}
if (!section) fail("no import section");

// Rewrite its entries: module and field names, the descriptors copied as they are.
let [count, p] = readLeb(wasm, section.body);
const entries = [leb(count)];
const renames = new Map();
let shimModule = null;
const readName = () => {
  const [length, start] = readLeb(wasm, p);
  p = start + length;
  return wasm.toString("utf8", start, p);
};
while (count--) {
  const module = readName();
  const field = readName();
  const descStart = p;
  const kind = wasm[p++];
  const limits = () => {
    const flags = wasm[p++];
    [, p] = readLeb(wasm, p);
    if (flags & 1) [, p] = readLeb(wasm, p);
  };
  if (kind === 0) [, p] = readLeb(wasm, p); // function: type index
  else if (kind === 1) (p++, limits()); // table: reference type, limits
  else if (kind === 2) limits(); // memory
  else if (kind === 3) p += 2; // global: value type, mutability
  else if (kind === 4) (p++, ([, p] = readLeb(wasm, p))); // tag
  else fail(`unknown import kind ${kind}`);
  const desc = wasm.subarray(descStart, p);
  if (module.endsWith("_bg.js")) {
    if (shimModule && shimModule !== module) fail(`two shim modules: ${shimModule}, ${module}`);
    shimModule = module;
    if (!renames.has(field)) renames.set(field, shortName(renames.size));
    entries.push(encodeName("w"), encodeName(renames.get(field)), desc);
  } else {
    entries.push(encodeName(module), encodeName(field), desc);
  }
}
if (p !== section.end) fail("import section not read to its end");
if (!shimModule) fail("no import from a *_bg.js module");

// The glue: each field exactly once as a key (`name:` or `name(`), the module name exactly once.
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
for (const [field, short] of renames) {
  const pattern = new RegExp(`(?<![\\w$])${escape(field)}(?=\\s*[:(])`, "g");
  const found = glue.match(pattern)?.length ?? 0;
  if (found !== 1) fail(`${field} is ${found} times a key in ${gluePath}, expected once`);
  glue = glue.replace(pattern, short);
}
const quoted = new RegExp(`(["'])${escape(shimModule)}\\1`, "g");
const moduleKeys = glue.match(quoted)?.length ?? 0;
if (moduleKeys !== 1) fail(`"${shimModule}" is ${moduleKeys} times in ${gluePath}, expected once`);
glue = glue.replace(quoted, '"w"');

const body = Buffer.concat(entries);
writeFileSync(
  wasmPath,
  Buffer.concat([
    wasm.subarray(0, section.start),
    Buffer.from([2]),
    leb(body.length),
    body,
    wasm.subarray(section.end),
  ]),
);
writeFileSync(gluePath, glue);
console.log(`minify-imports: ${renames.size} imports of ${shimModule} renamed`);
