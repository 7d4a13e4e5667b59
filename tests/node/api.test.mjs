// The npm package (`make build-web` → www/pkg) in Node as a user imports it: the package directory is
// linked as node_modules/certcalc of a scratch project, and a module there does
// `import { ... } from "certcalc/full"` (its `node` entry, which starts the module from its .wasm file: no
// init()). Every acceptance case runs through it, read from tests/acceptance/ at run time, with the error
// shape and a few refusals of bad input.
// Run: make build-web && node --test tests/node/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdtempSync, mkdirSync, symlinkSync, writeFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pkgDir = join(root, "www", "pkg");
const cases = JSON.parse(readFileSync(join(root, "tests", "acceptance", "cases.json"), "utf8"));
const priceList = JSON.parse(readFileSync(join(root, "tests", "acceptance", "price-list.json"), "utf8"));

// The functions of the API (README "The API") whose last argument is the optional price list.
const TAKES_PRICE_LIST = new Set(["estimate", "validateOrder", "renewalQuote", "simulate", "partnerRollup"]);

let certcalc;
let scratch;

before(async () => {
  assert.ok(existsSync(join(pkgDir, "package.json")), "www/pkg is missing: run `make build-web` first");
  scratch = mkdtempSync(join(tmpdir(), "certcalc-node-"));
  mkdirSync(join(scratch, "node_modules"));
  symlinkSync(pkgDir, join(scratch, "node_modules", "certcalc"), "dir");
  writeFileSync(join(scratch, "package.json"), JSON.stringify({ name: "reseller-site", private: true, type: "module" }));
  writeFileSync(
    join(scratch, "app.mjs"),
    `import { catalog, version, estimate, validateOrder, renewalQuote, payRenewal, simulate, partnerRollup, priceList, PriceList } from "certcalc/full";
export default { catalog, version, estimate, validateOrder, renewalQuote, payRenewal, simulate, partnerRollup, priceList, PriceList };\n`,
  );
  certcalc = (await import(pathToFileURL(join(scratch, "app.mjs")).href)).default;
});

