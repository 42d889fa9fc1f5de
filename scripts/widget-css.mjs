// Turns pkg-template/widget.css into the module the widget imports for its
// constructable stylesheet (one source for both): comments dropped,
// whitespace collapsed.   node scripts/widget-css.mjs IN.css OUT.js
import { readFileSync, writeFileSync } from "node:fs";

const [input, output] = process.argv.slice(2);
const css = readFileSync(input, "utf8")
  .replace(/\/\*[\s\S]*?\*\//g, "")
  .replace(/\s+/g, " ")
  .replace(/ ?([{};,]) ?/g, "$1")
  .replace(/([{;]\s*[-\w]+): /g, "$1:")
  .replace(/;}/g, "}")
  .trim();
writeFileSync(output, `// Generated from widget.css by scripts/widget-css.mjs.\nexport default ${JSON.stringify(css)};\n`);
