// `require("orderlens")` from a CommonJS script.
const ol = require("orderlens");
console.log(require("./checks.cjs")(ol, "require"));
