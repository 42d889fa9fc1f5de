// What the Node scripts in scripts/ share: the repository root, `--name VALUE`
// options, and the package's Node build (`--pkg FILE`).
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export const args = process.argv.slice(2);

/** The value after `--name` on the command line, or `dflt`. */
export function opt(name, dflt) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
}

/** `require()`s the package's Node build: `--pkg FILE`, by default pkg/node/orderlens.cjs. */
export function loadPkg() {
  return createRequire(import.meta.url)(resolve(opt("pkg", join(root, "pkg/node/orderlens.cjs"))));
}
