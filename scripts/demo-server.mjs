// Serves the demo storefront (www/) and the built package (at /orderlens/)
// on 127.0.0.1 with a strict Content-Security-Policy, as a shop would. Like a
// shop's server it compiles the merchant's rules for the page: a request for
// X.olr with no such file compiles X.json next to it with the package's
// Node build (compileRules(doc).toBytes()), for `orderlens/runtime`.
//
//   node scripts/demo-server.mjs [--port 8080] [--www www] [--pkg pkg] [--mount /test/=DIR ...]
//
// Also a module: startDemoServer({ port, routes, csp }) for the browser tests.
import { createServer } from "node:http";
import { createRequire } from "node:module";
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

/** Compiled rules for `doc` (a rules document file), with the package the server serves. */
async function compiled(doc, table) {
  const pkg = table.find(([prefix]) => prefix === "/orderlens/")?.[1];
  if (!pkg) throw new Error("no package to compile with");
  const { compileRules } = createRequire(import.meta.url)(join(pkg, "node", "orderlens.cjs"));
  return Buffer.from(compileRules(JSON.parse(await readFile(doc, "utf8"))).toBytes());
}

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
      const body =
        extname(file) === ".olr" && !(await stat(file).catch(() => null))
          ? await compiled(file.slice(0, -4) + ".json", table)
          : await readFile(file);
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
