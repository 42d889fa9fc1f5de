// A Cloudflare Worker: "orderlens" (ready at import), "orderlens/runtime"
// (the full build on Workers) and "orderlens/pure" (load() on first use).
import { compileRules, version } from "orderlens";
import * as runtime from "orderlens/runtime";
import { load } from "orderlens/pure";
import order from "./order.json";

const NOW = "2026-11-21T02:05:00Z";
export default {
  async fetch(request) {
    const { pathname } = new URL(request.url);
    let d;
    if (pathname === "/full") d = compileRules().explain(order, { now: NOW, locale: "en" });
    else if (pathname === "/runtime") d = runtime.compileRules().explain(order, { now: NOW, locale: "zh-CN" });
    else if (pathname === "/pure") d = (await load()).explain(order, { now: NOW, locale: "ru" });
    else return new Response("not found", { status: 404 });
    return new Response(`${d.headline.title} (orderlens ${version()})`);
  },
};
