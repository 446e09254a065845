// The scale bench of binhluan-server, bounded in count and time, on loopback only:
//
// 1. three instances on one database; POSTs (each with its own Idempotency-Key) and GETs of
//    page 1 spread over them by 16, 64 and 256 concurrent clients, DURATION seconds each; in
//    the 256 run one instance is killed with SIGKILL halfway, and clients retry a post that
//    got no reply on another instance with the same key, as the widget does;
// 2. then every post acknowledged with 201 must be stored exactly once, under the id the
//    reply gave; no post may be refused (anything but 201 is counted as wrong);
// 3. an article of BIG comments (1,000,000 by default) is paged to its end by cursor
//    (`next`), and page 1 is read by 16 clients while 16 others read deep pages.
//
// Run it beside a throw-away PostgreSQL (server/tests/pg.sh gives BINHLUAN_TEST_PG_URL),
// after `cargo build --profile server -p binhluan-server`:
//   server/tests/pg.sh node server/bench/scale.mjs            # PostgreSQL, then SQLite
//   STORE=sqlite DURATION=3 BIG=100000 node server/bench/scale.mjs
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const binary = process.env.BINHLUAN_SERVER_BIN ?? join(repo, "target/server/binhluan-server");
const DURATION = Number(process.env.DURATION ?? 5) * 1000;
const BIG = Number(process.env.BIG ?? 1_000_000);
const CONCURRENCY = (process.env.CONCURRENCY ?? "16,64,256").split(",").map(Number);
const GOOD = "Chúc sức khỏe, hòa bình và thủy lợi tỉnh ta ngày càng phát triển";

/** Starts one instance on `db`; resolves to { base, child }. */
function start(db, extra = []) {
  const child = spawn(binary, ["--addr", "127.0.0.1:0", "--db", db, "--rate-limit", "0",
    "--auto-publish", ...extra], { stdio: ["ignore", "pipe", "ignore"], env: { ...process.env, RUST_LOG: "warn" } });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const found = out.match(/listening on (http:\/\/\S+\/)/);
      if (found) resolve({ base: found[1], child, alive: true });
    });
    child.on("exit", (code) => reject(new Error(`instance exited with ${code}`)));
  });
}

const percentile = (sorted, p) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : NaN;
const ms = (n) => `${n.toFixed(1)} ms`;
function summary(label, durations, seconds) {
  const sorted = Float64Array.from(durations).sort();
  return `${label}: ${(durations.length / seconds).toFixed(0)}/s, p50 ${ms(percentile(sorted, 0.5))}, p99 ${ms(percentile(sorted, 0.99))}`;
}

async function post(instance, key) {
  instance.inflight = (instance.inflight ?? 0) + 1;
  try {
    const res = await fetch(`${instance.base}api/comments`, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": key },
      body: JSON.stringify({ article_id: "bench", content: GOOD, name: "Tải", typing_ms: 60000 }),
    });
    return { status: res.status, body: await res.json() };
  } finally {
    instance.inflight--;
  }
}

