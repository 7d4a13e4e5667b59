//! The JavaScript API (DESIGN §2), and the only module with wasm-bindgen in it. Every export does the same
//! four steps: read its input, call the core, convert the answer, convert the error. The TypeScript
//! interfaces below are the contract of the generated `.d.ts`.
//!
//! Values cross as JSON text, both ways: the engine's `JSON.stringify` turns the caller's object into one
//! string, read by the same [`crate::json`] reader the native API uses (so both answer, and refuse, byte for
//! byte alike), and the answer is one string that the engine's `JSON.parse` turns into plain objects. One
//! crossing each way instead of one per field; no serde in the module (BENCHMARKS.md has the figures).
//! `JSON.stringify` also settles what JavaScript-only values mean, as any `fetch` body would: `undefined`
//! and functions are absent, `NaN` is `null`, a `Date` is its ISO string; a cycle, a `BigInt` or a throwing
//! getter is an `invalid_value:<argument>` error.

use alloc::string::String;
use crate::json::{self, FromJson, ToJson};
use crate::{Error, PriceList, PriceListInput};
use alloc::borrow::Cow;
use wasm_bindgen::prelude::*;

type JsResult = Result<JsValue, JsValue>;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** An amount of money: a decimal string with at most the currency's decimals, e.g. `"301.37"` — never a number. */
export type Decimal = string;
/** A calendar date, `"YYYY-MM-DD"`. */
export type DateString = string;
/** An ISO 4217 currency code, e.g. `"USD"`. */
export type CurrencyCode = string;
/** What an asset is (R1). Types never substitute for each other. */
export type AssetType = "fqdn" | "wildcard" | "email_domain" | "email_address" | "organization";
/** A product family (R1). */
export type Family = "tls" | "verified_mark" | "common_mark" | "secure_email" | "code_signing" | "document_signing";
/** How an addition is prorated (R4): by remaining days (the default) or by remaining months. */
export type Proration = "daily" | "monthly";
/** How an order is paid: `subscription` on a subscription account, else the requested method. */
export type PaymentMethod = "subscription" | "balance" | "card" | "new_card";

/** One problem of a refusal. */
export interface CertcalcProblem {
  /** `insufficient_subscription`, `invalid_value:<field>`, `balance_deposit_not_allowed`, ... */
  code: string;
  message: string;
}
/**
 * What every function throws: a real `Error` (`err instanceof Error`) whose `code` and `message` are the
 * first problem's and whose `errors` lists every problem, in CertCentral's shape.
 */
export interface CertcalcError extends Error {
  code: string;
  errors: CertcalcProblem[];
}

/** A product of a price list. */
export interface Product {
  product_name_id: string;
  name: string;
  family: Family;
  /** The 12-month price of one asset, per asset type the family protects. */
  annual_prices: Partial<Record<AssetType, Decimal>>;
}
/** A price list; its currency's minor unit rules all rounding. */
export interface PriceList {
  currency: CurrencyCode;
  label?: string;
  products: Product[];
}

/** A license of a subscription: bound to one `asset`, or `quantity` unbound slots (default 1). */
export interface License {
  product_name_id: string;
  asset_type: AssetType;
  asset?: string;
  quantity?: number;
  added_on?: DateString;
}
/** A subscription: a 12-month term from `start_date` and its pool of licenses (R2). */
export interface Subscription {
  start_date: DateString;
  proration?: Proration;
  licenses?: License[];
}

/** What a certificate names; a family reads only the fields it uses. */
export interface Certificate {
  common_name?: string;
  dns_names?: string[];
  emails?: string[];
  organization?: string;
}
export interface OrderValidity {
  years?: number;
  days?: number;
  custom_expiration_date?: DateString;
}
/** An order or price-estimate request; with no `subscription`, a Multi-year Plan account (R9). */
export interface OrderRequest {
  product_name_id: string;
  certificate?: Certificate;
  order_validity?: OrderValidity;
  /** The day the estimate is for (certcalc never reads a clock). */
  as_of: DateString;
  subscription?: Subscription;
  /** `balance` (default), `card` or `new_card` before subscription; ignored on a subscription. */
  payment_method?: string;
}

export interface Units {
  units: number;
  subtotal: Decimal;
}
/** One asset's price. */
export interface EstimateLine {
  asset: string;
  asset_type: AssetType;
  covered: boolean;
  annual_price: Decimal;
  remaining_days?: number;
  term_days?: number;
  remaining_months?: number;
  years?: number;
  price: Decimal;
}
export interface Estimate {
  currency: CurrencyCode;
  payment_method: PaymentMethod;
  total_price: Decimal;
  fqdns: Units;
  wildcards: Units;
  lines: EstimateLine[];
  /** What the next renewal costs once the estimated assets are added (subscriptions only). */
  renewal_total_after?: Decimal;
  /** The order's years (Multi-year Plan only). */
  years?: number;
}
export interface OrderAccepted {
  ok: true;
  payment_method: PaymentMethod;
  total_price: Decimal;
  lines: EstimateLine[];
}