after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** `actual` contains `expected`, as tests/acceptance/README.md defines it; gives why not, or null. */
function mismatch(actual, expected, at = "") {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${at}: ${JSON.stringify(actual)} is not an array`;
    if (actual.length !== expected.length) return `${at}: ${actual.length} elements, expected ${expected.length}`;
    for (let i = 0; i < expected.length; i++) {
      const why = mismatch(actual[i], expected[i], `${at}[${i}]`);
      if (why) return why;
    }
    return null;
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return `${at}: ${JSON.stringify(actual)} is not an object`;
    for (const [k, v] of Object.entries(expected)) {
      if (!(k in actual)) return `${at}.${k}: missing`;
      const why = mismatch(actual[k], v, `${at}.${k}`);
      if (why) return why;
    }
    return null;
  }
  return actual === expected ? null : `${at}: ${JSON.stringify(actual)} !== ${JSON.stringify(expected)}`;
}

test("mismatch follows the acceptance README", () => {
  const v = { a: 1, b: [{ c: 2, d: 3 }] };
  assert.equal(mismatch(v, { b: [{ c: 2 }] }), null);
  assert.notEqual(mismatch(v, { b: [] }), null);
  assert.notEqual(mismatch(v, { a: "1" }), null);
  assert.notEqual(mismatch(v, { e: 1 }), null);
});

test("every acceptance case is present", () => {
  assert.ok(cases.length >= 14, `${cases.length} cases`);
});

for (const c of cases) {
  test(`acceptance: ${c.name}`, () => {
    const fn = certcalc[c.call];
    assert.equal(typeof fn, "function", `no export named ${c.call}`);
    const args = TAKES_PRICE_LIST.has(c.call) ? [...c.args, priceList] : c.args;
    if ("expect_error" in c) {
      assert.throws(() => fn(...args), (err) => {
        assert.ok(err instanceof Error, "the thrown value is an Error");
        assert.equal(err.code, c.expect_error, err.message);
        return true;
      });
    } else {
      const got = fn(...args);
      const why = mismatch(got, c.expect);
      assert.equal(why, null, `${why}\nanswer: ${JSON.stringify(got)}`);
    }
  });
}

test("the package reports its version and its embedded price list", () => {
  const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  assert.equal(certcalc.version(), pkg.version);
  const list = certcalc.catalog();
  assert.equal(list.currency, "USD");
  assert.ok(list.products.some((p) => p.product_name_id === "ssl_securesite_flex"));
});

test("without a price list, the embedded one prices the request", () => {
  // Secure Site OV wildcard, 1000.00 a year in the embedded list; 275 of 365 days left on 2026-04-01:
  // 1000 × 275 / 365 = 753.424… → 753.42.
  const req = {
    product_name_id: "ssl_securesite_flex",
    certificate: { dns_names: ["*.c.example"] },
    as_of: "2026-04-01",
    subscription: { start_date: "2026-01-01", licenses: [] },
  };
  assert.equal(certcalc.estimate(req).total_price, "753.42");
  assert.equal(certcalc.estimate(req, undefined).total_price, "753.42");
  assert.equal(certcalc.estimate(req, null).total_price, "753.42");
});

test("simulate charges activation, a prorated addition and full renewals", () => {
  // ssl_basic FQDN at 200.00: a.example activated 2026-01-01 (200.00); b.example added 2026-04-01 with 275 of
  // 365 days left, 200 × 275 / 365 = 150.684… → 150.68; both renew 2027-01-01 at full price (400.00).
  const ledger = certcalc.simulate({
    start_date: "2026-01-01",
    years: 2,
    licenses: [{ product_name_id: "ssl_basic", asset_type: "fqdn", asset: "a.example" }],
    events: [{ date: "2026-04-01", add: [{ product_name_id: "ssl_basic", asset_type: "fqdn", asset: "b.example" }] }],
  }, priceList);
  assert.deepEqual(ledger.ledger.map((e) => [e.date, e.kind, e.amount]), [
    ["2026-01-01", "activation", "200.00"],
    ["2026-04-01", "addition", "150.68"],
    ["2027-01-01", "renewal", "400.00"],
  ]);
  assert.equal(ledger.total, "750.68");
});

test("partnerRollup splits renewals between the partner and a self-paying subaccount", () => {
  // Acme (billed to the partner): 2 × 200.00 = 400.00, paid from the partner's 500.00 balance, 100.00 left.
  // Globex (pays its own): 1000.00; its balance is 0 and its default card takes at most 500.00: declined.
  const r = certcalc.partnerRollup({
    partner: { account_balance: "500.00", cards: [] },
    subaccounts: [
      { id: "acme", name: "Acme", bill_parent: true,
        subscription: { start_date: "2026-01-01", licenses: [{ product_name_id: "ssl_basic", asset_type: "fqdn", quantity: 2 }] } },
      { id: "globex", name: "Globex", bill_parent: false, account_balance: "0",
        cards: [{ id: "g-1", is_default: true, available_credit: "500.00" }],
        subscription: { start_date: "2026-02-01", licenses: [{ product_name_id: "ssl_securesite_flex", asset_type: "wildcard", quantity: 1 }] } },
    ],
  }, priceList);
  assert.deepEqual(r.subaccounts.map((a) => [a.id, a.renewal_date, a.renewal_total, a.payer]), [
    ["acme", "2027-01-01", "400.00", "partner"],
    ["globex", "2027-02-01", "1000.00", "globex"],
  ]);
  assert.deepEqual(r.payers.map((p) => [p.payer, p.renewal_total, p.payments.map((x) => [x.status, x.shortfall, x.balance_after])]), [
    ["partner", "400.00", [["paid", "0.00", "100.00"]]],
    ["globex", "1000.00", [["declined", "1000.00", "0.00"]]],
  ]);
  assert.equal(r.total, "1400.00");
});

test("the module's memory stays within twice the largest call's, over calls of varied sizes", () => {
  // std's allocator reuses and merges freed blocks. Node counts the module's memory in `external`, which
  // only grows. The largest roll-up (4,000 subaccounts) alone sets the peak; 25 calls of varied sizes after
  // it, each with 32 MB of data under a key certcalc does not know (never read), must stay within 2x that
  // peak, and the module still answers correctly.
  const fqdn = priceList.products.find((p) => p.product_name_id === "ssl_basic").annual_prices.fqdn;
  const cents = (s) => BigInt(s.replace(".", ""));
  const junk = "x".repeat(32 << 20);
  const portfolio = (n) => ({ extra: junk, subaccounts: Array.from({ length: n }, (_, i) => ({ id: `s${i}`, name: `Sub ${i}`, bill_parent: true,
    subscription: { start_date: "2026-01-01", licenses: Array.from({ length: 5 }, (_, k) => (
      { product_name_id: "ssl_basic", asset_type: "fqdn", asset: `h${k}.s${i}.example.com` })) } })) });
  const run = (n) => assert.equal(cents(certcalc.partnerRollup(portfolio(n), priceList).total), cents(fqdn) * BigInt(5 * n));
  const before = process.memoryUsage().external;
  run(4000);
  const peak = process.memoryUsage().external - before;
  assert.ok(peak > 1 << 20, `the largest roll-up grew the memory by ${peak} bytes`);
  for (const n of [500, 4000, 1000, 2500, 3999, 10, 3000, 4000, 1, 2000, 4000, 700, 3500, 100, 4000, 50, 2500, 4000, 1500, 3000, 4000, 20, 4000, 999, 4000]) run(n);
  const grown = process.memoryUsage().external - before;
  assert.ok(grown <= 2 * peak, `25 calls grew the memory to ${grown} bytes, over twice the largest call's ${peak}`);
  assert.equal(certcalc.estimate(request()).total_price, "301.37");
});

