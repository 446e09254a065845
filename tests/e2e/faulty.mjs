// A test server that misbehaves on purpose (node http on 127.0.0.1), for the network and
// injection tests. It serves one test page and the built widget (www/binhluan/), and stands
// in front of the real binhluan-server: each POST to /api/comments takes the next fault of
// its script, and once the script is spent it forwards to the real server, which stores the
// comment (so "stored exactly once" is counted in the real database). Some faults forward
// first and then break the reply (the comment is stored, the reader does not learn it).
import { createServer, request } from "node:http";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const widget = fileURLToPath(new URL("../../www/binhluan/", import.meta.url));
const types = { ".js": "text/javascript", ".wasm": "application/wasm" };

/** The faults a POST can meet, by name. Each gets (req, res, body, ctx). */
const faults = {
  // 500 with a JSON error body.
  500: (req, res) => json(res, 500, { error: "internal", message: "Lỗi máy chủ" }),
  // A proxy's HTML error page, with a script in it that must never run.
  "502-html": (req, res) => {
    res.writeHead(502, { "Content-Type": "text/html; charset=utf-8" });
    res.end("<!doctype html><title>502 Bad Gateway</title><h1>502 Bad Gateway</h1><script>window.pwned = 'html'</script>");
  },
  // Too many requests, come back in one second.
  429: (req, res) => {
    res.writeHead(429, { "Content-Type": "application/json", "Retry-After": "1" });
    res.end(JSON.stringify({ error: "rate-limited", message: "Bạn gửi quá nhanh, hãy thử lại sau." }));
  },
  // The comment is stored, but the reply never comes (the widget's timeout ends the wait).
  "stored-no-reply": async (req, res, body, ctx) => {
    await forward(ctx.backend, req, body);
  },
  // A refusal whose JSON body is cut short: not JSON at all.
  "malformed-422": (req, res) => {
    res.writeHead(422, { "Content-Type": "application/json" });
    res.end('{"error": "invalid", "message": "Bình luận chưa đạt');
  },
  // The comment is stored and the reply is 201, but its body is not JSON.
  "stored-malformed-201": async (req, res, body, ctx) => {
    const reply = await forward(ctx.backend, req, body);
    res.writeHead(reply.status, { "Content-Type": "application/json" });
    res.end(reply.body.slice(0, reply.body.length - 7));
  },
  // A redirect to another origin: fetch must not follow it.
  redirect: (req, res, body, ctx) => {
    res.writeHead(307, { Location: ctx.elsewhere + "/api/comments" });
    res.end();
  },
  // The comment is stored; the reply's headers arrive, then the connection is cut halfway
  // through the body.
  "stored-cut": async (req, res, body, ctx) => {
    const reply = await forward(ctx.backend, req, body);
    res.writeHead(reply.status, {
      "Content-Type": "application/json",
      "Content-Length": Buffer.byteLength(reply.body),
    });
    res.write(reply.body.slice(0, reply.body.length >> 1));
    setTimeout(() => res.socket?.destroy(), 50);
  },
};

/** A JSON reply. */
function json(res, status, value) {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(value));
}

/** Sends the request to the real server (without Origin: a server-to-server call). */
function forward(backend, req, body) {
  const headers = { "Content-Type": req.headers["content-type"] ?? "application/json" };
  if (req.headers["idempotency-key"]) headers["Idempotency-Key"] = req.headers["idempotency-key"];
  return new Promise((resolve, reject) => {
    const out = request(backend + req.url, { method: req.method, headers }, (reply) => {
      let text = "";
      reply.setEncoding("utf8");
      reply.on("data", (chunk) => (text += chunk));
      reply.on("end", () => resolve({ status: reply.statusCode, body: text }));
    });
    out.on("error", reject);
    out.end(body);
  });
}

function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
  });
}

/**
 * Starts a misbehaving server in front of `backend` (the real server's origin).
 * `page(origin)` gives the HTML of `/`; `elsewhere` is the origin redirects point to.
 * Returns its origin, `script` (the faults still to come, in order: push names onto it),
 * `posts` (what each POST met), `list` (set it to a value to answer GET /api/comments with
 * it instead of the real list), `refusal` (`{status, body}` for the `refuse` fault),
 * `close()` (the port refuses connections) and `open()` (listens on the same port again).
 */
export async function startFaulty({ backend, page, elsewhere = "" }) {
  const ctx = { backend, elsewhere };
  const state = { script: [], posts: [], list: undefined, refusal: undefined };
  const server = createServer(async (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    const url = new URL(req.url, "http://x");
    if (req.method === "GET" && url.pathname === "/") {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      return res.end(page(origin));
    }
    if (req.method === "GET" && url.pathname.startsWith("/binhluan/")) {
      const name = url.pathname.slice("/binhluan/".length);
      if (!/^[a-z_]+(\.[0-9a-f]{8})?\.(js|wasm)$/.test(name)) return json(res, 404, {});
      const data = await readFile(join(widget, name));
      res.writeHead(200, { "Content-Type": types[name.slice(name.lastIndexOf("."))] });
      return res.end(data);
    }
    if (url.pathname === "/api/comments" && req.method === "GET") {
      if (state.list !== undefined) return json(res, 200, state.list);
      const reply = await forward(backend, req, "");
      return json(res, reply.status, JSON.parse(reply.body));
    }
    if (url.pathname === "/api/comments" && req.method === "POST") {
      const body = await readBody(req);
      const fault = state.script.shift();
      state.posts.push({ key: req.headers["idempotency-key"], fault: fault ?? "forward", body: JSON.parse(body) });
      if (fault === "refuse") return json(res, state.refusal.status, state.refusal.body);
      if (fault) return faults[fault](req, res, body, ctx);
      const reply = await forward(backend, req, body);
      res.writeHead(reply.status, { "Content-Type": "application/json" });
      return res.end(reply.body);
    }
    json(res, 404, {});
  });
  const sockets = new Set();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  const listen = (port) => new Promise((ok) => server.listen(port, "127.0.0.1", ok));
  await listen(0);
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return Object.assign(state, {
    origin,
    /** Closes the port: connections are refused until `open()`. */
    close() {
      const closed = new Promise((ok) => server.close(ok));
      for (const s of sockets) s.destroy();
      return closed;
    },
    /** Listens on the same port again. */
    open() {
      return listen(port);
    },
    stop() {
      for (const s of sockets) s.destroy();
      server.close();
    },
  });
}

/** A server that only counts the requests it gets (the target of redirects). */
export async function startCounter() {
  const hits = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    json(res, 201, { id: 1, status: "published" });
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    hits,
    stop() {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** The test page: one box on a small article, the widget loaded at once. */
export function testPage({ articleId, options = "" }) {
  return () => `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Bài thử nghiệm</title></head>
<body><main><h1>Bài thử nghiệm</h1><p>Nội dung bài báo.</p>
<div data-binhluan data-article-id="${articleId}"></div></main>
<script src="/binhluan/binhluan.js" data-endpoint="/api/comments" data-load="eager" ${options}></script>
</body></html>`;
}
