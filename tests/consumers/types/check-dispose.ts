// With `lib: esnext.disposable` (tsconfig.disposable.json), compiled rules
// are disposable: `using` frees them at the end of the block. Never executed.
import { compileRules } from "orderlens";
import { load } from "orderlens/pure";

{
  using rules = compileRules();
  rules.explain("{}");
}
const ol = await load();
{
  using rules = ol.compileRules();
  rules[Symbol.dispose]();
}
