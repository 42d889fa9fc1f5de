// A tiny static file server for the browser consumer tests, bound to
// 127.0.0.1. Sends a strict Content-Security-Policy by default, correct MIME
// types (application/wasm for .wasm) and no caching.
//
//   node serve.mjs ROOT [PORT]     (manual use; prints the URL)
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
};

export function startServer({ root, port = 0, csp = CSP }) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const log = (code) => server.emit("served", { url: req.url, code });
    try {
      const url = new URL(req.url, "http://127.0.0.1");
      let p = normalize(join(base, decodeURIComponent(url.pathname)));
      if (p !== base && !p.startsWith(base + sep)) {
        res.writeHead(403).end("forbidden");
        return log(403);
      }
      if ((await stat(p).catch(() => null))?.isDirectory()) p = join(p, "index.html");
      const body = await readFile(p);
      const headers = {
        "Content-Type": TYPES[extname(p)] ?? "application/octet-stream",
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      };
      if (csp) headers["Content-Security-Policy"] = csp;
      res.writeHead(200, headers).end(body);
      log(200);
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      log(404);
    }
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => ok({ server, port: server.address().port, close: () => new Promise((r) => server.close(r)) }));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { port } = await startServer({ root: process.argv[2] ?? ".", port: Number(process.argv[3] ?? 8080) });
  console.log(`serving ${process.argv[2] ?? "."} on http://127.0.0.1:${port}/ with CSP: ${CSP}`);
}
