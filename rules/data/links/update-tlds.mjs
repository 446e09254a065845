// The upstream step of the TLD data: npm package `tlds` (the IANA root zone list) ->
// iana_tlds.tsv (one TLD a line: its Unicode form, a tab, its ASCII or `xn--` form) and
// iana_tlds.LICENSE (the package's licence).
//
//   npm install                                  (at the repository root: brings `tlds`)
//   node rules/data/links/update-tlds.mjs          rewrites both files from node_modules/tlds
//   node rules/data/links/update-tlds.mjs --check  exits 1 when they differ from it
//
// Then regenerate the Rust table from the tsv (rules/src/links/tld_data.rs):
//   BINHLUAN_REGEN=1 cargo test -p binhluan-rules --lib generate
// To take a newer list: `npm install tlds@latest`, run this script, then the line above.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { domainToASCII, fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "../../../package.json"));
let pkgDir;
try {
  pkgDir = dirname(require.resolve("tlds/package.json"));
} catch {
  console.error("node_modules/tlds is missing: run `npm install` at the repository root first");
  process.exit(2);
}
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
const names = JSON.parse(readFileSync(join(pkgDir, "index.json"), "utf8"));

const rows = names.map((name) => {
  const ascii = domainToASCII(name);
  if (!ascii || ascii.includes(".")) throw new Error(`not one label: ${JSON.stringify(name)}`);
  return `${name}\t${ascii}\n`;
});
const files = {
  "iana_tlds.tsv":
    `# tld_unicode\ttld_ascii  (from npm package tlds@${pkg.version}, ${pkg.license}; ` +
    `source data: IANA tlds-alpha-by-domain.txt)\n` +
    rows.join(""),
  "iana_tlds.LICENSE": readFileSync(join(pkgDir, "LICENSE"), "utf8"),
};

if (process.argv.includes("--check")) {
  const stale = Object.entries(files)
    .filter(([file, text]) => readFileSync(join(here, file), "utf8") !== text)
    .map(([file]) => file);
  if (stale.length > 0) {
    console.error(`${stale.join(", ")} differ from tlds@${pkg.version}: run node rules/data/links/update-tlds.mjs`);
    process.exit(1);
  }
  console.log(`iana_tlds.tsv holds the ${names.length} names of tlds@${pkg.version}`);
} else {
  for (const [file, text] of Object.entries(files)) writeFileSync(join(here, file), text);
  console.log(`wrote iana_tlds.tsv: ${names.length} names from tlds@${pkg.version}`);
}
