// `import … from "orderlens"` from an ES module.
import * as ol from "orderlens";
import { compileRules } from "orderlens";
import run from "./checks.cjs";

if (compileRules !== ol.compileRules) throw new Error("named and namespace imports differ");
console.log(run(ol, "import"));