async function get(instance, query) {
  const url = `${instance.base}api/comments?${query}`;
  // A kept-alive connection the server closed while idle (its header timeout) fails once.
  const res = await fetch(url).catch(() => fetch(url));
  const body = await res.json();
  if (res.status !== 200) throw new Error(`GET ${query}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** One run of `clients` clients for DURATION; kills `victim` halfway when given. */
async function load(instances, clients, phase, acked, victim) {
  const stats = { post: [], get: [], wrong: [], retried: 0 };
  const deadline = Date.now() + DURATION;
  if (victim) {
    setTimeout(() => {
      victim.alive = false;
      stats.inflightAtKill = victim.inflight;
      victim.child.kill("SIGKILL");
    }, DURATION / 2);
  }
  const live = () => instances.filter((i) => i.alive);
  // The most threads an instance has while loaded (a flood must not grow them).
  const sampler = setInterval(() => {
    for (const i of live()) {
      try {
        const found = readFileSync(`/proc/${i.child.pid}/status`, "utf8").match(/Threads:\s+(\d+)/);
        stats.threads = Math.max(stats.threads ?? 0, Number(found?.[1] ?? 0));
      } catch {
        // Killed in between.
      }
    }
  }, 200);
  await Promise.all(Array.from({ length: clients }, async (_, worker) => {
    for (let n = 0; Date.now() < deadline; n++) {
      const alive = live();
      const target = alive[(worker + n) % alive.length];
      const t0 = performance.now();
      if (n % 2 === 0) {
        const key = `${phase}-${worker}-${n}`;
        for (let attempt = 0, at = target; attempt < 5; attempt++) {
          try {
            const reply = await post(at, key);
            if (reply.status === 201) acked.set(key, reply.body.id);
            else stats.wrong.push(`${reply.status} ${reply.body.error}`);
            break;
          } catch {
            // No reply (the instance was killed): the same key on another instance.
            stats.retried++;
            const others = live();
            at = others[(worker + n + attempt + 1) % others.length];
          }
        }
        stats.post.push(performance.now() - t0);
      } else {
        try {
          await get(target, "article=bench&page=1");
          stats.get.push(performance.now() - t0);
        } catch (e) {
          if (target.alive) stats.wrong.push(String(e));
        }
      }
    }
  }));
  clearInterval(sampler);
  return stats;
}

function sql(store, db, query) {
  return store === "postgres"
    ? execFileSync("psql", ["-X", "-At", "-F", "\t", db, "-c", query], { encoding: "utf8", maxBuffer: 1 << 28 })
    : execFileSync("sqlite3", ["-separator", "\t", db, query], { encoding: "utf8", maxBuffer: 1 << 28 });
}

/** Every acknowledged post stored exactly once, with the id its reply gave. */
function verify(store, db, acked) {
  const rows = sql(store, db, "SELECT idempotency_key, id FROM comments WHERE article_id = 'bench'")
    .split("\n").filter(Boolean).map((l) => l.split("\t"));
  const stored = new Map();
  for (const [key, id] of rows) stored.set(key, [...(stored.get(key) ?? []), Number(id)]);
  let missing = 0, duplicated = 0, otherId = 0;
  for (const [key, id] of acked) {
    const ids = stored.get(key) ?? [];
    if (ids.length === 0) missing++;
    else if (ids.length > 1) duplicated++;
    else if (ids[0] !== id) otherId++;
  }
  const duplicatesAnywhere = [...stored.values()].filter((ids) => ids.length > 1).length;
  return { acked: acked.size, stored: rows.length, missing, duplicated, otherId, duplicatesAnywhere };
}

/** BIG published comments on article `big`, written straight into the database. */
function seed(store, db) {
  const t0 = performance.now();
  if (store === "postgres") {
    sql(store, db, `SET session_replication_role = replica;
      INSERT INTO comments (article_id, name, content, status, reply_status, created_at_ms)
        SELECT 'big', 'Tải', 'Bình luận số ' || i, 'published', 'published', 1700000000000 + i / 3
        FROM generate_series(1, ${BIG}) AS i;
      INSERT INTO article_counts (article_id, shard, published)
        SELECT 'big', id % 16, count(*) FROM comments WHERE article_id = 'big' GROUP BY id % 16;
      ANALYZE comments;`);
  } else {
    sql(store, db, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${BIG})
      INSERT INTO comments (article_id, name, content, status, reply_status, created_at_ms)
        SELECT 'big', 'Tải', 'Bình luận số ' || i, 'published', 'published', 1700000000000 + i / 3 FROM n;
      ANALYZE;`);
  }
  return (performance.now() - t0) / 1000;
}

/** Pages the big article to its end by `next`, timing every page. */
async function walk(instance) {
  const times = [];
  const cursors = [];
  let query = "article=big";
  let seen = 0;
  const t0 = performance.now();
  for (;;) {
    const t = performance.now();
    const page = await get(instance, query);
    times.push(performance.now() - t);
    seen += page.comments.length;
    if (!page.next) break;
    if (times.length % 50 === 0) cursors.push(page.next);
    query = `article=big&after=${encodeURIComponent(page.next)}`;
  }
  return { seen, pages: times.length, seconds: (performance.now() - t0) / 1000, times, cursors };
}