export interface RenewalLine {
  product_name_id: string;
  asset_type: AssetType;
  asset?: string;
  quantity: number;
  annual_price: Decimal;
  price: Decimal;
}
export interface RenewalQuote {
  currency: CurrencyCode;
  renewal_date: DateString;
  renewed_until: DateString;
  lines: RenewalLine[];
  total: Decimal;
}

/** A saved credit card; without `available_credit` it takes whatever it is charged. */
export interface Card {
  id: string;
  is_default?: boolean;
  available_credit?: Decimal;
}
export interface PaymentRequest {
  amount_due: Decimal;
  currency: CurrencyCode;
  account_balance?: Decimal;
  cards?: Card[];
  /** Always refused on a subscription account (`balance_deposit_not_allowed`). */
  deposit?: Decimal;
}
export interface PaymentStep {
  source: "account_balance" | "credit_card";
  card_id?: string;
  available: Decimal;
  charged: Decimal;
  remaining_due: Decimal;
}
export interface Payment {
  currency: CurrencyCode;
  status: "paid" | "declined" | "no_payment_method";
  steps: PaymentStep[];
  collected: Decimal;
  shortfall: Decimal;
  balance_after: Decimal;
}

/** One dated event of a plan: exactly one action. */
export type PlanEvent =
  /** Licenses added that day, prorated (R4). */
  | { date: DateString; add: License[] }
  /** Assets taken out at the next renewal, without refund. */
  | { date: DateString; drop: string[] }
  /** A marker on a renewal date, for the renewal that happens anyway. */
  | { date: DateString; renew: true }
  /** A deposit to the balance: always refused (`balance_deposit_not_allowed`). */
  | { date: DateString; deposit: Decimal };
/** A subscription's start, its dated events and a horizon of `years` consecutive 12-month terms. */
export interface Plan {
  start_date: DateString;
  proration?: Proration;
  licenses?: License[];
  events?: PlanEvent[];
  years: number;
}
export interface LedgerLine {
  product_name_id: string;
  asset_type: AssetType;
  asset?: string;
  quantity: number;
  annual_price: Decimal;
  remaining_days?: number;
  term_days?: number;
  remaining_months?: number;
  price: Decimal;
}
export interface LedgerEntry {
  date: DateString;
  kind: "activation" | "addition" | "renewal";
  lines: LedgerLine[];
  amount: Decimal;
}
/** The chronological ledger of a plan's charges. */
export interface Ledger {
  currency: CurrencyCode;
  ledger: LedgerEntry[];
  total: Decimal;
}

/** An account's payment sources. */
export interface PaymentSources {
  account_balance?: Decimal;
  cards?: Card[];
}
export interface Subaccount {
  id: string;
  name: string;
  /** `true`: the partner pays its renewal (centralized billing); `false`: it pays its own. */
  bill_parent: boolean;
  subscription: Subscription;
  account_balance?: Decimal;
  cards?: Card[];
}
/** A partner's own payment sources and its customer subaccounts (R10). */
export interface Portfolio {
  partner?: PaymentSources;
  subaccounts?: Subaccount[];
}
export interface SubaccountRollup {
  id: string;
  name: string;
  renewal_date: DateString;
  renewal_total: Decimal;
  /** `"partner"` or the subaccount's own `id`. */
  payer: string;
}
/** One renewal paid by a payer: a `payRenewal` answer with the subaccount and day it is for. */
export interface RenewalPayment extends Payment {
  subaccount: string;
  renewal_date: DateString;
  amount_due: Decimal;
}
export interface PayerRollup {
  payer: string;
  renewal_total: Decimal;
  payments: RenewalPayment[];
}
export interface Rollup {
  currency: CurrencyCode;
  subaccounts: SubaccountRollup[];
  payers: PayerRollup[];
  total: Decimal;
}
"#;

