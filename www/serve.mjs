// A minimal static server for the demo page, until binhluan-server serves it.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".svg": "image/svg+xml",
};

export function serve(port = 0, host = "127.0.0.1") {
  const server = createServer(async (req, res) => {
    if (req.url.startsWith("/api/comments")) {
      // No storage here: an empty list, and posting is refused until binhluan-server serves the demo.
      const status = req.method === "GET" ? 200 : 503;
      const body = req.method === "GET" ? { page: 1, per_page: 20, total: 0, comments: [] } : { message: "Máy chủ bình luận chưa chạy." };
      return void res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    }
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    const file = join(root, path.endsWith("/") ? path + "index.html" : path);
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": types[extname(file)] ?? "application/octet-stream",
        "cache-control": "no-cache",
        "x-content-type-options": "nosniff",
      });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await serve(Number(process.env.PORT ?? 8787));
  const { address, port } = server.address();
  console.log(`binhluan demo: http://${address}:${port}/`);
}
