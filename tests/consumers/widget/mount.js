// A plain page with no framework: the browser tests drive `mount()` through
// `window.ol` (the package's browser entry).
import * as ol from "/orderlens/browser.js";

window.ol = ol;
document.body.dataset.state = "ready";
