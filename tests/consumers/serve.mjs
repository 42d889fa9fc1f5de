// The static file server of the browser consumer tests: scripts/demo-server.mjs
// serving one ROOT at "/" on 127.0.0.1 (correct MIME types, application/wasm
// for .wasm, no caching), with this strict Content-Security-Policy by default.
//
//   node serve.mjs ROOT [PORT]     (manual use; prints the URL)
import { pathToFileURL } from "node:url";
import { startDemoServer } from "../../scripts/demo-server.mjs";

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

export function startServer({ root, port = 0, csp = CSP }) {
  return startDemoServer({ port, routes: { "/": root }, csp });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { port } = await startServer({ root: process.argv[2] ?? ".", port: Number(process.argv[3] ?? 8080) });
  console.log(`serving ${process.argv[2] ?? "."} on http://127.0.0.1:${port}/ with CSP: ${CSP}`);
}
