// The custom-elements.json manifest (for IDEs) against the package: the
// package.json field names it, and every attribute, part and CSS property
// it lists is one the widget really has (and the other way round for parts).
import { readFileSync } from "node:fs";

const dir = "node_modules/orderlens/";
const pkg = JSON.parse(readFileSync(dir + "package.json", "utf8"));
const manifest = JSON.parse(readFileSync(dir + pkg.customElements, "utf8"));
const widget = readFileSync(dir + "widget.js", "utf8");
const css = readFileSync(dir + "widget.css", "utf8");
const el = manifest.modules.flatMap((m) => m.declarations).find((d) => d.tagName === "order-lens");
const problems = [];
if (!el?.customElement) problems.push("no <order-lens> declaration");
for (const a of el.attributes) if (!widget.includes(`"${a.name}"`)) problems.push(`attribute ${a.name} not in widget.js`);
const parts = new Set([...widget.matchAll(/part:"([a-z-]+)/g)].map((m) => m[1]).concat(["button", "button-primary", "link-primary"]));
for (const p of el.cssParts) if (!parts.has(p.name) && !widget.includes(`"${p.name}`) && !widget.includes(` ${p.name}"`)) problems.push(`part ${p.name} not in widget.js`);
for (const p of parts) if (!el.cssParts.some((x) => x.name === p)) problems.push(`part ${p} missing from the manifest`);
for (const c of el.cssProperties) if (!css.includes(c.name)) problems.push(`CSS property ${c.name} not in widget.css`);
const defined = manifest.modules.flatMap((m) => m.exports ?? []).filter((e) => e.kind === "custom-element-definition").map((e) => e.name);
if (!defined.includes("order-lens")) problems.push("no custom-element-definition for order-lens");
for (const p of problems) console.error(`  manifest: ${p}`);
console.log(`custom-elements.json: ${el.attributes.length} attributes, ${el.cssParts.length} parts, ${el.cssProperties.length} CSS properties, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