/** 16 clients read page 1 of `bench` while 16 read deep pages of `big`. */
async function deepAndShallow(instances, cursors) {
  const deep = cursors.slice(Math.floor(cursors.length * 0.8));
  if (deep.length === 0) throw new Error("the big article needs more than 50 pages");
  const shallow = [], deepTimes = [];
  const deadline = Date.now() + DURATION;
  await Promise.all(Array.from({ length: 32 }, async (_, worker) => {
    for (let n = 0; Date.now() < deadline; n++) {
      const target = instances.filter((i) => i.alive)[n % 2];
      const t = performance.now();
      if (worker < 16) {
        await get(target, "article=bench&page=1");
        shallow.push(performance.now() - t);
      } else {
        await get(target, `article=big&after=${encodeURIComponent(deep[(worker * 7 + n) % deep.length])}`);
        deepTimes.push(performance.now() - t);
      }
    }
  }));
  return { shallow, deep: deepTimes };
}

async function bench(store) {
  const dir = mkdtempSync(join(tmpdir(), "binhluan-scale-"));
  let db = join(dir, "bench.sqlite3");
  if (store === "postgres") {
    const admin = process.env.BINHLUAN_TEST_PG_URL;
    if (!admin) throw new Error("no BINHLUAN_TEST_PG_URL: run through server/tests/pg.sh");
    execFileSync("psql", ["-X", "-q", admin, "-c", "DROP DATABASE IF EXISTS scale", "-c", "CREATE DATABASE scale"]);
    db = admin.replace(/\/[^/]*$/, "/scale");
  }
  const instances = [];
  try {
    for (let i = 0; i < 3; i++) instances.push(await start(db));
    console.log(`\n## ${store}: 3 instances (${binary.replace(repo, "")})`);
    const acked = new Map();
    for (const clients of CONCURRENCY) {
      const victim = clients === Math.max(...CONCURRENCY) ? instances[2] : null;
      const stats = await load(instances, clients, `c${clients}`, acked, victim);
      const seconds = DURATION / 1000;
      console.log(`concurrency ${clients}${victim ? " (one instance SIGKILLed halfway)" : ""}: `
        + `${summary("POST", stats.post, seconds)}; ${summary("GET", stats.get, seconds)}; `
        + `wrong replies ${stats.wrong.length}${stats.wrong.length ? ` (${[...new Set(stats.wrong)].slice(0, 3).join(", ")})` : ""}; `
        + `${victim ? `posts in flight to the killed one ${stats.inflightAtKill}, ` : ""}`
        + `retried after no reply ${stats.retried}; threads per instance at most ${stats.threads}`);
    }
    const check = verify(store, db, acked);
    console.log(`acknowledged ${check.acked}, stored ${check.stored}: missing ${check.missing}, `
      + `duplicated ${check.duplicated}, under another id ${check.otherId}, keys stored twice ${check.duplicatesAnywhere}`);
    if (check.missing || check.duplicated || check.otherId || check.duplicatesAnywhere) process.exitCode = 1;

    console.log(`seeded ${BIG} comments in ${seed(store, db).toFixed(1)} s`);
    const live = instances.filter((i) => i.alive);
    const first = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      await get(live[0], "article=big&page=1");
      first.push(performance.now() - t);
    }
    const walked = await walk(live[0]);
    if (walked.seen !== BIG) { console.log(`walk saw ${walked.seen} of ${BIG}`); process.exitCode = 1; }
    const sorted = (a) => Float64Array.from(a).sort();
    const head = sorted(walked.times.slice(0, 1000)), tail = sorted(walked.times.slice(-1000));
    console.log(`paged to the end by cursor: ${walked.pages} pages, ${walked.seen} comments in ${walked.seconds.toFixed(1)} s; `
      + `page 1 by number p50 ${ms(percentile(sorted(first), 0.5))}; first 1,000 pages p50 ${ms(percentile(head, 0.5))} p99 ${ms(percentile(head, 0.99))}; `
      + `last 1,000 p50 ${ms(percentile(tail, 0.5))} p99 ${ms(percentile(tail, 0.99))}`);
    const mixed = await deepAndShallow(live, walked.cursors);
    const seconds = DURATION / 1000;
    console.log(`16 clients on deep pages beside 16 on page 1: ${summary("page 1", mixed.shallow, seconds)}; ${summary("deep", mixed.deep, seconds)}`);
  } finally {
    for (const i of instances) if (i.alive) i.child.kill("SIGTERM");
    await new Promise((ok) => setTimeout(ok, 500));
    rmSync(dir, { recursive: true, force: true });
  }
}

const stores = process.env.STORE ? [process.env.STORE] : ["postgres", "sqlite"];
for (const store of stores) await bench(store);
