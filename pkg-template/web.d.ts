// `orderlens/web`: the build for `<script type="module">` without a bundler.
// Call `init()` once (it fetches `orderlens_bg.wasm` next to this file, or
// the URL / bytes / module you pass), then use the API as usual.
export * from "../bundler/orderlens.js";

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
  readonly memory: WebAssembly.Memory;
}

/** Loads and instantiates the wasm module; resolves when the API is ready. Safe to call twice. */
export default function init(
  module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<InitOutput>;

/** Instantiates from bytes or a compiled module you already have, synchronously. */
export function initSync(module: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): InitOutput;
