// Starts the real binhluan-server (serving www/ and the API) on a free port with a fresh
// database, as the end-to-end tests' backend.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("../..", import.meta.url));
export const binary = process.env.BINHLUAN_SERVER_BIN ?? join(repo, "target/debug/binhluan-server");

/** Starts `server` with `args` and resolves once it says where it listens (its `--addr` port 0
 * picks a free one). */
export async function spawnServer(server, args) {
  const child = spawn(server, args, { stdio: ["ignore", "pipe", "inherit"] });
  const origin = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const found = out.match(/listening on (http:\/\/[^/\s]+)\//);
      if (found) resolve(found[1]);
    });
    child.on("exit", (code) => reject(new Error(`binhluan-server exited with ${code}: ${out}`)));
  });
  return { child, origin };
}

export async function startServer(...flags) {
  const dir = mkdtempSync(join(tmpdir(), "binhluan-e2e-"));
  const db = join(dir, "comments.sqlite3");
  // `--addr` and `--www` among `flags` replace the defaults.
  const defaults = [["--addr", "127.0.0.1:0"], ["--www", join(repo, "www")]].filter(([flag]) => !flags.includes(flag));
  const { child, origin } = await spawnServer(binary, ["--db", db, ...defaults.flat(), ...flags]);
  return {
    origin,
    /** The database file, for other commands of the binary (`users add`). */
    db,
    /** The stored comments (every status), from `binhluan-server comments list`. */
    comments() {
      const out = execFileSync(binary, ["comments", "list", "--limit", "100000", "--db", db], { encoding: "utf8" });
      const [head, ...rows] = out.split("\n").filter((line) => line !== "");
      const names = head.split("\t");
      return rows.map((row) => Object.fromEntries(row.split("\t").map((value, i) => [names[i], value])));
    },
    stop() {
      child.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
