/// The JavaScript API's functions by name, written once for every test, native and in the browser.
/// `js_api!(name, m)` is `Some(m!(function, "argument", prices))` for a function that takes a price list,
/// `Some(m!(function, "argument"))` for one that does not, and `None` for a name that is not a function:
/// `function` is the Rust name (in `certcalc` and `certcalc::wasm` alike), `"argument"` the root its
/// problems are told under.
macro_rules! js_api {
    ($name:expr, $m:ident) => {
        match $name {
            "estimate" => Some($m!(estimate, "request", prices)),
            "validateOrder" => Some($m!(validate_order, "request", prices)),
            "renewalQuote" => Some($m!(renewal_quote, "subscription", prices)),
            "payRenewal" => Some($m!(pay_renewal, "payment")),
            "simulate" => Some($m!(simulate, "plan", prices)),
            "partnerRollup" => Some($m!(partner_rollup, "portfolio", prices)),
            _ => None,
        }
    };
}