test("CertCentral's own bodies are priced as they are, and without as_of for the caller's local today", () => {
  // The bodies of tests/fixtures/digicert/ (also priced natively by tests/certcentral.rs), with the product
  // of the endpoint's path; the expectations worked by hand from the embedded sample prices.
  const body = (name) => JSON.parse(readFileSync(join(root, "tests", "fixtures", "digicert", `${name}.json`), "utf8"));
  const now = new Date();
  const today = `${String(now.getFullYear()).padStart(4, "0")}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
  for (const [name, product, total, field] of [
    ["price-estimate", undefined, "800.00", "validity_years"],
    ["order-secure-site-ov", "ssl_securesite_flex", "800.00", "order_validity.years"],
    ["order-code-signing", "code_signing", "1500.00", "order_validity.years"],
    ["order-secure-email", "secure_email_mailbox", "60.00", "order_validity.years"],
    ["order-vmc", "vmc_basic", "1500.00", "order_validity.years"],
  ]) {
    const request = { ...body(name), ...(product ? { product_name_id: product } : {}) };
    const e = certcalc.estimate(request);
    assert.equal(e.total_price, total, name);
    assert.equal(e.validity.field, field, name);
    assert.equal(e.as_of, today, name);
    assert.equal(certcalc.validateOrder(request).as_of, today, name);
  }
  // On a subscription, the Price estimate body's root validity_years: 2 is what CertCentral refuses (R6).
  const start = `${now.getFullYear()}-01-01`;
  const onSub = { ...body("price-estimate"), subscription: { start_date: start, licenses: [] } };
  assert.throws(() => certcalc.validateOrder(onSub), (err) => err.code === "invalid_value:validity_years");
  // No card says is_default: the first is the default (R8).
  assert.equal(certcalc.payRenewal({ amount_due: "10.00", currency: "USD", cards: [{ id: "a" }, { id: "b" }] }).steps[1].card_id, "a");
});

test("what the readers refuse, and how they say it", () => {
  const est = (cert, product = "secure_email_mailbox") => certcalc.estimate({ product_name_id: product, as_of: "2026-03-01", certificate: cert });
  for (const bad of ["<script>@example.com", 'a"b@example.com', "a(b)@example.com", "a;b@example.com", "a,b@example.com"]) {
    assert.throws(() => est({ emails: [bad] }), (err) => err.code === "invalid_value:emails", bad);
  }
  assert.equal(est({ emails: ['"john doe"@example.com'] }).lines[0].asset, '"john doe"@example.com');
  assert.equal(est({ emails: ["josé@bücher.example"] }).lines[0].asset, "josé@xn--bcher-kva.example");
  // A lone surrogate is refused before JavaScript's conversion could replace it: JSON.stringify writes it
  // as an escape, which the reader refuses.
  assert.throws(() => est({ organization: "Acme\uD800" }, "code_signing"), (err) => err.code === "invalid_value:request");
  // Invisible-only and bidi-marked names are no organization; a newline is escaped in the message.
  for (const bad of ["\u200B", "Acme\u200E", "\u061CAcme", "\uFEFFAcme"]) {
    assert.throws(() => est({ organization: bad }, "code_signing"), (err) => err.code === "invalid_value:organization", JSON.stringify(bad));
  }
  assert.throws(() => est({ organization: "Ac\nme\u0000" }, "code_signing"), (err) => !/[\n\u0000]/.test(err.message) && err.message.includes("\\n"));
  // A day that does not exist is told so; CertCentral's text stays the message, the rule is beside it.
  assert.throws(() => certcalc.estimate({ product_name_id: "ssl_basic", as_of: "2026-02-29", certificate: { common_name: "a.example" } }),
    (err) => err.code === "invalid_value:as_of" && err.message.includes("2026-02 has no day 29"));
  assert.throws(() => certcalc.validateOrder({ product_name_id: "ssl_basic", as_of: "2026-03-01", validity_days: 398, certificate: { common_name: "a.example" },
    subscription: { start_date: "2026-01-01", licenses: [] } }), (err) => err.code === "invalid_value:validity_days"
      && err.message === "Custom length contains an invalid value." && err.errors[0].detail.includes("397 days"));
  // A license added after as_of does not cover yet.
  const later = { product_name_id: "ssl_basic", as_of: "2026-03-01", certificate: { common_name: "a.example" },
    subscription: { start_date: "2026-01-01", licenses: [{ product_name_id: "ssl_basic", asset_type: "fqdn", asset: "a.example", added_on: "2026-04-01" }] } };
  assert.throws(() => certcalc.validateOrder(later), (err) => err.code === "insufficient_subscription");
  assert.equal(certcalc.validateOrder({ ...later, as_of: "2026-04-01" }).ok, true);
  // One path style from the argument's root, for every call; the message starts with it.
  const lic = (extra) => ({ product_name_id: "ssl_basic", asset_type: "fqdn", ...extra });
  const rows = [
    [() => certcalc.estimate({ product_name_id: "ssl_basic", as_of: "2026-03-01", certificate: { dns_names: ["a.example", "-x-.example"] } }),
      "invalid_value:dns_names", "certificate.dns_names[1]"],
    [() => certcalc.estimate({ product_name_id: "ssl_basic", as_of: "2026-03-01", certificate: { common_name: "a.example" },
      subscription: { start_date: "2026-01-01", licenses: [lic({ quantity: 0 })] } }), "invalid_value:quantity", "subscription.licenses[0].quantity"],
    [() => certcalc.partnerRollup({ subaccounts: [{ id: "a", name: "A", bill_parent: true, subscription: { start_date: "2026-01-01", licenses: [lic({ quantity: 0 })] } }] }),
      "invalid_value:quantity", "subaccounts[0].subscription.licenses[0].quantity"],
    [() => certcalc.partnerRollup({ partner: { cards: [{ id: "" }] }, subaccounts: [] }), "invalid_value:cards", "partner.cards[0].id"],
    [() => certcalc.simulate({ start_date: "2026-01-01", years: 1, events: [{ date: "2026-02-01", add: [lic({ quantity: 0 })] }] }),
      "invalid_value:quantity", "events[0].add[0].quantity"],
    [() => certcalc.simulate({ start_date: "2026-01-01", years: 1, events: [{ date: "2026-02-01", drop: ["z.example"] }] }),
      "invalid_value:events", "events[0].drop[0]"],
    [() => certcalc.payRenewal({ amount_due: "1.001", currency: "USD" }), "invalid_value:amount_due", "amount_due"],
  ];
  for (const [call, code, path] of rows) {
    assert.throws(call, (err) => err.code === code && err.errors[0].path === path && err.message.startsWith(`${path}: `), path);
  }
  // A certificate longer than its order: CertCentral's code and words, the two days in `detail`
  // (100 days from 2026-03-01 is 2026-06-09; 200 days is 2026-09-17).
  assert.throws(() => certcalc.validateOrder({ product_name_id: "ssl_basic", as_of: "2026-03-01", validity_days: 100,
    certificate: { common_name: "example.com", cert_validity: { days: 200 } } }), (err) => assert.deepEqual(err.errors, [{
    code: "cert_validity_exceeds_order_validity",
    message: "The validity period of the certificate cannot exceed the validity period of the order.",
    path: "certificate.cert_validity.days",
    detail: "the certificate ends 2026-09-17, after its order (2026-06-09): a certificate is never longer than its order",
  }]) ?? true);
  // Every problem is listed, reading and domain problems alike, in the order the checks run: the day, the
  // subscription, then the certificate.
  assert.throws(() => certcalc.estimate({ product_name_id: "ssl_basic", as_of: 20260301, certificate: { dns_names: ["a.example", 2] },
    subscription: { start_date: "2026-01-01", proration: "weekly", licenses: [{ product_name_id: "ssl_basic", asset_type: "fqdn", quantity: 1.5 }] } }),
  (err) => assert.deepEqual(err.errors.map((p) => p.path),
    ["as_of", "subscription.proration", "subscription.licenses[0].quantity", "certificate.dns_names[1]"]) ?? true);
  // Many bad subaccounts: 100 problems and one "and N more".
  const bad = Array.from({ length: 10_000 }, () => ({ id: "", name: "", bill_parent: false, subscription: { start_date: "x" } }));
  assert.throws(() => certcalc.partnerRollup({ subaccounts: bad }), (err) => err.errors.length === 101 && /^and \d+ more problems/.test(err.errors[100].message));
});

test("a price list that is not an object is refused, never priced with the sample list", () => {
  for (const [what, list] of [["a function", () => 1], ["a Symbol", Symbol("s")], ["NaN", NaN], ["a number", 7], ["a string", "USD"],
    ["an object whose toJSON answers null", { toJSON: () => null }], ["an array", [priceList]]]) {
    assert.throws(() => certcalc.estimate(request(), list), (err) => err.code === "invalid_value:price_list", what);
  }
});

test("a PriceList is read and checked once, then priced with as it was checked", () => {
  const checked = certcalc.priceList(priceList);
  assert.ok(checked instanceof certcalc.PriceList);
  const req = request();
  // The same answers as the plain list, for every function that takes one.
  assert.deepEqual(certcalc.estimate(req, checked), certcalc.estimate(req, priceList));
  const sub = { start_date: "2026-01-01", licenses: [{ product_name_id: "ssl_basic", asset_type: "fqdn", quantity: 2 }] };
  assert.deepEqual(certcalc.renewalQuote(sub, checked), certcalc.renewalQuote(sub, priceList));
  // It writes as the list it was given (the fields certcalc reads), and a plain copy of that is read as a
  // plain list; a key certcalc does not read is left out.
  const copy = JSON.parse(JSON.stringify(checked));
  assert.deepEqual(copy, priceList);
  assert.deepEqual(certcalc.estimate(req, copy), certcalc.estimate(req, priceList));
  const noted = certcalc.priceList({ ...priceList, note: "not a field" });
  assert.deepEqual(JSON.parse(JSON.stringify(noted)), priceList);
  noted.free();
  // A bad list is refused when it is made, with every problem.
  assert.throws(() => certcalc.priceList({ currency: "XXX", products: [] }),
    (err) => assert.deepEqual(err.errors.map((p) => p.path), ["currency", "products"]) ?? true);
  // Freed, it is refused, never priced with the sample list.
  checked.free();
  assert.throws(() => certcalc.estimate(req, checked), (err) => err.code === "invalid_value:price_list" && /freed/.test(err.message));
});

test("a plain price list's problems say they are the price list's", () => {
  assert.throws(() => certcalc.estimate(request(), {}),
    (err) => err.code === "invalid_value:currency" && err.errors[0].path === "price_list.currency" && err.message.startsWith("price_list.currency: "));
});

test("toJSON is followed as JSON.stringify follows it: a huge answer is refused before it is written", () => {
  const mb = "x".repeat(1 << 20);
  const hostile = { product_name_id: "ssl_basic", certificate: { toJSON: () => ({ dns_names: Array(100_000).fill(mb) }) } };
  const start = performance.now();
  assert.throws(() => certcalc.estimate(hostile), (err) => err.code === "invalid_value:request" && /longer than/.test(err.message));
  assert.ok(performance.now() - start < 1000, `refused in ${performance.now() - start} ms`);
  // A toJSON that answers small first and huge the second time writes its first answer.
  let calls = 0;
  const twoFaced = { ...request(), certificate: { toJSON: () => (calls++ === 0 ? { common_name: "a.example" } : { dns_names: Array(100_000).fill(mb) }) } };
  assert.equal(certcalc.estimate(twoFaced).lines[0].asset, "a.example");
  // The module answers afterwards.
  assert.equal(certcalc.estimate(request()).currency, "USD");
});

test("text beyond ASCII crosses the boundary intact, both ways", () => {
  // The argument is written into the module as UTF-8: first into as many bytes as it has UTF-16 units (all
  // of an ASCII text), then, as here, into three times as many. Names come back as given, trimmed.
  const names = ["Société Générale", "日本電信電話株式会社", "Ærø 😀 GmbH"];
  for (const organization of names) {
    const e = certcalc.estimate({ product_name_id: "code_signing", certificate: { organization: ` ${organization} ` },
      as_of: "2026-04-01", order_validity: { years: 1 } });
    assert.equal(e.lines[0].asset, organization);
    assert.equal(e.total_price, "500.00"); // the embedded list's code signing: 500.00 a year, one year
  }
  const r = certcalc.partnerRollup({ subaccounts: [{ id: "sub-é", name: "Müller & Söhne 😀", bill_parent: true,
    subscription: { start_date: "2026-01-01", licenses: [] } }] });
  assert.deepEqual([r.subaccounts[0].id, r.subaccounts[0].name], ["sub-é", "Müller & Söhne 😀"]);
});

test("errors are real Errors in CertCentral's shape", () => {
  let err;
  try {
    certcalc.estimate({ product_name_id: "nope", as_of: "2026-01-01" });
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof Error);
  assert.equal(err.code, "invalid_value:product_name_id");
  assert.ok(Array.isArray(err.errors) && err.errors.length === 1);
  assert.deepEqual(Object.keys(err.errors[0]).sort(), ["code", "message", "path"]);
  assert.equal(err.errors[0].path, "product_name_id");
  assert.equal(err.errors[0].code, err.code);
  assert.equal(err.errors[0].message, err.message);
  assert.ok(err.message.length > 0);
});

test("several problems are listed in one error, the first being err.code", () => {
  const req = {
    product_name_id: "ssl_securesite_flex",
    certificate: { dns_names: ["a.example"] },
    order_validity: { days: 398 },
    as_of: "2026-03-01",
    subscription: { start_date: "2026-01-01", licenses: [] },
  };
  let err;
  try {
    certcalc.validateOrder(req, priceList);
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof Error);
  const codes = err.errors.map((p) => p.code);
  assert.deepEqual(codes, ["invalid_value:validity_days", "insufficient_subscription"]);
  assert.equal(err.code, codes[0]);
});

const request = () => ({
  product_name_id: "ssl_securesite_flex",
  certificate: { dns_names: ["a.example"] },
  as_of: "2026-04-01",
  subscription: { start_date: "2026-01-01", licenses: [] },
});

const bad = [
  ["a number where money is expected", () => certcalc.payRenewal({ amount_due: 3000, currency: "USD" }), "invalid_value:amount_due"],
  ["a missing field", () => certcalc.estimate({ as_of: "2026-01-01", certificate: { common_name: "example.com" } }), "invalid_value:product_name_id"],
  ["a wrong type", () => certcalc.estimate({ ...request(), certificate: { dns_names: "a.example" } }), "invalid_value:dns_names"],
  ["null", () => certcalc.estimate(null), "invalid_value:request"],
  ["undefined", () => certcalc.estimate(undefined), "invalid_value:request"],
  ["no argument at all", () => certcalc.renewalQuote(), "invalid_value:subscription"],
  ["a string instead of an object", () => certcalc.payRenewal("3000.00"), "invalid_value:payment"],
  ["a string instead of a price list", () => certcalc.estimate(request(), "USD"), "invalid_value:price_list"],
  ["a bigint (JSON.stringify refuses it)", () => certcalc.estimate({ ...request(), order_validity: { days: 10n ** 30n } }), "invalid_value:request"],
  ["NaN as a quantity", () => certcalc.renewalQuote({ start_date: "2026-01-01", licenses: [{ product_name_id: "ssl_basic", asset_type: "fqdn", quantity: NaN }] }), "invalid_value:quantity"],
  ["a number as a simulated plan's date", () => certcalc.simulate({ start_date: 20260101, years: 1 }), "invalid_value:start_date"],
  ["an array as a portfolio", () => certcalc.partnerRollup([]), "invalid_value:portfolio"],
  ["a string as a portfolio", () => certcalc.partnerRollup("partner"), "invalid_value:portfolio"],
];

for (const [what, call, code] of bad) {
  test(`bad input gives ${code}: ${what}`, () => {
    assert.throws(call, (err) => err instanceof Error && err.code === code && err.errors[0].code === code);
  });
}

// Values that are not plain data: each is refused with an `invalid_value:` code, never a RangeError, a
// TypeError from a getter, or `RuntimeError: unreachable` (out of memory). What `JSON.stringify` cannot
// write (a cycle, a throwing getter or Proxy, 100 GB of JSON, nesting deeper than the engine's stack) refuses
// the whole argument: certcalc reads the JSON text of what it is given.
const cyclic = () => { const a = []; a.push(a); return a; };
const deep = (n = 500) => { let a = []; for (let i = 0; i < n; i++) a = [a]; return a; };
const hostile = [
  ["a cyclic array as as_of", () => certcalc.estimate({ ...request(), as_of: cyclic() }), "invalid_value:request"],
  ["an array nested 500 deep as a dns name", () => certcalc.estimate({ ...request(), certificate: { dns_names: [deep()] } }), "invalid_value:request"],
  ["an array nested 200,000 deep as a dns name", () => certcalc.estimate({ ...request(), certificate: { dns_names: [deep(200_000)] } }), "invalid_value:request"],
  ["a getter that throws", () => certcalc.estimate(Object.defineProperty(request(), "as_of", { get() { throw new TypeError("boom"); }, enumerable: true })), "invalid_value:request"],
  ["a revoked Proxy as dns_names", () => { const { proxy, revoke } = Proxy.revocable([], {}); revoke(); return certcalc.estimate({ ...request(), certificate: { dns_names: proxy } }); }, "invalid_value:request"],
  ["a Proxy whose traps throw", () => certcalc.estimate(new Proxy(request(), { get() { throw new Error("trap"); } })), "invalid_value:request"],
  ["100,000 references to one 1 MB string", () => certcalc.estimate({ ...request(), certificate: { dns_names: Array(100_000).fill("a".repeat(1 << 20)) } }), "invalid_value:request"],
  ["a price list with 100,000 products", () => certcalc.estimate(request(), { ...priceList, products: Array(100_000).fill(priceList.products[0]) }), "invalid_value:products"],
];

for (const [what, call, code] of hostile) {
  test(`hostile input gives ${code}: ${what}`, () => {
    assert.throws(call, (err) => err instanceof Error && err.code === code && err.message.length < 2_000);
  });
}

test("an unknown field may hold any data, a function, a symbol or undefined", () => {
  const weird = { ...request(), extra: deep(), fn: () => 1, sym: Symbol("s"), nothing: undefined, when: new Date(0) };
  assert.equal(certcalc.estimate(weird).total_price, "301.37");
});

test("after every refusal the module still answers", () => {
  assert.equal(certcalc.estimate(request()).total_price, "301.37"); // 400 × 275 / 365 = 301.369…
});
