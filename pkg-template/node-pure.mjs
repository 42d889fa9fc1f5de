// `import { load } from "orderlens/pure"` in Node: the CommonJS loader (pure.cjs).
export { initSync, load } from "./pure.cjs";
