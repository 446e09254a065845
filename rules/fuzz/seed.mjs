// Seeds fuzz/corpus/<target>/ with the texts of the shared verdict table
// (tests/cases/verdicts.json), each behind the position/flag byte the targets read first.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const cases = JSON.parse(readFileSync(join(here, "../tests/cases/verdicts.json"), "utf8"));
for (const target of ["check", "links"]) {
  const dir = join(here, "corpus", target);
  mkdirSync(dir, { recursive: true });
  cases.forEach((c, i) => {
    const head = Buffer.from([(i * 37) & 0xff]);
    writeFileSync(join(dir, `seed-${i}`), Buffer.concat([head, Buffer.from(c.text, "utf8")]));
  });
}
console.log(`seeded ${cases.length} texts per target`);
