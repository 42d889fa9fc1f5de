// Bundles worker.js the way wrangler does (wrangler itself needs no
// configuration for this): esbuild with the workerd, worker and browser
// conditions, each imported .wasm kept as its own module (wrangler's default
// CompiledWasm rule), and a workerd config listing the modules.
//
//   node build-worker.mjs PORT    -> dist/worker.js, dist/*.wasm, dist/config.capnp
import { build } from "esbuild";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";

const port = process.argv[2];
const wasm = new Map();
mkdirSync("dist", { recursive: true });
await build({
  entryPoints: ["worker.js"],
  bundle: true,
  format: "esm",
  platform: "neutral",
  conditions: ["workerd", "worker", "browser"],
  mainFields: ["browser", "module", "main"],
  outfile: "dist/worker.js",
  logLevel: "warning",
  plugins: [
    {
      name: "wasm-modules",
      setup(b) {
        b.onResolve({ filter: /\.wasm$/ }, (args) => {
          const file = resolve(args.resolveDir, args.path);
          const name = `${basename(dirname(file))}-${basename(file)}`;
          wasm.set(name, file);
          return { path: `./${name}`, external: true };
        });
      },
    },
  ],
});
for (const [name, file] of wasm) copyFileSync(file, `dist/${name}`);
const modules = [`(name = "worker.js", esModule = embed "worker.js")`, ...[...wasm.keys()].map((n) => `(name = "${n}", wasm = embed "${n}")`)];
writeFileSync(
  "dist/config.capnp",
  `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [${modules.join(", ")}],
  compatibilityDate = "2025-01-01",
);
`,
);
console.log(`dist/worker.js with ${[...wasm.keys()].join(", ")}`);
