// Time to the first total on the element's example page (www/embed.html) in headless Chromium on a throttled
// link (DevTools protocol: 1.6 Mbps down, 750 kbps up, 150 ms latency, cache off), the way a partner's
// visitor on a slow mobile connection meets it. Each encoding is forced with the request's Accept-Encoding
// (scripts/serve.mjs answers brotli, gzip or none accordingly); RUNS fresh loads each, the median printed.
// Three versions of the page: as it is (its preload links); without them (the element's own loading); and
// with the npm package's one-file element (www/pkg/certcalc-estimate.js, after scripts/package-web.mjs) in
// place of the source one, without preload links, as a partner who copied the package's files would have it.
//
//   node bench/element-load.mjs [runs, default 5]
import { chromium } from "playwright-core";
import { serve } from "../scripts/serve.mjs";

const RUNS = Number(process.argv[2] ?? 5);
const LINK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const server = await serve(0, "127.0.0.1");
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const VARIANTS = {
  "embed.html": (html) => html,
  "no preloads": (html) => html.replace(/\s*<link rel="(module)?preload"[^>]*>/g, ""),
  "package element": (html) => html.replace(/\s*<link rel="(module)?preload"[^>]*>/g, "")
    .replace('src="certcalc-estimate.js"', 'src="pkg/certcalc-estimate.js"'),
};

async function once(encoding, variant) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route(`${origin}/embed.html`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: VARIANTS[variant](await response.text()) });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", LINK);
  await cdp.send("Network.setExtraHTTPHeaders", { headers: { "Accept-Encoding": encoding } });
  const encodings = new Set();
  page.on("response", (r) => encodings.add(r.headers()["content-encoding"] ?? "identity"));
  await page.goto(`${origin}/embed.html`, { waitUntil: "commit" });
  // The first <certcalc-estimate> to show a total, timed from the navigation's start.
  const ms = await page.waitForFunction(() => {
    const shown = [...document.querySelectorAll("certcalc-estimate")].some((e) => e.shadowRoot?.querySelector(".total strong")?.textContent);
    return shown && performance.now();
  }, null, { polling: "raf", timeout: 60_000 }).then((h) => h.jsonValue());
  await context.close();
  return { ms, encodings: [...encodings].join("+") };
}

for (const variant of Object.keys(VARIANTS)) {
  for (const encoding of ["br", "gzip", "identity"]) {
    const runs = [];
    let seen = "";
    for (let i = 0; i < RUNS; i++) {
      const r = await once(encoding, variant);
      runs.push(r.ms);
      seen = r.encodings;
    }
    console.log(`[element] ${variant.padEnd(15)} ${encoding.padEnd(8)} first total ${(median(runs) / 1000).toFixed(2)} s, median of ${RUNS} (${runs.map((m) => (m / 1000).toFixed(2)).join(", ")}; answers: ${seen})`);
  }
}
await browser.close();
server.close();
