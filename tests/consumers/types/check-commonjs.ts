// A Node project as `tsc --init` used to write it (tsconfig.commonjs.json:
// module commonjs, so node10 resolution, which reads "main" and "types"),
// lib es2022, skipLibCheck false: "orderlens" is typed as the Node build it
// runs, without DOM types. Never executed.
import { compileRules, fromStripe, type Diagnosis, type Order } from "orderlens";

const order: Order = fromStripe("{}");
const d: Diagnosis = compileRules().explain(order, { locale: "zh-CN" });
void d;
