// A reseller page's use of certcalc, type-checked against the generated .d.ts: every input and output of
// the API (README "The API") is a precise type (no `any`), and the mistakes below are compile errors.
import init, {
  catalog,
  estimate,
  isCertcalcError,
  payRenewal,
  renewalQuote,
  validateOrder,
  version,
  type CertcalcError,
  type Decimal,
  type Estimate,
  type Ledger,
  type OrderRequest,
  type Payment,
  priceList,
  type PriceList,
  type PriceListInput,
  type Rollup,
} from "certcalc";
// The whole API's module (www/pkg/full/): simulate and partnerRollup too.
import initFull, { partnerRollup, simulate } from "certcalc/full";

// `IsAny<T>` is true only for `any`: the exports' parameters and results must all be precise.
type IsAny<T> = 0 extends 1 & T ? true : false;
type Exports = {
  catalog: typeof catalog;
  priceList: typeof priceList;
  estimate: typeof estimate;
  validateOrder: typeof validateOrder;
  renewalQuote: typeof renewalQuote;
  payRenewal: typeof payRenewal;
  simulate: typeof simulate;
  partnerRollup: typeof partnerRollup;
  version: typeof version;
};
type AnyIn<F> = F extends (...args: infer A) => unknown ? IsAny<A[number]> : never;
type AnyOut<F> = F extends (...args: never[]) => infer R ? IsAny<R> : never;
type Leaks = { [K in keyof Exports]: AnyIn<Exports[K]> | AnyOut<Exports[K]> }[keyof Exports];
const noAny: Leaks extends false ? true : never = true;

export async function main(): Promise<string> {
  await init();
  await initFull();
  const list: PriceListInput = catalog();
  // Read and checked once, then passed to every call (a plain list works too).
  const prices: PriceList = priceList(list);
  const request: OrderRequest = {
    product_name_id: "ssl_securesite_flex",
    certificate: { dns_names: ["*.example.com", "example30.com"] },
    order_validity: { days: 397 },
    as_of: "2026-03-01",
    subscription: {
      start_date: "2026-01-01",
      proration: "monthly",
      licenses: [{ product_name_id: "ssl_securesite_flex", asset_type: "wildcard", quantity: 2 }],
    },
  };
  const e: Estimate = estimate(request, prices);
  console.log(estimate(request, list).total_price satisfies Decimal);
  const total: Decimal = e.total_price;
  const firstCovered: boolean | undefined = e.lines[0]?.covered;
  const days: number | undefined = e.lines[0]?.remaining_days;
  estimate(request); // the price list is optional
  estimate(request, null);

  try {
    const ok = validateOrder(request);
    const accepted: true = ok.ok;
    void accepted;
  } catch (err) {
    if (isCertcalcError(err)) {
      const narrowed: CertcalcError = err; // the package's guard narrows a caught `unknown`
      void narrowed;
      const codes: string[] = err.errors.map((p) => `${p.code}: ${p.message}`);
      // where each problem is, for the input a form shows it beside (absent for the whole order's)
      const paths: (string | undefined)[] = err.errors.map((p) => p.path);
      console.log(err.code, err.message, codes, paths);
    }
  }

  const quote = renewalQuote({ start_date: "2026-01-01", licenses: [] });
  const renewalDate: string = quote.renewal_date;
  const payment: Payment = payRenewal({
    amount_due: quote.total,
    currency: quote.currency,
    account_balance: "1000.00",
    cards: [{ id: "visa-4242", is_default: true, available_credit: "5000.00" }],
  });
  const status: "paid" | "declined" | "no_payment_method" = payment.status;
  const source: "account_balance" | "credit_card" | undefined = payment.steps[0]?.source;

  const ledger: Ledger = simulate({
    start_date: "2026-01-01",
    years: 2,
    licenses: [{ product_name_id: "ssl_basic", asset_type: "fqdn", asset: "a.example" }],
    events: [
      { date: "2026-04-01", add: [{ product_name_id: "ssl_basic", asset_type: "wildcard", asset: "*.b.example" }] },
      { date: "2026-06-01", drop: ["a.example"] },
      { date: "2027-01-01", renew: true },
    ],
  });
  const kinds: ("activation" | "addition" | "renewal")[] = ledger.ledger.map((x) => x.kind);

  const rollup: Rollup = partnerRollup(
    {
      partner: { account_balance: "500.00", cards: [{ id: "p-1", is_default: true }] },
      subaccounts: [
        { id: "acme", name: "Acme", bill_parent: true, subscription: { start_date: "2026-01-01" } },
        { id: "globex", name: "Globex", bill_parent: false, subscription: { start_date: "2026-02-01" }, account_balance: "0" },
      ],
    },
    prices,
  );
  const payer: string | undefined = rollup.payers[0]?.payments[0]?.subaccount;

  // Mistakes the types catch:
  // @ts-expect-error money is a decimal string, never a number
  payRenewal({ amount_due: 3000, currency: "USD" });
  // `as_of` may be left out: the caller's local today, said in the answer.
  console.log(estimate({ product_name_id: "ssl_basic", certificate: { common_name: "example.com" } }).as_of satisfies string);
  // @ts-expect-error `product_name_id` is required
  estimate({ certificate: { common_name: "example.com" } });
  // @ts-expect-error "ip" is not an asset type
  renewalQuote({ start_date: "2026-01-01", licenses: [{ product_name_id: "ssl_basic", asset_type: "ip" }] });
  // @ts-expect-error "yearly" is not a proration
  renewalQuote({ start_date: "2026-01-01", proration: "yearly" });
  // (An event's one action is checked when it runs: `invalid_value:events`.)
  // @ts-expect-error a total is a string
  const wrong: number = e.total_price;
  // @ts-expect-error payRenewal takes no price list
  payRenewal({ amount_due: "1.00", currency: "USD" }, prices);

  return [version(), total, firstCovered, days, renewalDate, status, source, kinds, payer, noAny, wrong].join(" ");
}