#[wasm_bindgen(inline_js = r#"
export function stringify(value, limit) {
  // Measures what JSON.stringify would write before it writes it, so that one large string referenced many
  // times (100,000 × 1 MB) is refused early instead of exhausting the engine's memory. A walk in plain
  // JavaScript is cheaper than a counting replacer in Node and as cheap in Chromium (BENCHMARKS.md), and
  // leaves JSON.stringify on its fast path. A cycle or a very deep value overflows
  // the stack here, as it would in JSON.stringify: either way the caller gets invalid_value:<argument>.
  // `toJSON` is followed as JSON.stringify follows it (so it runs twice: once here, once there).
  let left = limit;
  const walk = (v, key) => {
    left -= 4;
    if (v !== null && typeof v === "object" && typeof v.toJSON === "function") v = v.toJSON(String(key));
    if (typeof v === "string") left -= v.length;
    else if (Array.isArray(v)) for (let i = 0; i < v.length && left >= 0; i++) walk(v[i], i); // the index becomes a string only for a toJSON
    else if (v !== null && typeof v === "object") {
      for (const k of Object.keys(v)) {
        left -= k.length;
        walk(v[k], k);
        if (left < 0) break;
      }
    }
    if (left < 0) throw new RangeError("too large");
  };
  walk(value, "");
  return JSON.stringify(value) ?? "null"; // undefined for a function, a symbol, undefined: absent, as null
}

// Writes `text` as UTF-8 straight into the module's memory at `ptr` (`cap` bytes); answers the bytes written,
// or -1 when they do not fit. wasm-bindgen's own string passing copies one character at a time in
// JavaScript, and `TextEncoder.encode` allocates: for an 11 MB portfolio in Chromium, 18 and 49 ms against
// 4.5 ms for `encodeInto` (BENCHMARKS.md).
export function encode_into(text, memory, ptr, cap) {
  const { read, written } = encoder.encodeInto(text, new Uint8Array(memory.buffer, ptr, cap));
  return read === text.length ? written : -1;
}
const encoder = new TextEncoder();
"#)]
extern "C" {
    /// `JSON.stringify` with a budget: always a string, `"null"` for a function, a symbol or `undefined`.
    #[wasm_bindgen(catch)]
    fn stringify(value: &JsValue, limit: f64) -> Result<js_sys::JsString, JsValue>;

    fn encode_into(text: &js_sys::JsString, memory: &JsValue, ptr: u32, cap: u32) -> f64;
}

/// A JavaScript string as UTF-8, encoded by the engine into a buffer of this module: as long as the
/// string in UTF-16 units (enough for ASCII), else three times that.
fn utf8(text: &js_sys::JsString) -> Option<String> {
    let units = text.length() as usize;
    if units > json::MAX_TEXT {
        return None;
    }
    for cap in [units, units.checked_mul(3)?] {
        let mut buf = vec![0u8; cap];
        let written = encode_into(text, &wasm_bindgen::memory(), buf.as_mut_ptr() as u32, u32::try_from(cap).ok()?);
        if written >= 0.0 {
            buf.truncate(written as usize);
            return String::from_utf8(buf).ok();
        }
    }
    None
}

/// A caller's value as JSON text: `JSON.stringify` (guarded), encoded into this module.
fn text(value: &JsValue, root: &'static str) -> Result<String, Error> {
    // `encodeInto` writes valid UTF-8 (`JSON.stringify` escapes lone surrogates), so `utf8` fails only over
    // the length limit.
    let text = stringify(value, json::MAX_TEXT as f64).ok().and_then(|t| utf8(&t));
    text.ok_or_else(|| {
        Error::invalid(root, msg!(root, ": cannot be read as JSON (a cycle, a BigInt, a throwing getter, or over 128 MB)"))
    })
}

/// Reads a caller's value: its JSON text, then the native reader.
fn read<T: FromJson>(value: &JsValue, root: &'static str) -> Result<T, Error> {
    json::from_json(&text(value, root)?, root)
}

/// The given price list, or the embedded one when the argument is missing, `undefined` or `null`.
fn prices(list: Option<JsValue>) -> Result<Cow<'static, PriceList>, Error> {
    // The glue passes `undefined` and `null` as `None`; a Rust caller may pass them as values.
    match list.map(|list| text(&list, "price_list")).transpose()? {
        Some(text) if text != "null" => {
            let input: PriceListInput = json::from_json(&text, "price_list")?;
            PriceList::parse(&input).map(Cow::Owned)
        }
        _ => Ok(Cow::Borrowed(PriceList::embedded())),
    }
}

/// Plain objects and strings out, built by one `JSON.parse` of the answer written in Rust.
fn write<T: ToJson + ?Sized>(value: &T) -> JsResult {
    js_sys::JSON::parse(&json::to_json(value))
}

/// A real `Error` whose `message` and `code` are the first problem's and whose `errors` lists them all.
fn throw(e: Error) -> JsValue {
    let err = js_sys::Error::new(e.message());
    let errors = write(e.errors()).unwrap_or(JsValue::NULL);
    // Setting a property on a fresh Error object cannot fail; were it to, the Error still carries the message.
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("code"), &JsValue::from_str(e.code()));
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("errors"), &errors);
    err.into()
}

fn answer<T: ToJson>(r: Result<T, Error>) -> JsResult {
    r.map_err(throw).and_then(|v| write(&v))
}

