// Serves the demo storefront (www/) and the built package (at /orderlens/)
// on 127.0.0.1 with a strict Content-Security-Policy, as a shop would.
//
//   node scripts/demo-server.mjs [--port 8080] [--www www] [--pkg pkg] [--mount /test/=DIR ...]
//
// Also a module: startDemoServer({ port, routes, csp }) for the browser tests.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { args, opt, root } from "./lib/cli-args.mjs";

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/** routes: { "/orderlens/": dir, "/": dir } — the longest matching prefix wins. */
export function startDemoServer({ port = 0, routes, csp = CSP }) {
  const table = Object.entries(routes)
    .map(([prefix, dir]) => [prefix, resolve(dir)])
    .sort((a, b) => b[0].length - a[0].length);
  const server = createServer(async (req, res) => {
    const done = (code) => server.emit("served", { url: req.url, code });
    try {
      const path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
      const [prefix, base] = table.find(([p]) => path.startsWith(p)) ?? [];
      if (!base) throw new Error("no route");
      let file = normalize(join(base, path.slice(prefix.length)));
      if (file !== base && !file.startsWith(base + sep)) {
        res.writeHead(403).end("forbidden");
        return done(403);
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, {
        "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        ...(csp ? { "Content-Security-Policy": csp } : {}),
      });
      res.end(body);
      done(200);
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("not found");
      done(404);
    }
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () =>
      ok({ server, port: server.address().port, close: () => new Promise((r) => server.close(r)) }),
    );
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const routes = { "/": opt("www", join(root, "www")), "/orderlens/": opt("pkg", join(root, "pkg")) };
  args.forEach((a, i) => {
    if (a === "--mount") {
      const [prefix, dir] = args[i + 1].split("=");
      routes[prefix] = dir;
    }
  });
  const { port } = await startDemoServer({ port: Number(opt("port", 8080)), routes });
  console.log(`orderlens demo: http://127.0.0.1:${port}/`);
  console.log(`  (serving ${routes["/"]} and the package ${routes["/orderlens/"]} at /orderlens/; CSP: ${CSP})`);
}