/// The embedded default price list (sample prices, USD).
#[wasm_bindgen(unchecked_return_type = "PriceList")]
pub fn catalog() -> JsResult {
    // The list's own JSON text, which a unit test holds equal to what `PriceList::embedded()` writes: no
    // writer for price lists in the module.
    js_sys::JSON::parse(crate::catalog::EMBEDDED)
}

/// certcalc's version.
#[wasm_bindgen(unchecked_return_type = "string")]
pub fn version() -> JsValue {
    // A JavaScript string made on this side: no Rust `String` for the glue to copy out and free.
    JsValue::from_str(crate::VERSION)
}

/// Prices an order request (R4, R9). `priceList` defaults to `catalog()`.
/// @throws {CertcalcError} `invalid_value:<field>` for a malformed or missing field.
#[wasm_bindgen(unchecked_return_type = "Estimate")]
pub fn estimate(
    #[wasm_bindgen(unchecked_param_type = "OrderRequest")] request: JsValue,
    #[wasm_bindgen(js_name = priceList, unchecked_optional_param_type = "PriceList | null")] price_list: Option<
        JsValue,
    >,
) -> JsResult {
    answer(prices(price_list).and_then(|p| crate::estimate(&read(&request, "request")?, &p)))
}

/// Decides whether CertCentral accepts an order (R5, R6, R9). `priceList` defaults to `catalog()`.
/// @throws {CertcalcError} `insufficient_subscription`, `invalid_value:validity_days`, `invalid_value:<field>`.
#[wasm_bindgen(js_name = validateOrder, unchecked_return_type = "OrderAccepted")]
pub fn validate_order(
    #[wasm_bindgen(unchecked_param_type = "OrderRequest")] request: JsValue,
    #[wasm_bindgen(js_name = priceList, unchecked_optional_param_type = "PriceList | null")] price_list: Option<
        JsValue,
    >,
) -> JsResult {
    answer(prices(price_list).and_then(|p| crate::validate_order(&read(&request, "request")?, &p)))
}

/// Quotes a subscription's renewal: every license at its full 12-month price (R7).
/// @throws {CertcalcError} `invalid_value:<field>` for a malformed or missing field.
#[wasm_bindgen(js_name = renewalQuote, unchecked_return_type = "RenewalQuote")]
pub fn renewal_quote(
    #[wasm_bindgen(unchecked_param_type = "Subscription")] subscription: JsValue,
    #[wasm_bindgen(js_name = priceList, unchecked_optional_param_type = "PriceList | null")] price_list: Option<
        JsValue,
    >,
) -> JsResult {
    answer(prices(price_list).and_then(|p| crate::renewal_quote(&read(&subscription, "subscription")?, &p)))
}

/// Pays a renewal: balance first, then the default card, never split between cards (R8).
/// @throws {CertcalcError} `balance_deposit_not_allowed`, `invalid_value:<field>`.
#[wasm_bindgen(js_name = payRenewal, unchecked_return_type = "Payment")]
pub fn pay_renewal(#[wasm_bindgen(unchecked_param_type = "PaymentRequest")] payment: JsValue) -> JsResult {
    answer(read(&payment, "payment").and_then(|p| crate::pay_renewal(&p)))
}

/// Simulates a subscription over `years` terms: the chronological ledger of its charges (R4, R7).
/// `priceList` defaults to `catalog()`.
/// @throws {CertcalcError} `invalid_value:events`, `invalid_value:years`, `invalid_value:<field>`.
#[wasm_bindgen(unchecked_return_type = "Ledger")]
pub fn simulate(
    #[wasm_bindgen(unchecked_param_type = "Plan")] plan: JsValue,
    #[wasm_bindgen(js_name = priceList, unchecked_optional_param_type = "PriceList | null")] price_list: Option<
        JsValue,
    >,
) -> JsResult {
    answer(prices(price_list).and_then(|p| crate::simulate(&read(&plan, "plan")?, &p)))
}

/// Rolls up a partner's subaccounts: each renewal, who pays it, and the totals per payer (R10).
/// `priceList` defaults to `catalog()`.
/// @throws {CertcalcError} `invalid_value:<field>` for a malformed or missing field.
#[wasm_bindgen(js_name = partnerRollup, unchecked_return_type = "Rollup")]
pub fn partner_rollup(
    #[wasm_bindgen(unchecked_param_type = "Portfolio")] portfolio: JsValue,
    #[wasm_bindgen(js_name = priceList, unchecked_optional_param_type = "PriceList | null")] price_list: Option<
        JsValue,
    >,
) -> JsResult {
    answer(prices(price_list).and_then(|p| crate::partner_rollup(&read(&portfolio, "portfolio")?, &p)))
}
